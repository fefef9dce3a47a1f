# Builds the core: the WASM module (SIMD and its scalar twin) into web/gen/,
# native test binaries into build/. build.sh runs this after set-up; make
# keeps it incremental.
CORE_SRC := $(wildcard core/*.c)
CORE_HDR := $(wildcard core/*.h)
CFLAGS_COMMON := -std=c11 -Wall -Wextra -Wpedantic -ffp-contract=off
EXPORTS = $(shell node web/bindings.js)
EMFLAGS := $(CFLAGS_COMMON) -O3 -sMODULARIZE -sEXPORT_ES6 -sSINGLE_FILE \
  -sENVIRONMENT=web,worker -sALLOW_MEMORY_GROWTH -sFILESYSTEM=0 -sMALLOC=emmalloc \
  -sEXPORTED_RUNTIME_METHODS='["UTF8ToString"]'
EMCC := NODE_PATH=/usr/share/nodejs emcc
CC ?= cc
VENDOR := web/gen/chart.umd.min.js web/gen/d3-array.min.mjs web/gen/d3-contour.min.mjs
NATIVE_FLAGS := $(CFLAGS_COMMON) -O2 -g

all: web/gen/lrp-core.mjs web/gen/lrp-core-scalar.mjs build/native/test_core $(VENDOR)

web/gen/lrp-core.mjs: $(CORE_SRC) $(CORE_HDR) web/bindings.js
	@mkdir -p $(@D)
	$(EMCC) $(EMFLAGS) -msimd128 -sEXPORTED_FUNCTIONS='$(EXPORTS)' $(CORE_SRC) -o $@

web/gen/lrp-core-scalar.mjs: $(CORE_SRC) $(CORE_HDR) web/bindings.js
	@mkdir -p $(@D)
	$(EMCC) $(EMFLAGS) -DLRP_NO_SIMD -sEXPORTED_FUNCTIONS='$(EXPORTS)' $(CORE_SRC) -o $@

build/native/test_core: $(CORE_SRC) $(CORE_HDR) $(wildcard tests/c/*.c tests/c/*.h)
	@mkdir -p $(@D)
	$(CC) $(NATIVE_FLAGS) -Icore $(CORE_SRC) $(wildcard tests/c/*.c) -lm -o $@

.PHONY: all

# Page assets vendored from npm: never a CDN.
web/gen/chart.umd.min.js: node_modules/chart.js/dist/chart.umd.min.js
	@mkdir -p $(@D)
	cp $< $@

web/gen/d3-array.min.mjs: node_modules/d3-array/dist/d3-array.min.mjs
	@mkdir -p $(@D)
	cp $< $@

# d3-contour imports the bare name "d3-array": point it at the copy beside it.
web/gen/d3-contour.min.mjs: node_modules/d3-contour/dist/d3-contour.min.mjs
	@mkdir -p $(@D)
	sed 's|from"d3-array"|from"./d3-array.min.mjs"|' $< > $@
