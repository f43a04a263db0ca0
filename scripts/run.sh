#!/usr/bin/env bash
# Installs what is missing, builds the release version of the app into dist/ and serves it on
# http://127.0.0.1:8080/ (another port: PORT=9000 scripts/run.sh). Stop it with Ctrl+C.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install.sh
source scripts/env.sh
trunk build --release
exec node scripts/serve.mjs dist "${PORT:-8080}"
