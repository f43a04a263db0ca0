#!/usr/bin/env bash
# Installs whatever Account Grader needs that is missing, and skips what is already there at
# the right version. With --browser it also installs Chromium for the end-to-end tests.
# Safe to run any number of times.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh

TRUNK_VERSION=0.21.14
WASM_BINDGEN_VERSION=0.2.130   # must equal the wasm-bindgen crate version in Cargo.toml
WASM_SPLIT_VERSION=0.2.4       # the splitter for the wasm_split_helpers crate in Cargo.toml

say() { printf '==> %s\n' "$*"; }
as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

command -v cargo >/dev/null || { echo "Rust is needed first: https://rustup.rs" >&2; exit 1; }
command -v npm >/dev/null || { echo "Node.js 18 or newer with npm is needed first." >&2; exit 1; }

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "Adding the wasm32-unknown-unknown Rust target"
  rustup target add wasm32-unknown-unknown
fi
for component in rustfmt clippy; do
  if ! rustup component list --installed | grep -q "^$component"; then
    say "Adding the Rust component $component"
    rustup component add "$component"
  fi
done

if [ "$(trunk --version 2>/dev/null)" != "trunk $TRUNK_VERSION" ]; then
  say "Installing trunk $TRUNK_VERSION (takes about ten minutes, once)"
  cargo install trunk --version "$TRUNK_VERSION" --locked
fi

if [ "$(wasm-bindgen --version 2>/dev/null)" != "wasm-bindgen $WASM_BINDGEN_VERSION" ]; then
  say "Installing wasm-bindgen-cli $WASM_BINDGEN_VERSION"
  # Not --locked: its lock file names a crate version the registry no longer has.
  cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION" --force
fi

# Splits the app's wasm into the first screens and chunks loaded later (scripts/build-wasm.mjs).
# It has no --version flag, so cargo's own list of installed crates says which one is there.
if ! cargo install --list | grep -qx "wasm_split_cli_support v$WASM_SPLIT_VERSION:"; then
  say "Installing wasm_split_cli_support $WASM_SPLIT_VERSION (takes about five minutes, once)"
  cargo install wasm_split_cli_support --version "$WASM_SPLIT_VERSION" --features build-binary --locked
fi

# npm packages: wasm-opt (binaryen) and terser for the release build, playwright-core and axe-core
# for the browser tests.
# The stamp holds the lock file's checksum, not a time: a fresh checkout of the same lock file
# (a clone, a git worktree) is newer than the stamp, yet needs nothing installed.
lock_sum="$(sha256sum package-lock.json | cut -d' ' -f1)"
if [ "$(cat node_modules/.install-stamp 2>/dev/null)" != "$lock_sum" ]; then
  say "Installing npm packages from package-lock.json"
  npm ci --no-audit --no-fund
  echo "$lock_sum" > node_modules/.install-stamp
fi

if [ "${1:-}" = "--browser" ] && [ ! -x /usr/bin/chromium ]; then
  say "Installing Chromium from Debian's packages"
  as_root apt-get update
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends chromium chromium-driver
fi
