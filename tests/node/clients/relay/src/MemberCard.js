// A member's card, refetched on its own through Query.node.
import { graphql } from 'react-relay';

export const MemberCardFragment = graphql`
  fragment MemberCard_user on User @refetchable(queryName: "MemberCardRefetchQuery") {
    id
    fullName
    totalPoints
    currentStreak
  }
`;
