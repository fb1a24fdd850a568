#!/usr/bin/env bash
# Installs, from Debian's archive only, everything PadDeck's build, app and tests need: the
# packaging tests check the .deb with dpkg-deb, lintian, appstreamcli, desktop-file-validate and
# update-mime-database; the NSM tests talk the protocol through liblo (the OSC library nsmd uses)
# and type into the window with xdotool. Ableton Link is header-only (its ASIO comes from
# libasio-dev, a dependency of ableton-link-dev); its tests make their own network namespace with
# unshare (util-linux) and ip (iproute2), so they never reach a real interface.
# Idempotent and non-interactive: it does nothing when all packages are already there.
set -euo pipefail

packages=(
    build-essential cmake pkg-config ccache clang-format
    juce-modules-source
    librubberband-dev
    libaubio-dev
    libmpg123-dev
    ableton-link-dev libasio-dev iproute2 util-linux
    libgtest-dev libbenchmark-dev
    jackd2 libjack-jackd2-dev libasound2-dev
    libflac-dev libvorbis-dev libogg-dev libpng-dev libjpeg-dev
    libfreetype-dev libfontconfig1-dev libx11-dev libxrandr-dev libxinerama-dev libxcursor-dev libxext-dev
    xvfb xauth xdotool
    appstream lintian dpkg-dev file desktop-file-utils shared-mime-info
    liblo-dev
    lame llvm sox
    clang-22 libclang-rt-22-dev
)

missing=()
for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

if [ ${#missing[@]} -eq 0 ]; then
    exit 0
fi

echo "PadDeck: installing ${missing[*]}"
sudo=""
if [ "$(id -u)" -ne 0 ]; then
    sudo="sudo"
fi

# jackd2 asks whether to enable realtime priority: answer it up front.
echo "jackd2 jackd/tweak_rt_limits boolean false" | $sudo debconf-set-selections
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
