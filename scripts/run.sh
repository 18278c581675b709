#!/usr/bin/env bash
# The main job on the embedded default (whoosh): set-up, then the web application over the
# generated sample corpus; the index is built first when it is missing.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=setup.sh
source "$ROOT/scripts/setup.sh"
cd "$ROOT"
exec precedentes serve "$@"
