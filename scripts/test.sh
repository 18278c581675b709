#!/usr/bin/env bash
# The whole test suite: set-up, then ruff, mypy and pytest. Extra arguments go to pytest.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# The browser tests (tests/search_app) need Debian's Chromium and its driver.
export SETUP_EXTRA_DEBS="${SETUP_EXTRA_DEBS:-} chromium chromium-driver"
# shellcheck source=setup.sh
source "$ROOT/scripts/setup.sh"
cd "$ROOT"
echo "== ruff"
ruff check .
echo "== mypy"
mypy
echo "== pytest"
status=0
pytest "$@" || status=$?
if [ "$status" = 5 ]; then
    echo "pytest collected no tests" >&2
fi
exit "$status"
