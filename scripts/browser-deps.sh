#!/usr/bin/env bash
# Installs what the browser tests need, when missing: Debian's chromium
# (never a browser a tool downloads itself), playwright-core from npm
# (tests/browser), and the explorer page's build tools (internal/explore:
# esbuild and Cytoscape.js, with which its test rebuilds the page). Each
# npm folder is installed from its lockfile, again whenever the lockfile
# changed. Prints progress on stderr; exits 1 with one line when it cannot.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

if ! command -v chromium >/dev/null 2>&1; then
  if ! command -v apt-get >/dev/null 2>&1; then
    echo "browser-deps: chromium is missing and there is no apt-get to install it" >&2
    exit 1
  fi
  sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  echo "browser-deps: installing Debian's chromium (apt-get)..." >&2
  $sudo apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium >&2
fi

if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  echo "browser-deps: node and npm are needed for the browser tests" >&2
  exit 1
fi
# npm_ci DIR installs DIR's lockfile unless node_modules already holds it
# (node_modules/.kgql-lock is the lockfile it was installed from).
npm_ci() {
  if ! cmp -s "$1/package-lock.json" "$1/node_modules/.kgql-lock"; then
    echo "browser-deps: npm ci in $1..." >&2
    (cd "$1" && npm ci --no-audit --no-fund >&2 && cp package-lock.json node_modules/.kgql-lock)
  fi
}
npm_ci tests/browser
npm_ci internal/explore
