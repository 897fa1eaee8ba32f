#!/usr/bin/env bash
# Prepares a Debian/Ubuntu x86-64 machine that has the .NET SDK, then runs Watchpost:
#   ./setup.sh demo    installs what is missing, builds, and runs `watchpost demo`
#   ./setup.sh test    installs what is missing, builds, and runs the whole test suite
# "What is missing": apt packages, the detector model and the sample footage. The model and footage come from
# a mirror folder ($WATCHPOST_MIRROR, else ../shared beside this checkout) or are downloaded into
# $WATCHPOST_CACHE (default ~/.cache/watchpost) and verified by sha256.
set -euo pipefail
cd "$(dirname "$0")"

mode=${1:-}
case "$mode" in
  demo|test|deps) ;;
  *) echo "usage: $0 demo|test|deps" >&2; exit 2 ;;
esac

# GStreamer's RTSP server (python3-gi, its typelib, x264enc from -ugly): the password-protected TCP camera the
# `camera probe` tests connect to. chromium and a CJK font: the console's browser tests (Playwright drives /usr/bin/chromium; the Chinese pages need the font).
apt_packages=(ffmpeg python3-onnx libgtk-3-0 mosquitto mosquitto-clients rtsp-server-perl
  python3-gi gir1.2-gst-rtsp-server-1.0 gstreamer1.0-plugins-base gstreamer1.0-plugins-good gstreamer1.0-plugins-ugly ca-certificates curl chromium fonts-noto-cjk)

install_apt_packages() {
  local missing=()
  for p in "${apt_packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return
  echo "setup: installing ${missing[*]}"
  local sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

mirror=${WATCHPOST_MIRROR:-}
[ -z "$mirror" ] && [ -d ../shared ] && mirror=$(cd ../shared && pwd)
cache=${WATCHPOST_CACHE:-$HOME/.cache/watchpost}

# The default model's file, URL and accepted sha256s: the first entry of models/manifest.json (the others are
# variants made from it, or downloaded by `watchpost model fetch` when a site names them).
model_file=$(grep -oE '"file": *"[^"]+"' models/manifest.json | head -n1 | sed -E 's/.*"([^"]+)"$/\1/')
model_url=$(grep -oE '"url": *"[^"]+"' models/manifest.json | head -n1 | sed -E 's/.*"([^"]+)"$/\1/')
model_sha256s=$(awk '/"sha256"/ { on = 1 } on { print } on && /\]/ { exit }' models/manifest.json | grep -oE '[0-9a-f]{64}' | tr '\n' ' ')

sha_ok() { # file, accepted hashes...
  local actual; actual=$(sha256sum "$1" | cut -d' ' -f1); shift
  for h in "$@"; do [ "$actual" = "$h" ] && return 0; done
  return 1
}

in_mirror() { [ -n "$mirror" ] && [ -f "$mirror/$1" ]; }

fetch_model() {
  in_mirror "models/$model_file" && return
  local dest="$cache/models/$model_file"
  # shellcheck disable=SC2086
  [ -f "$dest" ] && sha_ok "$dest" $model_sha256s && return
  echo "setup: downloading $model_url"
  mkdir -p "$cache/models"
  if ! curl -fsSL --retry 3 -o "$dest.part" "$model_url"; then
    echo "setup: cannot get the model: no mirror folder holds models/$model_file and $model_url cannot be downloaded." >&2
    echo "       Copy $model_file into \$WATCHPOST_MIRROR/models/ (or ../shared/models/) and run again." >&2
    exit 1
  fi
  # shellcheck disable=SC2086
  if ! sha_ok "$dest.part" $model_sha256s; then
    echo "setup: $model_url downloaded but its sha256 $(sha256sum "$dest.part" | cut -d' ' -f1) is not one of: $model_sha256s" >&2
    rm -f "$dest.part"; exit 1
  fi
  mv "$dest.part" "$dest"
}

fetch_footage() {
  in_mirror media/vtest.avi && return
  local dest="$cache/media/vtest.avi"
  [ -f "$dest" ] && return
  echo "setup: fetching vtest.avi from Debian's opencv-doc package"
  local tmp; tmp=$(mktemp -d)
  chmod a+rwx "$tmp" # apt's sandbox user downloads into it
  if ! (cd "$tmp" && apt-get download -qq opencv-doc >/dev/null && dpkg -x opencv-doc_*.deb x); then
    echo "setup: cannot get the sample footage: no mirror folder holds media/vtest.avi and 'apt-get download opencv-doc' failed." >&2
    rm -rf "$tmp"; exit 1
  fi
  mkdir -p "$cache/media"
  local found; found=$(find "$tmp/x" -name vtest.avi | head -n1)
  [ -n "$found" ] || { echo "setup: opencv-doc holds no vtest.avi" >&2; rm -rf "$tmp"; exit 1; }
  cp "$found" "$dest"; rm -rf "$tmp"
}

# The PETS09-S2L1 ground truth is not redistributable: without it the tests scored on it report a skip that says
# where to get it (tests/Watchpost.Tests/Support/GroundTruthFactAttribute.cs); every other test runs.
note_ground_truth() {
  in_mirror media/PETS09-S2L1.gt.txt && return
  [ -f "$cache/media/PETS09-S2L1.gt.txt" ] && return
  echo "setup: note: no mirror holds media/PETS09-S2L1.gt.txt (gt/gt.txt of PETS09-S2L1 in the MOTChallenge 2015" >&2
  echo "       training set, https://motchallenge.net/data/MOT15/; not redistributed): the tracking-quality tests" >&2
  echo "       will be skipped. Copy it into \$WATCHPOST_MIRROR/media or $cache/media to run them." >&2
}

command -v dotnet >/dev/null || { echo "setup: the .NET SDK (dotnet) is required: https://dot.net" >&2; exit 1; }
install_apt_packages
fetch_model
fetch_footage
[ -n "$mirror" ] && export WATCHPOST_MIRROR="$mirror"

case "$mode" in
  deps) ;;
  demo)
    dotnet build src/Watchpost -c Release -v quiet -nologo
    exec dotnet src/Watchpost/bin/Release/net10.0/linux-x64/watchpost.dll demo
    ;;
  test)
    note_ground_truth
    dotnet build tests/Watchpost.Tests -c Release -v quiet -nologo
    # The log is kept so the failures can be repeated after the summary: CI shows only the tail of a long run.
    log=$(mktemp)
    set +e
    dotnet test tests/Watchpost.Tests -c Release --no-build --logger "console;verbosity=normal" 2>&1 | tee "$log"
    rc=${PIPESTATUS[0]}
    set -e
    if [ "$rc" -ne 0 ]; then
      echo "setup: the failed tests again, with their messages:"
      # Each failure's name, its message and the first lines of its stack trace.
      awk '/^ +Failed [A-Za-z]/ { on = 1; trace = 0 }
           /^ +(Passed|Skipped) [A-Za-z]|^\[xUnit|^Test Run/ { on = 0 }
           /^ +Stack Trace:/ { trace = 1 }
           on && (!trace || ++shown <= 6) { print }
           /^ +Failed [A-Za-z]/ { shown = 0 }' "$log" | cut -c1-300 | head -n 60
    fi
    rm -f "$log"
    exit "$rc"
    ;;
esac
