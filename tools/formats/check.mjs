// Loads a kgql export with the library that reads its format and prints
// what the library holds, as JSON: {nodes: [{id, attributes}], edges:
// [{id, source, target, attributes}]}, by id. A file the library refuses
// exits with status 1. The export tests compare the output with the
// GraphQL answer the export was made from.
// Usage: node check.mjs cytoscape|graphology|gexf FILE
import { readFileSync } from 'node:fs';
import cytoscape from 'cytoscape';
import graphology from 'graphology';
import gexf from 'graphology-gexf';

const { MultiDirectedGraph } = graphology;
const [format, file] = process.argv.slice(2);
const text = readFileSync(file, 'utf8');

function without(obj, ...keys) {
  const out = { ...obj };
  for (const k of keys) delete out[k];
  return out;
}

function fromGraphology(graph) {
  const nodes = [];
  const edges = [];
  graph.forEachNode((id, attributes) => nodes.push({ id, attributes }));
  graph.forEachEdge((id, attributes, source, target) => edges.push({ id, source, target, attributes }));
  return { type: graph.type, multi: graph.multi, nodes, edges };
}

let held;
try {
  switch (format) {
    case 'cytoscape': {
      const cy = cytoscape({ headless: true, styleEnabled: false });
      cy.json(JSON.parse(text));
      held = {
        nodes: cy.nodes().map((n) => ({ id: n.id(), attributes: without(n.data(), 'id') })),
        edges: cy.edges().map((e) => ({ id: e.id(), source: e.source().id(), target: e.target().id(), attributes: without(e.data(), 'id', 'source', 'target') })),
      };
      break;
    }
    case 'graphology':
      held = fromGraphology(graphology.from(JSON.parse(text)));
      break;
    case 'gexf':
      held = fromGraphology(gexf.parse(MultiDirectedGraph, text));
      break;
    default:
      throw new Error(`unknown format ${format}`);
  }
} catch (err) {
  console.error(`${format}: the library refuses ${file}: ${err.message}`);
  process.exit(1);
}
const byId = (a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
held.nodes.sort(byId);
held.edges.sort(byId);
console.log(JSON.stringify(held));
