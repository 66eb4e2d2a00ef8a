#!/usr/bin/env bash
# apt-install.sh WHO PACKAGE...: installs those of the Debian packages that
# are missing, without their recommends, with what they depend on:
# apt-get may install or upgrade the packages that a missing package needs
# (that is what installing it means), but it never runs apt-get upgrade,
# upgrades nothing else, and refuses (installs nothing) if the install
# would remove a package. It says on stderr what it changed: the packages
# newly installed and those upgraded, with their versions (from apt-get's
# simulation of the same install, -s). WHO prefixes the messages (stderr);
# exits 1 with the reason when it cannot install.
set -euo pipefail
who=$1
shift

missing=()
for pkg in "$@"; do
  if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'ok installed'; then
    missing+=("$pkg")
  fi
done
[ ${#missing[@]} -eq 0 ] && exit 0

if ! command -v apt-get >/dev/null 2>&1; then
  echo "$who: ${missing[*]} missing and there is no apt-get to install them" >&2
  exit 1
fi
sudo=""
[ "$(id -u)" -ne 0 ] && sudo="sudo"
options=(--no-install-recommends)
echo "$who: installing Debian's ${missing[*]} (apt-get install ${options[*]})..." >&2
$sudo apt-get update -qq >&2
plan=$(apt-get install -s "${options[@]}" "${missing[@]}")
# apt-get -s prints "Inst name (new version ...)" for a new package,
# "Inst name [installed version] (new version ...)" for an upgrade (or a
# downgrade) and "Remv name" for a removal.
removed=$(grep -E '^Remv ' <<<"$plan" || true)
if [ -n "$removed" ]; then
  echo "$who: installing ${missing[*]} would remove installed packages; installed nothing:" >&2
  echo "$removed" >&2
  echo "$who: install ${missing[*]} yourself (apt-get install ${missing[*]}), then run this again" >&2
  exit 1
fi
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${options[@]}" "${missing[@]}" >&2
new=$(sed -nE 's/^Inst ([^ ]+) \(([^ ]+).*/\1 \2/p' <<<"$plan")
upgraded=$(sed -nE 's/^Inst ([^ ]+) \[([^]]+)\] \(([^ ]+).*/\1 \2 -> \3/p' <<<"$plan")
echo "$who: newly installed (package version):" >&2
echo "${new:-(none)}" | sed 's/^/  /' >&2
echo "$who: upgraded (package old -> new):" >&2
echo "${upgraded:-(none)}" | sed 's/^/  /' >&2
