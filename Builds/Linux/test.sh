#!/usr/bin/env bash
# Installs what is missing, builds everything and runs the whole test suite.
# Needs no sound card and no display: the tests start jackd -d dummy and Xvfb themselves.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"

"$here/install-dependencies.sh"
"$here/build.sh"
cd "$root/Builds/build"
ctest --output-on-failure --parallel "$(nproc)" "$@"
