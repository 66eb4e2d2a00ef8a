#!/usr/bin/env bash
# Installs what the browser tests need, when missing: Debian's chromium
# (never a browser a tool downloads itself) and playwright-core from npm
# (tests/browser). Prints progress on stderr; exits 1 with one line when it
# cannot.
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
if [ ! -d tests/browser/node_modules/playwright-core ]; then
  echo "browser-deps: npm ci in tests/browser..." >&2
  (cd tests/browser && npm ci --no-audit --no-fund >&2)
fi
