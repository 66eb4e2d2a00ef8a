// The explorer's questions to kgql, all on the page's own origin: GraphQL
// at /graphql and files at /export.

// What the drawing keeps of an entity and of a relation.
const ENTITY = 'id kind name aliases';
const RELATION = 'id type source target status role validFrom { value first } validTo { value last }';

// Entity ids per nodes(ids) and per neighborhood(ids): the API's cap.
export const MAX_IDS = 100;

// ApiError is a GraphQL answer with errors: the first error's message and
// code, as the API words them.
export class ApiError extends Error {
  constructor(errors) {
    const first = errors[0] || {};
    super(first.message || 'the API answered with an error');
    this.code = first.extensions && first.extensions.code;
  }
}

function request(url, body) {
  return fetch(url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
    body: JSON.stringify(body),
  });
}

export async function gql(query, variables) {
  const res = await request('/graphql', { query, variables });
  const body = await res.json();
  if (body.errors && body.errors.length) throw new ApiError(body.errors);
  return body.data;
}

// vocabulary reads the kinds, relation types and statuses with their
// descriptions from the schema, so the page never lists them itself.
export async function vocabulary() {
  const values = '{ enumValues { name description } }';
  const data = await gql(`query Vocabulary { kinds: __type(name: "EntityKind") ${values}
    types: __type(name: "RelationType") ${values} statuses: __type(name: "Status") ${values} }`);
  return { kinds: data.kinds.enumValues, types: data.types.enumValues, statuses: data.statuses.enumValues };
}

export async function search(text) {
  const data = await gql(`query Search($text: String!) {
    search(text: $text, relations: false, first: 12) { entity { ${ENTITY} } field matched } }`, { text });
  return data.search.filter((hit) => hit.entity);
}

// expand asks what the drawing (known) lacks around one entity: new
// entities with their degrees under the filter, and the relations that
// join them to the drawing.
export async function expand(id, known, filter, limit) {
  const data = await gql(`query Expand($ids: [ID!]!, $known: [ID!]!, $filter: Filter, $limit: Int!) {
    expand(ids: $ids, known: $known, filter: $filter, limit: $limit) {
      truncated
      nodes { entity { ${ENTITY} } degree hiddenDegree }
      edges { ${RELATION} }
      expanded { entity { ${ENTITY} } degree hiddenDegree } } }`, { ids: [id], known, filter, limit });
  return data.expand;
}

export async function shortestPath(from, to, filter) {
  const data = await gql(`query Path($from: ID!, $to: ID!, $filter: Filter) {
    shortestPath(from: $from, to: $to, maxHops: 6, filter: $filter) {
      truncated
      path { nodes { ${ENTITY} degree(filter: $filter) } relations { ${RELATION} } } } }`, { from, to, filter });
  return data.shortestPath;
}

// between returns every relation the filter admits between an entity of
// some and an entity of all, and the degree of each under the filter: the
// induced subgraph (neighborhood with hops 0) of each pair of chunks of
// ids, several chunks a request.
export async function between(some, all, filter) {
  const half = MAX_IDS / 2;
  const groups = [];
  for (let i = 0; i < some.length; i += half) {
    for (let j = 0; j < all.length; j += half) {
      groups.push([...new Set([...some.slice(i, i + half), ...all.slice(j, j + half)])]);
    }
  }
  const nodes = new Map();
  const edges = new Map();
  const perRequest = 8; // well under the complexity limit
  for (let k = 0; k < groups.length; k += perRequest) {
    const batch = groups.slice(k, k + perRequest);
    const params = batch.map((_, i) => `$g${i}: [ID!]!, $n${i}: Int!`).join(', ');
    const fields = batch.map((_, i) => `g${i}: neighborhood(ids: $g${i}, hops: 0, filter: $filter, limit: $n${i}) {
      nodes { ${ENTITY} degree(filter: $filter) } edges { ${RELATION} } }`).join('\n');
    const variables = { filter };
    batch.forEach((ids, i) => { variables[`g${i}`] = ids; variables[`n${i}`] = ids.length; });
    const data = await gql(`query Between($filter: Filter, ${params}) { ${fields} }`, variables);
    for (const sub of Object.values(data)) {
      for (const n of sub.nodes) nodes.set(n.id, n);
      for (const e of sub.edges) edges.set(e.id, e);
    }
  }
  return { nodes: [...nodes.values()], edges: [...edges.values()] };
}

// evidence reads a relation with every statement of it and the text of
// each statement's document, to show the sentence in its paragraph.
export async function evidence(id) {
  const data = await gql(`query Evidence($id: ID!) { node(id: $id) { ... on Relation {
    id type role status note rank previousRank
    validFrom { value } validTo { value } pointInTime { value } amount { text } count { text }
    from { id name } to { id name } counterpart { id name }
    evidence { excerpt start end date { value } saidBy { id name }
      document { id name ... on Document { title url publishedAt { value } text } } } } } }`, { id });
  return data.node;
}

// exportDrawing asks /export for a file of the given format holding the
// entities and relations of ids (read by id, MAX_IDS a field), so the
// file is what /export makes of them. It returns the file and its name.
export async function exportDrawing(format, ids) {
  const chunks = [];
  for (let i = 0; i < ids.length; i += MAX_IDS) chunks.push(ids.slice(i, i + MAX_IDS));
  const params = chunks.map((_, i) => `$c${i}: [ID!]!`).join(', ');
  const fields = chunks.map((_, i) => `${i ? `c${i}: ` : ''}nodes(ids: $c${i}) { id }`).join('\n');
  const variables = {};
  chunks.forEach((c, i) => { variables[`c${i}`] = c; });
  const res = await request('/export?format=' + encodeURIComponent(format), { query: `query Drawing(${params}) { ${fields} }`, variables });
  if (!res.ok) {
    const body = await res.json();
    throw new ApiError(body.errors || []);
  }
  const name = /filename="([^"]+)"/.exec(res.headers.get('Content-Disposition') || '');
  return { blob: await res.blob(), name: name ? name[1] : 'kgql-export.' + format };
}
