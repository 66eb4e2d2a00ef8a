graphql`
  fragment country_entity on Country
  @refetchable(queryName: "countryRefetchQuery")
  @argumentDefinitions(types: {type: "[RelationType!]", defaultValue: [EXPORTS]}) {
    id
    name
    relations(filter: {types: $types, direction: OUT}, first: 5) {
      totalCount
      edges { relation { id } }
    }
  }
`;
