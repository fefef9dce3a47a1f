// core.js - loads the compiled core (browser, Web Worker and Node alike) and
// wraps it in a small typed API. Every allocation is freed in a finally;
// C error codes become CoreError with .code, the C message and the key.
import { BINDINGS } from './bindings.js';
import { frameSteps, gridSteps, through } from './grids.js';
import { DATA_PROBLEMS } from './keys.js';
import { ownData } from './own-data.js';
import { instantiate, fileSource } from './wasm.js';

export class CoreError extends Error {
  constructor(code, message, key = null) {
    super(key ? `${key}: ${message}` : message);
    this.name = 'CoreError';
    this.code = code;
    this.key = key;
  }
}

const HEAPS = ['HEAPF32', 'HEAPF64', 'HEAP32']; // by lrp_job_out_type
const LRP_E_NO_DATA = 14; // lrp.h's error codes, in order
const hex8 = (u) => u.toString(16).padStart(8, '0');

// Binds the table's functions on an instantiated module (web/wasm.js):
// numbers pass through, 'str' returns become JS strings (null for a NULL
// pointer).
function bind(M) {
  const c = {};
  for (const [name, ret] of BINDINGS) {
    const fn = M.exports[name];
    if (typeof fn !== 'function') throw new Error(`core module lacks ${name}`);
    c[name] = ret === 'str' ? (...a) => { const p = fn(...a); return p ? M.UTF8ToString(p) : null; }
      : ret === 'u32' ? (...a) => fn(...a) >>> 0 : fn;
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
    this.outputs = Array.from({ length: c.lrp_job_out_count() }, (_, i) => ({
      name: c.lrp_job_out_name(i), heap: HEAPS[c.lrp_job_out_type(i)],
    }));
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

  // Starts a run: a Job that owns its memory in the module until free().
  start(preset) {
    const c = this.c;
    const block = this.withAlloc([this.configSize], (cfg) => {
      this.writeConfig(cfg, preset);
      const bytes = c.lrp_job_bytes(cfg);
      const job = c.malloc(bytes);
      if (!job) throw new CoreError(-1, `out of memory allocating ${bytes} bytes`);
      let code = c.lrp_job_init(job, bytes, cfg);
      if (!code && preset.data === 'own' && DATA_PROBLEMS.includes(preset.problem)) code = this.giveData(job, preset);
      if (code) {
        c.free(job);
        throw new CoreError(code, c.lrp_error_message(code), code === LRP_E_NO_DATA ? 'points' : undefined);
      }
      return job;
    });
    return new Job(this, block, preset.steps);
  }

  // Own data: their points into a job, as float32 (LRP_E_NO_DATA when the
  // points cannot be had here: a file's data this thread never saw).
  giveData(job, preset) {
    const { data } = ownData(preset.points);
    if (!data) return LRP_E_NO_DATA;
    return this.withAlloc([4 * data.x.length, 4 * data.y.length], (x, y) => {
      this.M.HEAPF32.set(data.x, x >> 2);
      this.M.HEAPF32.set(data.y, y >> 2);
      return this.c.lrp_job_set_data(job, x, y);
    });
  }

  // One whole run, start to finish: see Job.result(); with grids, also
  // the default landscape and prediction grids (Job.grids()), and with
  // frames the playback's frames too (only the page shows them).
  run(preset, { grids = false, frames = false } = {}) {
    const job = this.start(preset);
    try {
      job.advance(Infinity);
      job.finish();
      const result = job.result();
      if (grids) Object.assign(result, job.grids({ frames }));
      return result;
    } finally {
      job.free();
    }
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

// A run in progress inside the module.
export class Job {
  constructor(core, ptr, steps) {
    this.core = core;
    this.ptr = ptr;
    this.steps = steps;
  }

  // Runs up to k more steps; returns the steps done so far (t) and whether
  // the run is over.
  advance(k) {
    const c = this.core.c;
    const code = c.lrp_job_advance(this.ptr, Math.min(k, this.steps + 1));
    if (code) throw new CoreError(code, c.lrp_error_message(code));
    return { done: c.lrp_job_done(this.ptr) === 1, t: this.length('loss') };
  }

  // The current length of one output, without copying it.
  length(name) {
    return this.core.c.lrp_job_out_len(this.ptr, this.core.outputs.findIndex((o) => o.name === name));
  }

  finish() {
    const code = this.core.c.lrp_job_finish(this.ptr);
    if (code) throw new CoreError(code, this.core.c.lrp_error_message(code));
  }

  // A copy of one output (a typed array) by name.
  out(name) {
    const { c, M } = this.core;
    const i = this.core.outputs.findIndex((o) => o.name === name);
    const heap = M[this.core.outputs[i].heap];
    const at = c.lrp_job_out_ptr(this.ptr, i) / heap.BYTES_PER_ELEMENT;
    return heap.slice(at, at + c.lrp_job_out_len(this.ptr, i));
  }

  // Every output by name (typed arrays, empty where one does not apply),
  // plus diverged_at (t or null) and the fingerprint (after finish()).
  result() {
    const c = this.core.c;
    const r = Object.fromEntries(this.core.outputs.map(({ name }) => [name, this.out(name)]));
    const d = c.lrp_job_diverged_at(this.ptr);
    r.diverged_at = d < 0 ? null : d;
    r.fingerprint = hex8(c.lrp_job_fingerprint(this.ptr, 0)) + hex8(c.lrp_job_fingerprint(this.ptr, 1));
    r.n_params = c.lrp_job_n_params(this.ptr);
    return r;
  }

  // out = fn(ptr) over an nx * ny float grid.
  grid(fn, box, nx, ny) {
    const core = this.core;
    return core.withAlloc([4 * nx * ny], (out) => {
      const code = fn(this.ptr, out, box[0], box[1], box[2], box[3], nx, ny);
      if (code) throw new CoreError(code, core.c.lrp_error_message(code));
      return core.M.HEAPF32.slice(out >> 2, (out >> 2) + nx * ny);
    });
  }

  // The top eigenvalue of the loss's Hessian at evaluation k (data
  // problems) or path point k (surfaces): 2 / it is where plain gradient
  // descent starts to diverge. Computed on demand for data problems.
  sharpness(k) { return this.core.c.lrp_job_sharpness(this.ptr, k); }

  // The loss over the path's plane, box [a_lo, a_hi, b_lo, b_hi].
  landscape(box, nx, ny) { return this.grid(this.core.c.lrp_job_landscape, box, nx, ny); }

  // The model over its inputs: box [x_lo, x_hi, y_lo, y_hi] (ny = 1 for 1-D).
  predict(box, nx, ny) { return this.grid(this.core.c.lrp_job_predict, box, nx, ny); }

  // The same with the parameters of evaluation k (0 .. eval_step.length - 1):
  // the model as it was at step eval_step[k]. A k that is no int32 goes in
  // as -1, so that C refuses it rather than wrapping it to another k.
  predictAt(k, box, nx, ny) {
    const at = Number.isInteger(k) && Math.abs(k) < 2 ** 31 ? k : -1;
    return this.grid((job, ...grid) => this.core.c.lrp_job_predict_at(job, at, ...grid), box, nx, ny);
  }

  // Playback frames (data problems, after finish()): web/grids.js.
  frames(box, nx, ny) { return through(frameSteps(this, box, nx, ny)); }

  // Data problems: the landscape around the path, the model's output over
  // the data and, with frames, that output along the run (web/grids.js,
  // whose gridSteps does the same a piece at a time); {} for surfaces.
  grids(opts = {}) { return through(gridSteps(this, opts)); }

  free() {
    if (this.ptr) this.core.c.free(this.ptr);
    this.ptr = 0;
  }
}

// Loads the SIMD build (or the scalar twin) and returns a Core. The page's
// bundles pass their source of the binary (web/core-fetch.js); elsewhere
// it is web/gen/lrp-core.wasm, beside this module.
export async function loadCore({ scalar = false, source = null } = {}) {
  return new Core(await instantiate(source ?? fileSource(scalar)));
}
