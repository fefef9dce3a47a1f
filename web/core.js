// core.js - loads the compiled core (browser, Web Worker and Node alike) and
// wraps it in a small typed API. Every allocation is freed in a finally;
// C error codes become CoreError with .code, the C message and the key.
import { BINDINGS } from './bindings.js';

export class CoreError extends Error {
  constructor(code, message, key = null) {
    super(key ? `${key}: ${message}` : message);
    this.name = 'CoreError';
    this.code = code;
    this.key = key;
  }
}

// lrp_result (core/lrp.h): five 32-bit fields.
const RESULT = { divergedAt: 0, nLoss: 1, nLr: 2, fpHi: 3, fpLo: 4 };

// Binds the table's functions on an instantiated module: numbers pass
// through, 'str' returns become JS strings (null for a NULL pointer).
function bind(M) {
  const c = {};
  for (const [name, ret] of BINDINGS) {
    const fn = M[`_${name}`];
    if (typeof fn !== 'function') throw new Error(`core module lacks ${name}`);
    c[name] = ret === 'str' ? (...a) => { const p = fn(...a); return p ? M.UTF8ToString(p) : null; } : fn;
  }
  return c;
}

export class Core {
  constructor(M) {
    this.M = M;
    this.c = bind(M);
    const c = this.c;
    // The field table and enum names come from C, so JS never hard-codes
    // an index or a layout.
    this.fields = new Map();
    this.enums = new Map();
    for (let f = 0; f < c.lrp_config_field_count(); f++) {
      const name = c.lrp_config_field_name(f);
      this.fields.set(name, f);
      const names = [];
      for (let i = 0; ; i++) {
        const n = c.lrp_enum_name(f, i);
        if (n === null) break;
        names.push(n);
      }
      if (names.length) this.enums.set(name, names);
    }
    this.configSize = c.lrp_config_size();
    this.resultSize = c.lrp_result_size();
  }

  // Allocates `bytes` for the duration of fn(ptr), then frees it.
  withAlloc(sizes, fn) {
    const ptrs = [];
    try {
      for (const bytes of sizes) {
        const p = this.c.malloc(Math.max(8, bytes));
        if (!p) throw new CoreError(-1, `out of memory allocating ${bytes} bytes`);
        ptrs.push(p);
      }
      return fn(...ptrs);
    } finally {
      for (const p of ptrs) this.c.free(p);
    }
  }

  // Writes every field of a resolved preset (web/preset.js) into cfg.
  writeConfig(cfg, preset) {
    const c = this.c;
    c.lrp_config_init(cfg);
    for (const [key, f] of this.fields) {
      const value = preset[key];
      if (value === undefined) throw new CoreError(-1, 'missing from the preset', key);
      const names = this.enums.get(key);
      const list = Array.isArray(value) ? value : [names ? names.indexOf(value) : Number(value)];
      if (names && list[0] < 0) throw new CoreError(-1, `unknown value ${String(value)}`, key);
      list.forEach((x, k) => {
        const code = c.lrp_config_set(cfg, f, k, x);
        if (code) throw new CoreError(code, c.lrp_error_message(code), key);
      });
    }
    return this.withAlloc([4], (bad) => {
      const code = c.lrp_config_check(cfg, bad);
      if (code) {
        const f = this.M.HEAP32[bad >> 2];
        throw new CoreError(code, c.lrp_error_message(code), f >= 0 ? c.lrp_config_field_name(f) : null);
      }
    });
  }

  // One whole run: { loss: Float32Array, lr: Float64Array, path:
  // Float32Array (x, y interleaved), diverged_at: t | null, fingerprint }.
  run(preset) {
    const steps = preset.steps;
    if (!Number.isInteger(steps) || steps < 1) throw new CoreError(-1, 'must be a positive integer', 'steps');
    const sizes = [this.configSize, 4 * (steps + 1), 8 * steps, 8 * (steps + 1), this.resultSize];
    return this.withAlloc(sizes, (cfg, loss, lr, path, res) => {
      this.writeConfig(cfg, preset);
      const code = this.c.lrp_run(cfg, loss, lr, path, res);
      if (code) throw new CoreError(code, this.c.lrp_error_message(code));
      const M = this.M;
      const r = M.HEAP32.subarray(res >> 2, (res >> 2) + 5);
      const nLoss = r[RESULT.nLoss], nLr = r[RESULT.nLr];
      const hex = (i) => (r[i] >>> 0).toString(16).padStart(8, '0');
      return {
        loss: M.HEAPF32.slice(loss >> 2, (loss >> 2) + nLoss),
        lr: M.HEAPF64.slice(lr >> 3, (lr >> 3) + nLr),
        path: M.HEAPF32.slice(path >> 2, (path >> 2) + 2 * nLoss),
        diverged_at: r[RESULT.divergedAt] < 0 ? null : r[RESULT.divergedAt],
        fingerprint: hex(RESULT.fpHi) + hex(RESULT.fpLo),
      };
    });
  }

  // The loss of a surface on an nx by ny grid, row-major (y rows).
  surfaceGrid(problem, cond, [xLo, xHi], [yLo, yHi], nx, ny) {
    const index = this.enums.get('problem').indexOf(problem);
    return this.withAlloc([4 * nx * ny], (out) => {
      const code = this.c.lrp_surface_grid(out, index, cond, xLo, xHi, yLo, yHi, nx, ny);
      if (code) throw new CoreError(code, this.c.lrp_error_message(code));
      return this.M.HEAPF32.slice(out >> 2, (out >> 2) + nx * ny);
    });
  }
}

// Loads the SIMD build (or the scalar twin) and returns a Core.
export async function loadCore({ scalar = false } = {}) {
  const url = scalar ? './gen/lrp-core-scalar.mjs' : './gen/lrp-core.mjs';
  const { default: create } = await import(url);
  return new Core(await create());
}
