#!/usr/bin/env bash
# The whole test suite: set-up, then ruff, mypy and pytest. Extra arguments go to pytest;
# tests marked slow are left out unless asked for (bash scripts/test.sh -m slow, or -m "").
# The body is one function, read whole before it runs, so editing this file mid-run is safe.
set -euo pipefail

main() {
    local root
    root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
    # The browser tests (tests/search_app) need Debian's Chromium and its driver.
    export SETUP_EXTRA_DEBS="${SETUP_EXTRA_DEBS:-chromium chromium-driver}"
    # shellcheck source=setup.sh
    source "$root/scripts/setup.sh"
    cd "$root"
    echo "== ruff"
    ruff check .
    echo "== mypy"
    mypy
    echo "== pytest"
    local status=0
    pytest -m "not slow" "$@" || status=$?
    if [ "$status" = 5 ]; then
        echo "pytest collected no tests" >&2
    fi
    return "$status"
}

main "$@"
exit $?
