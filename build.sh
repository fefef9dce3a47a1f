#!/usr/bin/env bash
# build.sh - sets up what a fresh clone lacks, then builds everything.
#   bash build.sh        npm packages, Emscripten, the WASM core (SIMD and
#                        scalar), native test binaries, vendored page assets
# Incremental: with nothing changed it only checks, in well under 2 seconds.
set -euo pipefail
cd "$(dirname "$0")"

say() { printf 'build.sh: %s\n' "$*" >&2; }

# npm packages: install when node_modules is missing or older than the lock.
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  say "installing npm packages (npm ci)"
  npm ci --no-audit --no-fund --loglevel=error
fi

# Emscripten: Debian's package (DESIGN.md notes its quirks).
if ! command -v emcc >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ]; then
    say "emcc not found: installing Debian's emscripten with apt-get"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq emscripten >/dev/null
  else
    say "emcc not found. Install Debian's Emscripten, then run this again:"
    say "  sudo apt-get install emscripten"
    exit 1
  fi
fi

make -s -j2 all
