graphql`
  fragment people_query on Query
  @refetchable(queryName: "peoplePaginationQuery")
  @argumentDefinitions(count: {type: "Int!"}, cursor: {type: "String"}) {
    entities(kinds: [PERSON], first: $count, after: $cursor) @connection(key: "people_entities") {
      edges { node { id name } }
    }
  }
`;
graphql`
  query peopleQuery { ...people_query @arguments(count: 3) }
`;
