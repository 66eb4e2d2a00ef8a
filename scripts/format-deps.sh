#!/usr/bin/env bash
# Installs what the export checks need, when missing: Debian's xmllint
# (libxml2-utils; scripts/apt-install.sh, which upgrades nothing already
# installed), which validates GraphML and GEXF against the XSDs of
# tools/formats/xsd, and the Node readers of tools/formats (graphology,
# cytoscape, graphology-gexf) from its lockfile (scripts/npm-ci.sh). Prints progress on stderr;
# exits 1 with one line when it cannot.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

if ! command -v xmllint >/dev/null 2>&1; then
  scripts/apt-install.sh format-deps libxml2-utils
fi

scripts/npm-ci.sh format-deps tools/formats
