// Compares the schema kgql serves as SDL (GET /schema.graphql) with the one
// its introspection answers, as a client tool sees them: graphql-js builds a
// schema from each (buildSchema, buildClientSchema, as codegen tools do),
// and prints both with one printer (printSchema, types sorted). Exits 1
// with the first lines that differ.
// Usage: node schema.mjs BASE_URL
import { buildClientSchema, buildSchema, getIntrospectionQuery, lexicographicSortSchema, printSchema } from 'graphql';

const base = process.argv[2];
const sdlResponse = await fetch(`${base}/schema.graphql`);
const sdl = await sdlResponse.text();
if (sdlResponse.status !== 200 || !sdlResponse.headers.get('content-type')?.startsWith('text/plain')) {
  console.error(`GET /schema.graphql: ${sdlResponse.status} ${sdlResponse.headers.get('content-type')}\n${sdl}`);
  process.exit(1);
}
const query = getIntrospectionQuery({ descriptions: true, specifiedByUrl: true, directiveIsRepeatable: true, inputValueDeprecation: true });
const answer = await (await fetch(`${base}/graphql`, {
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ query }),
})).json();
if (answer.errors) {
  console.error(`introspection: ${JSON.stringify(answer.errors)}`);
  process.exit(1);
}
const print = (schema) => printSchema(lexicographicSortSchema(schema));
const fromSDL = print(buildSchema(sdl)).split('\n');
const fromIntrospection = print(buildClientSchema(answer.data)).split('\n');
for (let i = 0; i < Math.max(fromSDL.length, fromIntrospection.length); i++) {
  if (fromSDL[i] !== fromIntrospection[i]) {
    console.error(`line ${i + 1} differs:\n/schema.graphql: ${fromSDL.slice(i, i + 5).join('\n')}\nintrospection:   ${fromIntrospection.slice(i, i + 5).join('\n')}`);
    process.exit(1);
  }
}
console.log(`${fromSDL.length} lines alike`);
