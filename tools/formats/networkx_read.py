"""Reads a kgql GraphML export with networkx (nx.read_graphml, as a Python
analyst would) and prints what networkx holds, as JSON: {directed, multi,
nodes: [{id, attributes}], edges: [{id, source, target, attributes}]}, ids
as the file writes them, every attribute value as text. A file networkx refuses exits with
status 1. The export tests compare the output with the GraphQL answer.

Usage: .venv/bin/python networkx_read.py FILE
"""
import json
import sys

import networkx as nx

path = sys.argv[1]
try:
    g = nx.read_graphml(path, force_multigraph=True)
except Exception as err:  # networkx raises several kinds for a bad file
    print(f"networkx refuses {path}: {err}", file=sys.stderr)
    sys.exit(1)


def text(attrs):
    return {k: str(v) for k, v in attrs.items()}


print(json.dumps({
    "directed": g.is_directed(),
    "multi": g.is_multigraph(),
    "nodes": [{"id": n, "attributes": text(a)} for n, a in g.nodes(data=True)],
    "edges": [{"id": k, "source": u, "target": v, "attributes": text(a)}
              for u, v, k, a in g.edges(keys=True, data=True)],
}))
