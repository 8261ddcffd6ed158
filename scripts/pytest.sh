#!/usr/bin/env bash
# The one rule for running pytest (Makefile's test/test-fast and, through `make test`, .ci/run):
# pytest's exit 5, "no tests were collected", is a FAILURE. A test command that ran nothing has proved
# nothing (a wrong path, a marker expression that matches nothing, a broken conftest), so it must not
# look green locally or in CI.
set -uo pipefail
cd "$(dirname "$0")/.."
.venv/bin/python -m pytest "$@"
rc=$?
if [ "$rc" -eq 5 ]; then
    echo "pytest: NO TESTS WERE COLLECTED (exit 5) — this is a failure, not a pass. Check the paths and -m." >&2
fi
exit "$rc"
