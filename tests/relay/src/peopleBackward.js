graphql`
  fragment peopleBackward_query on Query
  @refetchable(queryName: "peopleBackwardPaginationQuery")
  @argumentDefinitions(count: {type: "Int!"}, cursor: {type: "String"}) {
    entities(kinds: [PERSON], last: $count, before: $cursor) @connection(key: "peopleBackward_entities") {
      edges { node { id name } }
    }
  }
`;
graphql`
  query peopleBackwardQuery { ...peopleBackward_query @arguments(count: 3) }
`;
