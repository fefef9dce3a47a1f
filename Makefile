# Builds the core: the WASM module (SIMD and its scalar twin) into web/gen/,
# native test binaries into build/. build.sh runs this after set-up; make
# keeps it incremental.
CORE_SRC := $(wildcard core/*.c)
CORE_HDR := $(wildcard core/*.h)
CFLAGS_COMMON := -std=c11 -Wall -Wextra -Wpedantic -ffp-contract=off
EXPORTS = $(shell node web/bindings.js)
# The hot file (the model's kernels) is optimised for speed, the rest and
# the link for size: as fast as -O3 throughout, and the module the page
# downloads is a fifth smaller. The optimizers' update is hot too, but as
# fast at -Oz (W1, and batches of one row of a 64,64 MLP) and 680 bytes
# smaller gzipped.
HOT := model
opt_level = $(if $(filter $(1),$(HOT)),-O3,-Oz)
# A standalone reactor: the .wasm alone, with no Emscripten glue (web/wasm.js
# is the few lines of glue it needs: it imports one function, told when the
# memory grows). Link-time optimisation (-flto) makes it 750 bytes smaller
# gzipped, as fast, the same bits.
LINKFLAGS := -Oz -flto --no-entry -sSTANDALONE_WASM -sALLOW_MEMORY_GROWTH -sFILESYSTEM=0 -sMALLOC=emmalloc
EMCC := NODE_PATH=/usr/share/nodejs emcc
SIMD_OBJ := $(patsubst core/%.c,build/wasm/simd/%.o,$(CORE_SRC))
SCALAR_OBJ := $(patsubst core/%.c,build/wasm/scalar/%.o,$(CORE_SRC))
CC ?= cc
NATIVE_FLAGS := $(CFLAGS_COMMON) -O2 -g

BUNDLES := web/gen/app.js web/gen/chartjs.js web/gen/later.js web/gen/worker.js
# fflate's raw DEFLATE, the two calls web/points.js makes, as an ES module
# that the page's bundles, the CLI and unbundled test pages all import. Its
# code runs at the first call of fflate(), not when the module is loaded:
# its tables (a loop of 32,768, cold) took 7 ms of app.js's evaluation on
# every page load, and only a link with its own data, or data put in, need it.
FFLATE := web/gen/fflate.mjs

all: web/gen/lrp-core.wasm web/gen/lrp-core-scalar.wasm web/gen/lrp-core-wasm.js $(FFLATE) build/native/test_core $(BUNDLES) sw.js

build/wasm/simd/%.o: core/%.c $(CORE_HDR)
	@mkdir -p $(@D)
	$(EMCC) $(CFLAGS_COMMON) $(call opt_level,$*) -flto -msimd128 -c $< -o $@

build/wasm/scalar/%.o: core/%.c $(CORE_HDR)
	@mkdir -p $(@D)
	$(EMCC) $(CFLAGS_COMMON) $(call opt_level,$*) -flto -DLRP_NO_SIMD -c $< -o $@

# Then only what web/core.js binds stays exported (the standalone mode adds
# its stack and errno helpers), and binaryen shrinks it once more: 190 bytes
# less gzipped, as fast, the same bits.
WASM_FEATURES := --enable-simd --enable-bulk-memory --enable-sign-ext --enable-mutable-globals \
  --enable-nontrapping-float-to-int
define trim_wasm
	node web/bindings.js --graph > $@.graph.json
	wasm-metadce $(WASM_FEATURES) --graph-file $@.graph.json $@ -o $@ > /dev/null
	wasm-opt $(WASM_FEATURES) -Oz $@ -o $@
	rm $@.graph.json
endef

web/gen/lrp-core.wasm: $(SIMD_OBJ) web/bindings.js
	@mkdir -p $(@D)
	$(EMCC) $(LINKFLAGS) -msimd128 -sEXPORTED_FUNCTIONS='$(EXPORTS)' $(SIMD_OBJ) -o $@
	$(trim_wasm)

web/gen/lrp-core-scalar.wasm: $(SCALAR_OBJ) web/bindings.js
	@mkdir -p $(@D)
	$(EMCC) $(LINKFLAGS) -sEXPORTED_FUNCTIONS='$(EXPORTS)' $(SCALAR_OBJ) -o $@
	$(trim_wasm)

# The same bytes as a classic script, for pages that may fetch nothing
# (file://, sandboxed iframes): web/core-fetch.js loads it there.
web/gen/lrp-core-wasm.js: web/gen/lrp-core.wasm
	printf 'self.lrpCoreWasm="%s";\n' "$$(base64 -w0 $<)" > $@

build/native/test_core: $(CORE_SRC) $(CORE_HDR) $(wildcard tests/c/*.c tests/c/*.h)
	@mkdir -p $(@D)
	$(CC) $(NATIVE_FLAGS) -Icore $(CORE_SRC) $(wildcard tests/c/*.c) -lm -o $@

# The native tests again under AddressSanitizer and UndefinedBehaviorSanitizer
# (the SIMD kernels, then -DLRP_NO_SIMD: the scalar twins alone), and
# libFuzzer over the public API (tests/fuzz/). build.sh test builds them;
# clang, as gcc has no libFuzzer.
CLANG ?= clang
SAN := -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer -g -O1
TEST_SRC = $(wildcard tests/c/*.c)
sanitize: build/asan/test_core build/asan-scalar/test_core build/fuzz/fuzz_core

build/asan/test_core: $(CORE_SRC) $(CORE_HDR) $(wildcard tests/c/*.c tests/c/*.h)
	@mkdir -p $(@D)
	$(CLANG) $(CFLAGS_COMMON) $(SAN) -Icore $(CORE_SRC) $(TEST_SRC) -lm -o $@

build/asan-scalar/test_core: $(CORE_SRC) $(CORE_HDR) $(wildcard tests/c/*.c tests/c/*.h)
	@mkdir -p $(@D)
	$(CLANG) $(CFLAGS_COMMON) $(SAN) -DLRP_NO_SIMD -Icore $(CORE_SRC) $(TEST_SRC) -lm -o $@

# libFuzzer's comparison tracing (trace-cmp) makes the numeric loops five
# times slower and finds nothing there: it stays on only where values meet
# ranges and names, in config.c and the fuzzer itself.
FUZZ := $(SAN) -fsanitize=fuzzer
FUZZ_OBJ := $(patsubst core/%.c,build/fuzz/%.o,$(CORE_SRC)) build/fuzz/fuzz_core.o
no_trace_cmp = $(if $(filter config,$(1)),,-fno-sanitize-coverage=trace-cmp)

build/fuzz/%.o: core/%.c $(CORE_HDR)
	@mkdir -p $(@D)
	$(CLANG) $(CFLAGS_COMMON) $(FUZZ) $(call no_trace_cmp,$*) -c $< -o $@

build/fuzz/fuzz_core.o: tests/fuzz/fuzz_core.c $(CORE_HDR)
	@mkdir -p $(@D)
	$(CLANG) $(CFLAGS_COMMON) $(FUZZ) -Icore -c $< -o $@

build/fuzz/fuzz_core: $(FUZZ_OBJ)
	$(CLANG) $(FUZZ) $(FUZZ_OBJ) -lm -o $@

.PHONY: all sanitize

# The page's classic scripts (bundle.mjs, with esbuild): app.js, what the
# first picture needs; chartjs.js, Chart.js; later.js, the tools and
# exports, sharing app.js's modules; worker.js. The core's binary is beside them (web/core-fetch.js).
# Classic scripts, not modules, so the page also runs from file:// and in a
# sandboxed iframe. Chart.js and d3-contour come from node_modules (never
# a CDN), tree-shaken to what the page uses.
web/gen/app.js: web/*.js $(FFLATE) bundle.mjs package-lock.json
	node bundle.mjs app later chartjs

# (made with app.js, whose module list later.js reads)
web/gen/later.js web/gen/chartjs.js: web/gen/app.js

web/gen/worker.js: web/*.js $(FFLATE) bundle.mjs package-lock.json
	node bundle.mjs worker

$(FFLATE): package-lock.json Makefile
	@mkdir -p $(@D)
	{ echo 'let m;export function fflate(){if(!m){const module={exports:{}};(function(module){'; \
	  echo "export { deflateSync, Inflate } from 'fflate';" | node_modules/.bin/esbuild --bundle \
	    --format=cjs --minify --log-level=warning; \
	  echo '})(module);m=module.exports}return m}'; } > $@.tmp && mv $@.tmp $@

# The service worker, beside index.html (a worker's scope is its folder and
# below), with this release's VERSION: a hash of itself and the files it
# keeps, so that a new release replaces their cache (web/sw.js).
SITE := index.html web/style.css web/embed.js web/boot.js $(BUNDLES) web/gen/lrp-core.wasm web/gen/lrp-core-wasm.js
sw.js: web/sw.js $(SITE)
	sed "s/__VERSION__/$$(cat $< $(SITE) | sha256sum | cut -c1-16)/" $< > $@
