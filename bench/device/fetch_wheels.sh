#!/usr/bin/env bash
# Here, before a device call: download the wheels of wheels.txt for the GPU machine's Python 3.12
# into .whl/ at the repository root (.gitignore keeps it out of commits; about 17 MB, carried with the call).
set -euo pipefail
cd "$(dirname "$0")/../.."
mkdir -p .whl
platforms=()
for p in manylinux_2_28_x86_64 manylinux_2_27_x86_64 manylinux_2_17_x86_64 manylinux2014_x86_64 manylinux1_x86_64; do
  platforms+=(--platform "$p")
done
grep -v '^#' bench/device/wheels.txt | xargs python3 -m pip download --quiet --no-deps --only-binary=:all: \
  --python-version 3.12 --implementation cp "${platforms[@]}" -d .whl
ls -1 .whl
