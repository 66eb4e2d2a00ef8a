#!/usr/bin/env bash
# Installs what the browser tests need, when missing: Debian's chromium
# (never a browser a tool downloads itself; scripts/apt-install.sh, which
# says what it installed or upgraded), playwright-core from npm
# (tests/browser), and the explorer page's build tools (internal/explore:
# esbuild and Cytoscape.js, with which its test rebuilds the page), each
# folder from its lockfile (scripts/npm-ci.sh). Prints progress on stderr;
# exits 1 with one line when it cannot.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

if ! command -v chromium >/dev/null 2>&1; then
  scripts/apt-install.sh browser-deps chromium
fi

scripts/npm-ci.sh browser-deps tests/browser internal/explore
