#!/usr/bin/env bash
# The checks test.sh's Release build cannot make, each in its own build folder with Debian's
# clang 22 (JUCE compiled once per variant):
#   1. ASan + UBSan: the whole test suite, clean (Builds/build-asan)
#   2. RealtimeSanitizer: the engine, streaming, KeyLock and --render tests, with the audio callback
#      path marked [[clang::nonblocking]] (Builds/build-rtsan)
#   3. each libFuzzer harness for 60 s from its seed corpus in Tests/Fuzz/corpus (ASan build)
#   4. a 3-minute PadDeckSoak on the Release build (Builds/build)
# Usage: check.sh [asan] [rtsan] [fuzz] [soak]   (all four when none is named)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
jobs="$(nproc)"
steps=("$@")
[ ${#steps[@]} -eq 0 ] && steps=(asan rtsan fuzz soak)
wants() { [[ " ${steps[*]} " == *" $1 "* ]]; }

"$here/install-dependencies.sh"

symbolizer="$(command -v llvm-symbolizer-22 || command -v llvm-symbolizer || true)"
export ASAN_SYMBOLIZER_PATH="$symbolizer" RTSAN_SYMBOLIZER_PATH="$symbolizer"
export ASAN_OPTIONS="detect_leaks=1:abort_on_error=0:halt_on_error=1:detect_stack_use_after_return=0"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
export RTSAN_OPTIONS="halt_on_error=true:print_stats_on_exit=false"

passed=0
started=$SECONDS
step() { echo; echo "=== check: $* ($(( (SECONDS - started) / 60 )) min in)"; }

variant() { # name sanitizer targets...
    local dir="$root/Builds/build-$1" sanitizer="$2"
    shift 2
    # RelWithDebInfo at -O1: JUCE adds -O3 to Release, which the sanitizers do not need and compile
    # time cannot afford.
    CC=clang-22 CXX=clang++-22 cmake -S "$root" -B "$dir" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
        -DCMAKE_C_FLAGS_RELWITHDEBINFO=-O1 -DCMAKE_CXX_FLAGS_RELWITHDEBINFO=-O1 -DPADDECK_SANITIZER="$sanitizer" \
        > "$root/Builds/cmake-$1.log" || { cat "$root/Builds/cmake-$1.log"; exit 1; }
    local targets=()
    for t in "$@"; do targets+=(--target "$t"); done
    cmake --build "$dir" --parallel "$jobs" "${targets[@]}"
}

fuzzers=(SetFileFuzzer MidiMappingFuzzer MidiFileFuzzer AudioFileFuzzer)

if wants asan || wants fuzz; then
    step "building the ASan + UBSan variant (tests and fuzzers)"
    variant asan address PadDeckTests "${fuzzers[@]}"
fi

if wants asan; then
    step "the whole suite under ASan + UBSan"
    (cd "$root/Builds/build-asan" && ctest --output-on-failure --parallel "$jobs" -E '^ClangFormat$')
    passed=$((passed + 1))
fi

if wants rtsan; then
    step "building the RealtimeSanitizer variant"
    variant rtsan realtime PadDeckTests
    step "engine, streaming, KeyLock and --render tests under RealtimeSanitizer"
    # Suites that drive the audio path: everything under Tests/Engine, Tests/Streaming, the KeyLock
    # DSP tests and the offline renders (PadDeck --render, itself built with RTSan).
    suites='^(.*/)?(PadEngine|PlayModes|VoicesOnBothCores|VoiceBank|RenderedStretch|OnsetTest|KeyLock|KeyLockCut|KeyLockPads|KeyLockPool|AudioThread|GraphDeviceCallback|AudioDeviceHost|SpscQueue|SnapshotExchange|LoopFadeSource|DamagedSamples|DamagedFiles|AudioFileOpener|SampleDecoder|SampleGarbage|SampleLoader|StreamingReader|StreamingBenchmarks|RenderFixture)\.'
    (cd "$root/Builds/build-rtsan" && ctest --output-on-failure --parallel "$jobs" -R "$suites")
    passed=$((passed + 1))
fi

if wants fuzz; then
    step "each fuzzer for 60 s"
    work="$root/Builds/build-asan/fuzz"
    mkdir -p "$work"
    for f in "${fuzzers[@]}"; do
        rm -rf "$work/crashes-$f"
        mkdir -p "$work/corpus-$f" "$work/crashes-$f"
        # Two at a time on two cores; each gets its 60 s. New inputs go to the work corpus, never
        # into the committed seeds.
        "$root/Builds/build-asan/Tests/Fuzz/$f" -max_total_time=60 -timeout=30 -rss_limit_mb=4096 \
            -print_final_stats=1 -artifact_prefix="$work/crashes-$f/" \
            "$work/corpus-$f" "$root/Tests/Fuzz/corpus/$f" > "$work/$f.log" 2>&1 &
        if [ $(( $(jobs -rp | wc -l) )) -ge "$jobs" ]; then wait -n || true; fi
    done
    wait || true
    failed=0
    for f in "${fuzzers[@]}"; do
        runs="$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$work/$f.log" | grep -o '[0-9]*$' || echo 0)"
        found="$(ls "$work/crashes-$f" | wc -l)"
        echo "$f: $runs executions, $found crashes"
        if [ "$found" -ne 0 ] || ! grep -q 'Done [0-9]* runs' "$work/$f.log"; then
            failed=1
            tail -n 60 "$work/$f.log"
        fi
    done
    [ "$failed" -eq 0 ] || { echo "check: a fuzzer found a crash (inputs in $work/crashes-*)"; exit 1; }
    passed=$((passed + 1))
fi

if wants soak; then
    step "a 3-minute soak (Release build)"
    "$here/build.sh" PadDeckSoak
    "$root/Builds/build/Tests/Soak/PadDeckSoak" --minutes 3 --seed 1 | tee "$root/Builds/soak.jsonl"
    passed=$((passed + 1))
fi

echo
echo "check: took $(( (SECONDS - started) / 60 )) min $(( (SECONDS - started) % 60 )) s"
echo "check: $passed passed, 0 failed"
