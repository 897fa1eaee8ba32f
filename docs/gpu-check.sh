#!/usr/bin/env bash
# GPU check for docs/performance.md ("Inference" and bench figures on an NVIDIA GPU).
#
# Run on a machine with an NVIDIA GPU, from anywhere inside the checkout:
#     docs/gpu-check.sh [VIDEO]
# It builds watchpost (Release), verifies the model, times one detector session per frame on the TensorRT, CUDA and
# CPU providers (p50/p99 ms, with the reason a provider could not load), measures the inference ceiling and the
# detector pool's throughput on the fastest provider, makes the dynamic-batch variant (models/make-variant.py, needs
# python3-onnx) and times it at batch 1/8/32 on tensorrt and cuda (`model bench --batch 1,8,32`), runs the whole
# pipeline file-fed with `watchpost bench --cameras 32` and `--cameras 64 --hwaccel cuda`, and prints the figures as
# Markdown lines to paste into docs/performance.md. Raw outputs go to $OUT (default: a new folder under /tmp).
#
# Environment:
#   WATCHPOST=/path/to/watchpost   use this build instead of building (e.g. on a machine without the NuGet cache)
#   WATCHPOST_MIRROR=/path         folder holding models/yolox_nano.onnx and media/vtest.avi (default: ../shared)
#   FRAMES=500  CEILING_SECONDS=10  CAMERAS="32 64"  BENCH_SECONDS=30  BATCHES=1,8,32
# The ONNX Runtime GPU providers need CUDA 13 (libcublasLt.so.13, libcudart.so.13), cuDNN 9 (libcudnn.so.9) and,
# for TensorRT, libnvinfer.so.10 on the loader path (LD_LIBRARY_PATH or ldconfig). The first TensorRT session
# builds an engine (seconds to minutes) and caches it under ~/.cache/watchpost/tensorrt; the bench warms up first.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
out=${OUT:-$(mktemp -d /tmp/watchpost-gpu-check.XXXXXX)}
mkdir -p "$out"
frames=${FRAMES:-500}
ceiling_seconds=${CEILING_SECONDS:-10}
cameras=${CAMERAS:-32 64}
batches=${BATCHES:-1,8,32}
seconds=${BENCH_SECONDS:-30}

echo "== machine"
if ! nvidia-smi --query-gpu=name,driver_version,memory.total --format=csv,noheader | tee "$out/gpu.txt"; then
    echo "nvidia-smi failed: no NVIDIA GPU or driver here; the TensorRT and CUDA figures cannot be taken on this machine." >&2
    exit 2
fi
echo "cores: $(nproc)"
for lib in libcudart.so.13 libcublasLt.so.13 libcudnn.so.9 libnvinfer.so.10; do
    if ldconfig -p | grep -q "$lib" || { [ -n "${LD_LIBRARY_PATH:-}" ] && find ${LD_LIBRARY_PATH//:/ } -maxdepth 1 -name "$lib*" 2>/dev/null | grep -q .; }; then
        echo "found   $lib"
    else
        echo "MISSING $lib (the provider that needs it will fall back; the bench prints the exact reason)"
    fi
done

echo "== build"
if [ -n "${WATCHPOST:-}" ]; then
    bin=$WATCHPOST
else
    dotnet build src/Watchpost -c Release -v quiet -nologo
    bin=$root/src/Watchpost/bin/Release/net10.0/linux-x64/watchpost
fi

mirror=${WATCHPOST_MIRROR:-$(cd "$root/.." && pwd)/shared}
video=${1:-$mirror/media/vtest.avi}
[ -f "$video" ] || { echo "no video at $video: pass one as the first argument or set WATCHPOST_MIRROR" >&2; exit 2; }

echo "== model"
"$bin" model verify | tee "$out/model-verify.txt"

echo "== per-frame detection time per provider, and the inference ceiling"
"$bin" model bench --providers tensorrt,cuda,cpu --frames "$frames" --ceiling-seconds "$ceiling_seconds" --pool-seconds "$ceiling_seconds" --source "$video" \
    | tail -n 1 | tee "$out/model-bench.json"

echo "== dynamic-batch variant, batch $batches on tensorrt and cuda"
variants=$out/mirror
mkdir -p "$variants/models"
/usr/bin/python3 models/make-variant.py "$mirror/models/yolox_nano.onnx" "$variants/models/yolox_nano_dynamic.onnx" --dynamic-batch
WATCHPOST_MIRROR=$variants "$bin" model bench yolox-nano-dynamic --providers tensorrt,cuda --batch "$batches" --frames "$frames" \
    --ceiling-seconds 0 --pool-seconds 0 --source "$video" | tail -n 1 | tee "$out/model-bench-batch.json"

# NVDEC decodes H.264, not the sample's MS-MPEG4: the cameras read an H.264 copy made as DESIGN.md says (the
# bench's own --rtsp clip); without libx264 here they read the sample and ffmpeg decodes it on the CPU.
h264=$out/vtest-h264.mp4
if ffmpeg -hide_banner -loglevel error -y -i "$video" -c:v libx264 -preset veryfast -tune zerolatency -g 10 -pix_fmt yuv420p -an "$h264"; then
    feed=$h264
else
    echo "no libx264 in this ffmpeg: the pipeline bench reads $video, which NVDEC cannot decode" >&2
    feed=$video
fi

bench_rc=0
for n in $cameras; do
    echo "== pipeline bench: $n cameras file-fed ($feed), --hwaccel cuda, $seconds s"
    set +e
    "$bin" bench --cameras "$n" --source "$feed" --seconds "$seconds" --hwaccel cuda 2>&1 | tee "$out/bench-$n.txt"
    rc=${PIPESTATUS[0]}
    set -e
    [ "$rc" -eq 0 ] || bench_rc=$rc
done

echo "== for docs/performance.md"
python3 - "$out/model-bench.json" "$out/gpu.txt" "$out/model-bench-batch.json" <<'PY'
import json, sys
bench = json.load(open(sys.argv[1]))
gpu = open(sys.argv[2]).read().strip()
try:
    batched = json.load(open(sys.argv[3]))
except (OSError, ValueError):
    batched = {"providers": []}
print(f"GPU: {gpu}; {bench['cores']} cores; load {bench.get('load_average_1m', '?')}")
for p in bench["providers"]:
    if p["available"]:
        print(f"- {p['provider']}: p50 {p['p50_ms']} ms, p99 {p['p99_ms']} ms per frame "
              f"(one session, {p['intra_op_threads']} intra-op thread(s), {p['frames']} frames)")
    else:
        print(f"- {p['provider']}: not available ({p['reason']})")
c = bench.get("ceiling")
if c:
    print(f"- ceiling on {c['provider']}: single session {c['single_session_per_s']}/s, "
          f"one session per core {c['session_per_core_per_s']}/s, best {c['best_per_s']}/s ({c['best_mode']})")
p = bench.get("pool")
if p:
    print(f"- detector pool on {p['provider']}: {p['workers']} workers, {p['per_s']}/s"
          f" ({p.get('of_ceiling', '?')} of the ceiling), detect p50 {p['detect_p50_ms']} ms, p99 {p['detect_p99_ms']} ms")
for p in batched["providers"]:
    if p["available"]:
        print(f"- {p['provider']} batch {p['batch']}: {p['ms_per_frame']} ms per frame ({p['mean_ms']} ms per run of {p['batch']}, p99 {p['p99_ms']} ms)")
    else:
        print(f"- {p['provider']} batch {p['batch']}: not available ({p['reason']})")
PY
for n in $cameras; do
    echo "- watchpost bench --cameras $n --hwaccel cuda: $(grep -E '^\{' "$out/bench-$n.txt" | tail -n 1)"
done
echo "pipeline bench exit code: $bench_rc (see $out/bench-*.txt)"
echo "raw outputs: $out"
