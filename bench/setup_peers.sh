#!/usr/bin/env bash
# Create bench/.venv-peers: the peer matchers the benchmarks compare embargo with.
#
# The peers live in their own virtualenv and run as subprocesses because their
# followthemoney / rigour pins need not agree with embargo's. The versions below
# were installed together and run end to end on 2026-11-25 (Python 3.11):
#   nomenklatura 4.17.4  (logic-v2 matcher + DuckDB blocker `nomenklatura.blocker.Index`;
#                         duckdb is a core dependency of nomenklatura, there is no extra)
#   followthemoney 4.11.2, rigour 2.6.1, duckdb 1.5.6 (nomenklatura wants duckdb<2)
#   rapidfuzz 3.14.6     (brute-force baseline)
# and, not matchers, the name generators of bench/peers/fake_names.py (issue 19's clean
# customer and company names; installed here so that embargo's own dependencies stay as they are):
#   faker 40.54.0, mimesis 22.2.0 (Kazakh), pypinyin 0.55.0, pykakasi 2.3.0,
#   arabic-name-romanizer 0.2.0 (UNICEF; ships its dictionary and ONNX model, needs onnxruntime)
# Re-running is safe: an existing venv is reused and the pins re-applied.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
VENV="$HERE/.venv-peers"
PYTHON="${PYTHON:-python3.11}"

if ! command -v "$PYTHON" >/dev/null 2>&1; then
    echo "setup_peers: $PYTHON not found (set PYTHON=/path/to/python3.11 or newer)" >&2
    exit 1
fi
if [ ! -x "$VENV/bin/python" ]; then
    "$PYTHON" -m venv "$VENV"
fi
"$VENV/bin/python" -m pip install --quiet --upgrade pip
"$VENV/bin/python" -m pip install --quiet \
    "nomenklatura==4.17.4" \
    "followthemoney==4.11.2" \
    "rigour==2.6.1" \
    "duckdb==1.5.6" \
    "rapidfuzz==3.14.6" \
    "faker==40.54.0" \
    "mimesis==22.2.0" \
    "pypinyin==0.55.0" \
    "pykakasi==2.3.0" \
    "arabic-name-romanizer==0.2.0" \
    "onnxruntime==1.32.0"
"$VENV/bin/python" - <<'PY'
from importlib.metadata import version
for name in ("nomenklatura", "followthemoney", "rigour", "duckdb", "rapidfuzz"):
    print(f"{name}=={version(name)}")
PY
