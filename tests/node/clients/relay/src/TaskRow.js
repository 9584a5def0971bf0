// One task in a list: a plain fragment on a Node type.
import { graphql } from 'react-relay';

export const TaskRowFragment = graphql`
  fragment TaskRow_task on Task {
    id
    title
    status
    points
    dueDate
    assignedTo {
      id
      fullName
    }
  }
`;
