#!/usr/bin/env bash
# Installs what the export checks need, when missing: Debian's xmllint
# (libxml2-utils), which validates GraphML and GEXF against the XSDs of
# tools/formats/xsd, and the Node readers of tools/formats (graphology,
# cytoscape, graphology-gexf) from its lockfile. Prints progress on stderr;
# exits 1 with one line when it cannot.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

if ! command -v xmllint >/dev/null 2>&1; then
  if ! command -v apt-get >/dev/null 2>&1; then
    echo "format-deps: xmllint is missing and there is no apt-get to install it" >&2
    exit 1
  fi
  sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  echo "format-deps: installing Debian's libxml2-utils (apt-get)..." >&2
  $sudo apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq libxml2-utils >&2
fi

if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  echo "format-deps: node and npm are needed for the export checks" >&2
  exit 1
fi
if [ ! -d tools/formats/node_modules/graphology-gexf ]; then
  echo "format-deps: npm ci in tools/formats..." >&2
  (cd tools/formats && npm ci --no-audit --no-fund >&2)
fi
