#!/usr/bin/env bash
# Builds PadDeck's .deb (CPack, with dpkg-shlibdeps working out the library dependencies) into
# Builds/build/package and checks it with lintian. Usage: package.sh
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
build="$root/Builds/build"

"$here/install-dependencies.sh"
"$here/build.sh" PadDeck PadDeckDocs
(cd "$build" && cpack -G DEB -B "$build/package" > "$build/cpack.log") || { cat "$build/cpack.log"; exit 1; }
deb="$(ls -t "$build"/package/paddeck_*.deb | head -n 1)"
echo "PadDeck: built $deb"
dpkg-deb --field "$deb" Package Version Depends Recommends
# lintian's errors fail the build; its warnings are printed (README, "Install the package").
lintian --fail-on error --tag-display-limit 0 --info "$deb"
