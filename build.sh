#!/usr/bin/env bash
# build.sh - sets up what a fresh clone lacks, then builds everything.
#   bash build.sh        npm packages, Emscripten, the WASM core (SIMD and
#                        scalar), native test binaries, vendored page assets
#   bash build.sh test   the same, Chromium, Firefox ESR, WebKitGTK's
#                        WebDriver and Xvfb for the browser tests, and clang
#                        for the native tests under the sanitizers and the
#                        fuzzer (make sanitize)
#   bash build.sh dist [DIR]   the same as bash build.sh, then DIR (default
#                        dist/) with only the static files a host serves
# Incremental: with nothing changed it only checks, in well under 2 seconds.
set -euo pipefail
cd "$(dirname "$0")"

say() { printf 'build.sh: %s\n' "$*" >&2; }

# npm packages: install when node_modules is missing or older than the lock.
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  say "installing npm packages (npm ci)"
  npm ci --no-audit --no-fund --loglevel=error
fi

# A Debian package: installed with apt-get when run as root (saying so),
# else the command to run is printed and the build stops.
need_package() { # COMMAND PACKAGE WHY
  command -v "$1" >/dev/null 2>&1 && return
  if [ "$(id -u)" = 0 ]; then
    say "$1 not found: installing Debian's $2 with apt-get ($3)"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq "$2" >/dev/null
  else
    say "$1 not found ($3). Install Debian's $2, then run this again:"
    say "  sudo apt-get install $2"
    exit 1
  fi
}

# Emscripten: Debian's package (DESIGN.md notes its quirks).
need_package emcc emscripten "it builds the core"
goals=(all)
if [ "${1:-}" = test ]; then
  need_package chromium chromium "the browser tests drive it"
  # the other engines (tests/browser-engines.test.mjs): Gecko, and WebKit
  # with its MiniBrowser on an Xvfb display
  need_package firefox-esr firefox-esr "the browser tests drive Gecko with it"
  need_package WebKitWebDriver webkit2gtk-driver "the browser tests drive WebKit with it"
  need_package Xvfb xvfb "WebKit's MiniBrowser runs on its display"
  # clang and its runtimes for libFuzzer and the sanitizers (a package of
  # their own, libclang-rt-N-dev): the sanitized native tests and the fuzzer
  need_package clang clang "the sanitized tests and the fuzzer build with it"
  rt="libclang_rt.fuzzer-$(uname -m).a" # a file, never a command: checked here
  [ -f "$(clang -print-file-name="$rt")" ] ||
    need_package "$rt" "libclang-rt-$(clang -dumpversion | cut -d. -f1)-dev" "libFuzzer and the sanitizers"
  # PyTorch for tests/torch-export.test.mjs, which runs the exported scripts:
  # Debian's python3-torch (for /usr/bin/python3; a python3 on PATH that
  # imports torch does as well)
  python3 -c 'import torch' >/dev/null 2>&1 || /usr/bin/python3 -c 'import torch' >/dev/null 2>&1 ||
    need_package "python3 -c 'import torch'" python3-torch "the exported PyTorch scripts are run against the core"
  goals+=(sanitize)
fi

make -s -j2 "${goals[@]}"

# The static site: the page, its style, its two bundles (each with the core
# inside; the page's with Chart.js), embed.js for course pages, and the
# service worker that keeps them offline (sw.js). Nothing else is fetched.
if [ "${1:-}" = dist ]; then
  out="${2:-dist}"
  rm -rf "$out"
  mkdir -p "$out/web/gen"
  cp index.html "$out/"
  cp web/style.css web/embed.js web/boot.js "$out/web/"
  cp web/gen/app.js web/gen/chartjs.js web/gen/later.js web/gen/worker.js web/gen/lrp-core.wasm web/gen/lrp-core-wasm.js "$out/web/gen/"
  cp sw.js "$out/"
  say "wrote $out/: $(find "$out" -type f | wc -l) files, $(du -sk "$out" | cut -f1) KB; serve it from any static host, or open $out/index.html"
fi
