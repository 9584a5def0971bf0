// Family.tasks as a Relay connection, paged forward with usePaginationFragment: @connection needs the Relay
// connection shape (edges { cursor node }, pageInfo), @refetchable needs Family to be a Node (Query.node).
import { graphql } from 'react-relay';

export const TaskListFragment = graphql`
  fragment TaskList_family on Family
  @refetchable(queryName: "TaskListPaginationQuery")
  @argumentDefinitions(
    first: { type: "Int", defaultValue: 10 }
    after: { type: "String" }
    where: { type: "TaskFilterInput" }
  ) {
    id
    tasks(first: $first, after: $after, where: $where) @connection(key: "TaskList_tasks", filters: ["where"]) {
      edges {
        node {
          id
          ...TaskRow_task
        }
      }
    }
  }
`;
