#!/usr/bin/env bash
# npm-ci.sh WHO DIR...: installs each DIR's npm packages from its lockfile
# (npm ci: exactly the lockfile's versions, nothing upgraded), unless
# DIR/node_modules already holds that lockfile's install, and again
# whenever the lockfile changed (node_modules/.kgql-lock is the lockfile it
# was installed from). WHO prefixes the messages (stderr).
set -euo pipefail
who=$1
shift
if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  echo "$who: node and npm are needed (npm ci in $*)" >&2
  exit 1
fi
for dir in "$@"; do
  if ! cmp -s "$dir/package-lock.json" "$dir/node_modules/.kgql-lock"; then
    echo "$who: npm ci in $dir..." >&2
    (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error >&2 && cp package-lock.json node_modules/.kgql-lock)
  fi
done
