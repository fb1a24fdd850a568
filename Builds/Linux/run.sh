#!/usr/bin/env bash
# Installs what is missing, builds PadDeck and starts it with the demo bank.
# With no display (a server, CI), it runs PadDeck under Xvfb and writes a screenshot instead.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"

"$here/install-dependencies.sh"
"$here/build.sh" PadDeck
app="$root/Builds/build/PadDeck"

if [ -n "${DISPLAY:-}" ] || [ -n "${WAYLAND_DISPLAY:-}" ]; then
    exec "$app" "$@"
fi

shot="$root/Builds/paddeck-screenshot.png"
echo "No display here (DISPLAY is not set): running PadDeck under Xvfb and saving a screenshot."

pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; }
trap cleanup EXIT

# Without a sound card, a dummy JACK server gives PadDeck real audio callbacks.
if ! jack_lsp >/dev/null 2>&1; then
    jackd --no-realtime -d dummy -r 48000 -p 128 >/dev/null 2>&1 &
    pids+=($!)
    sleep 1
fi

xvfb-run -a -s "-screen 0 1600x1000x24" "$app" --screenshot "$shot"
echo "Open $shot to see PadDeck. On a desktop, run this command again to play it."
