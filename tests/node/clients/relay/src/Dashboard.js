// The page's query, spreading the fragments above; its mutation and subscription update the store by id.
import { graphql } from 'react-relay';

export const DashboardQuery = graphql`
  query DashboardQuery($familyId: ID!) {
    me {
      id
      ...MemberCard_user
    }
    family(id: $familyId) {
      id
      name
      members {
        id
        ...MemberCard_user
      }
      ...TaskList_family
    }
  }
`;

export const ApproveMutation = graphql`
  mutation DashboardApproveMutation($input: ApproveTaskInput!) {
    approveTask(input: $input) {
      task {
        id
        ...TaskRow_task
      }
      errors {
        __typename
        ... on Error {
          message
          code
        }
      }
    }
  }
`;

export const TaskUpdatedSubscription = graphql`
  subscription DashboardTaskUpdatedSubscription($familyId: ID!) {
    taskUpdated(familyId: $familyId) {
      id
      ...TaskRow_task
    }
  }
`;
