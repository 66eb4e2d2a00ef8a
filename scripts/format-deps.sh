#!/usr/bin/env bash
# Installs what the export checks need, when missing: the Node packages of
# tools/formats from its lockfile (scripts/npm-ci.sh): the readers
# (graphology, cytoscape, graphology-gexf) and xmllint-wasm, libxml2
# compiled to WebAssembly, which validates GraphML and GEXF against the
# XSDs of tools/formats/xsd (tools/formats/validate.mjs); and networkx from
# PyPI, pinned with its hash in tools/formats/requirements.txt, into the
# virtualenv tools/formats/.venv (again whenever the requirements change;
# .venv/.kgql-requirements is the file it was installed from), which reads
# GraphML back (tools/formats/networkx_read.py). Needs Python 3.11 or newer.
# No Debian package. Prints progress on stderr; exits 1 with one line when
# it cannot.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

scripts/npm-ci.sh format-deps tools/formats

venv=tools/formats/.venv
if ! cmp -s tools/formats/requirements.txt "$venv/.kgql-requirements"; then
  python=$(command -v python3 || true)
  if [ -z "$python" ] || ! "$python" -c 'import sys; sys.exit(sys.version_info < (3, 11))'; then
    echo "format-deps: Python 3.11 or newer is needed (python3) for networkx" >&2
    exit 1
  fi
  echo "format-deps: networkx into $venv (pip install --require-hashes -r tools/formats/requirements.txt)..." >&2
  rm -rf "$venv"
  "$python" -m venv "$venv"
  "$venv/bin/python" -m pip install -q --disable-pip-version-check --require-hashes -r tools/formats/requirements.txt >&2
  cp tools/formats/requirements.txt "$venv/.kgql-requirements"
fi
