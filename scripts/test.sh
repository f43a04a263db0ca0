#!/usr/bin/env bash
# Installs what is missing, then runs every check: formatting, lints (native and wasm32), the
# native unit and render tests, the release build, and the end-to-end tests in Chromium.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install.sh --browser
source scripts/env.sh

say() { printf '\n==> %s\n' "$*"; }
say "Formatting";             cargo fmt --check
say "Lints (native)";         cargo clippy --all-targets --features prerender -- -D warnings
say "Lints (wasm32)";         cargo clippy --target wasm32-unknown-unknown --lib --bins -- -D warnings
say "Native tests";           cargo test
say "Release build";          trunk build --release
say "Browser tests";          node --test --test-concurrency=1 tests/e2e/
