#!/usr/bin/env bash
# Installs what the export checks need, when missing: the Node packages of
# tools/formats from its lockfile (scripts/npm-ci.sh): the readers
# (graphology, cytoscape, graphology-gexf) and xmllint-wasm, libxml2
# compiled to WebAssembly, which validates GraphML and GEXF against the
# XSDs of tools/formats/xsd (tools/formats/validate.mjs). No Debian
# package. Prints progress on stderr; exits 1 with one line when it cannot.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

scripts/npm-ci.sh format-deps tools/formats
