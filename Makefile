# Builds the core: the WASM module (SIMD and its scalar twin) into web/gen/,
# native test binaries into build/. build.sh runs this after set-up; make
# keeps it incremental.
CORE_SRC := $(wildcard core/*.c)
CORE_HDR := $(wildcard core/*.h)
CFLAGS_COMMON := -std=c11 -Wall -Wextra -Wpedantic -ffp-contract=off
EXPORTS = $(shell node web/bindings.js)
# The hot files (the model and optimizer kernels) are optimised for speed,
# the rest and the link for size: as fast as -O3 throughout, and the module
# the page downloads is a fifth smaller.
HOT := model optim
opt_level = $(if $(filter $(1),$(HOT)),-O3,-Oz)
LINKFLAGS := -Oz -sMODULARIZE -sEXPORT_ES6 -sSINGLE_FILE \
  -sENVIRONMENT=web,worker -sALLOW_MEMORY_GROWTH -sFILESYSTEM=0 -sMALLOC=emmalloc \
  -sEXPORTED_RUNTIME_METHODS='["UTF8ToString"]'
EMCC := NODE_PATH=/usr/share/nodejs emcc
SIMD_OBJ := $(patsubst core/%.c,build/wasm/simd/%.o,$(CORE_SRC))
SCALAR_OBJ := $(patsubst core/%.c,build/wasm/scalar/%.o,$(CORE_SRC))
CC ?= cc
VENDOR := web/gen/chart.umd.min.js web/gen/d3-array.min.mjs web/gen/d3-contour.min.mjs
NATIVE_FLAGS := $(CFLAGS_COMMON) -O2 -g

all: web/gen/lrp-core.mjs web/gen/lrp-core-scalar.mjs build/native/test_core $(VENDOR)

build/wasm/simd/%.o: core/%.c $(CORE_HDR)
	@mkdir -p $(@D)
	$(EMCC) $(CFLAGS_COMMON) $(call opt_level,$*) -msimd128 -c $< -o $@

build/wasm/scalar/%.o: core/%.c $(CORE_HDR)
	@mkdir -p $(@D)
	$(EMCC) $(CFLAGS_COMMON) $(call opt_level,$*) -DLRP_NO_SIMD -c $< -o $@

web/gen/lrp-core.mjs: $(SIMD_OBJ) web/bindings.js
	@mkdir -p $(@D)
	$(EMCC) $(LINKFLAGS) -msimd128 -sEXPORTED_FUNCTIONS='$(EXPORTS)' $(SIMD_OBJ) -o $@

web/gen/lrp-core-scalar.mjs: $(SCALAR_OBJ) web/bindings.js
	@mkdir -p $(@D)
	$(EMCC) $(LINKFLAGS) -sEXPORTED_FUNCTIONS='$(EXPORTS)' $(SCALAR_OBJ) -o $@

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
