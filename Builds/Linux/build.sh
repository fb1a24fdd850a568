#!/usr/bin/env bash
# Configures and builds PadDeck (Release) into Builds/build. Usage: build.sh [target...]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
build="$root/Builds/build"

cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=Release > "$root/Builds/cmake.log" || { cat "$root/Builds/cmake.log"; exit 1; }
targets=()
for t in "$@"; do targets+=(--target "$t"); done
cmake --build "$build" --parallel "$(nproc)" "${targets[@]}"
