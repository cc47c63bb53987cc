#!/usr/bin/env bash
# On the GPU machine: COMET throughput of the harness against comet-score / model.predict on a
# full-size wmt22-comet-da-shaped model with random weights (bench/bench_comet.py), in one call.
#
#   here:   bash bench/device/fetch_wheels.sh
#   device: run(command="bash bench/device/comet.sh", carry=[".whl"], timeout_s=540)
#
# Extra arguments go to bench_comet.py (e.g. --repeats 2, --segments 1000). Everything it prints
# and the JSON numbers land in $OUT (bench_comet.log, bench_comet.json, versions.txt). BENCH_QE=1
# also times a CometKiwi-shaped model (bench_comet_qe.{log,json}): about as long again.
set -euo pipefail
cd "$(dirname "$0")/../.."
out=${OUT:-/tmp/bench-device-out}
mkdir -p "$out"
ls .whl/*.whl >/dev/null 2>&1 || { echo "no wheels in .whl/: run bench/device/fetch_wheels.sh here and carry .whl" >&2; exit 2; }
site=${DEVICE_SITE:-/tmp/site}
python3 -m pip install -q --no-index --no-deps --no-compile --no-cache-dir --upgrade --target "$site" .whl/*.whl
export PYTHONPATH="$site:$PWD${PYTHONPATH:+:$PYTHONPATH}" PYTHONUNBUFFERED=1  # tokenizers keep their threads, as for users
{
  nvidia-smi --query-gpu=name,memory.total,driver_version,clocks.sm,clocks.max.sm --format=csv 2>&1 || true
  python3 - <<'PY'
import sys
from importlib import metadata
import torch
print("python", sys.version.split()[0], "| cuda", torch.version.cuda, "| gpu", torch.cuda.is_available())
for name in ("torch", "numpy", "unbabel-comet", "transformers", "tokenizers", "huggingface-hub",
             "torchmetrics", "pytorch-lightning", "setuptools"):
    print(f"{name} {metadata.version(name)}")
PY
} 2>&1 | tee "$out/versions.txt"
python3 bench/bench_comet.py --workdir "${BENCH_WORKDIR:-/tmp/bench-comet}" --json "$out/bench_comet.json" "$@" 2>&1 \
  | tee "$out/bench_comet.log"
if [ "${BENCH_QE:-0}" = 1 ]; then
  python3 bench/bench_comet.py --qe --workdir "${BENCH_WORKDIR:-/tmp/bench-comet}-qe" --json "$out/bench_comet_qe.json" "$@" 2>&1 \
    | tee "$out/bench_comet_qe.log"
fi
