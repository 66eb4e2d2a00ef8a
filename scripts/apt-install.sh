#!/usr/bin/env bash
# apt-install.sh WHO PACKAGE...: installs those of the Debian packages that
# are missing, without their recommends, and upgrades nothing already
# installed: apt-get is first asked what it would do (a simulation, -s) and,
# if that would upgrade, downgrade or remove an installed package (a newer
# library a package needs, say), installs nothing and names them, so that
# the operator decides. Never runs apt-get upgrade. WHO prefixes the
# messages (stderr); exits 1 with the reason when it cannot install.
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
options=(--no-upgrade --no-install-recommends)
echo "$who: installing Debian's ${missing[*]} (apt-get install ${options[*]})..." >&2
$sudo apt-get update -qq >&2
plan=$(apt-get install -s "${options[@]}" "${missing[@]}")
# "Inst name [installed version] (new version ...)" is an upgrade or a
# downgrade; "Remv" a removal.
touched=$(grep -E '^(Inst [^ ]+ \[|Remv )' <<<"$plan" || true)
if [ -n "$touched" ]; then
  echo "$who: installing ${missing[*]} would change installed packages; installed nothing:" >&2
  echo "$touched" >&2
  echo "$who: install ${missing[*]} yourself (apt-get install ${missing[*]}), then run this again" >&2
  exit 1
fi
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${options[@]}" "${missing[@]}" >&2
