#!/usr/bin/env bash
# Rebuilds this reference set from raw/, byte-identical to the committed files (tests/align/test_debian_reference.py
# checks it).   usage: rebuild.sh [--fetch] [OUT_DIR]   (OUT_DIR: default this directory)
#   --fetch  first take raw/ afresh from the Debian packages (apt-get download, nothing installed) and check that
#            they are the same bytes as the committed copies (raw/SHA256SUMS).
# PYTHON: the interpreter with the harness installed (default .venv/bin/python, else python3).
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
version=2.100
if [[ ${1:-} == --fetch ]]; then
    shift
    tmp=$(mktemp -d)
    trap 'rm -rf "$tmp"' EXIT
    (cd "$tmp" && apt-get download -q "debian-reference-en=$version" "debian-reference-es=$version")
    for lang in en es; do
        dpkg-deb --fsys-tarfile "$tmp/debian-reference-${lang}_${version}_all.deb" \
            | tar -xO "./usr/share/debian-reference/ch04.$lang.html" > "$tmp/ch04.$lang.html"
    done
    (cd "$tmp" && sha256sum -c --quiet "$here/raw/SHA256SUMS")
fi
(cd "$here/raw" && sha256sum -c --quiet SHA256SUMS)
out=${1:-$here}
if [[ -z ${PYTHON:-} ]]; then
    PYTHON=python3
    [[ -x $root/.venv/bin/python ]] && PYTHON=$root/.venv/bin/python
fi
cd "$root"
exec "$PYTHON" -m harness.build_reference \
    src=references/debian_reference_ch04/raw/ch04.en.html tgt=references/debian_reference_ch04/raw/ch04.es.html \
    src_lang=en tgt_lang=es out="$out"
