// keys.js - the preset's keys (PRESET.md) as one declared table: type,
// range, default, where each applies, its label and help. web/preset.js
// parses, validates and canonicalizes by looping over it; the page's
// controls are built from it. Pure ES module, no dependencies.

export const VERSION = 1;

// Order matters: the C core receives these as indices.
export const ENUMS = deepFreeze({
  problem: ['quadratic', 'rosenbrock', 'beale', 'himmelblau', 'saddle', 'wells', 'linreg', 'logreg', 'mlp'],
  opt: ['sgd', 'momentum', 'nesterov', 'adagrad', 'rmsprop', 'adam', 'adamw'],
  sched: ['constant', 'step', 'multistep', 'exp', 'cosine', 'restarts', 'onecycle', 'cyclic', 'linear', 'poly', 'plateau'],
  mode: ['triangular', 'triangular2', 'exp_range'],
  data: ['moons', 'circles', 'spiral', 'xor', 'blobs', 'line', 'sine', 'own'],
  act: ['tanh', 'relu', 'sigmoid'],
});

export const SURFACES = deepFreeze(ENUMS.problem.slice(0, 6));
export const DATA_PROBLEMS = deepFreeze(ENUMS.problem.slice(6));
// Plain gradient descent: 2 / λmax is its stability limit, and its alone
// (momentum moves it, adaptive optimizers rescale the gradient, weight
// decay adds to the curvature).
export const plainGD = (p) => p.opt === 'sgd' && p.wd === 0;
export const SURFACE_START = deepFreeze({
  quadratic: [-4, 2], rosenbrock: [-1.5, 2], beale: [1, 1.5],
  himmelblau: [0, -4], saddle: [2, 0], wells: [2, 1],
});

import { fitsProblem, ownData } from './own-data.js';

// Keys the page keeps in its URL for the view only; they never change a run.
export const VIEW_KEYS = deepFreeze(['embed', 'ui', 'pin', 'lesson', 't']);

// Data sets each data problem can fit; mlp takes all of them; own data
// fit what their kind fits (own-data.js fitsProblem).
const CLASSIFICATION = ENUMS.data.slice(0, 5);
const DATA_FOR = { linreg: ['line', 'sine', 'own'], logreg: [...CLASSIFICATION, 'own'], mlp: ENUMS.data };
// Data sets that take more than two classes (own data bring their own).
export const MULTICLASS = deepFreeze(['blobs', 'spiral']);

export class PresetError extends Error {
  constructor(key, reason) {
    super(`${key}: ${reason}`);
    this.name = 'PresetError';
    this.key = key;
    this.reason = reason;
  }
}

// Range shorthands for the table.
const int = (min, max) => ({ type: 'int', min, max });
const num = (min, max, open = {}) => ({ type: 'num', min, max, ...open });
const list = (minLen, maxLen, min, max) => ({ type: 'list', minLen, maxLen, min, max });
const oneOf = (values) => ({ type: 'enum', values });
const BOOL = { type: 'bool', min: 0, max: 1 };
const GT = { minOpen: true };
const LT = { maxOpen: true };
const BOTH = { minOpen: true, maxOpen: true };

const forProblem = (...names) => (p) => names.includes(p.problem);
const forOpt = (...names) => (p) => names.includes(p.opt);
const forSched = (...names) => (p) => names.includes(p.sched);
const isData = forProblem(...DATA_PROBLEMS);
const isSurface = forProblem(...SURFACES);
const isAdam = forOpt('adam', 'adamw');
const isOwn = (p) => isData(p) && p.data === 'own';
// n and classes of own data come from their points.
const ownSet = (p) => (isOwn(p) ? ownData(p.points).data : undefined);
const checkData = (p) => {
  if (!DATA_FOR[p.problem].includes(p.data)) return `${p.problem} takes one of: ${DATA_FOR[p.problem].join(', ')}`;
  if (p.data !== 'own') return null;
  const { data, error } = ownData(p.points);
  return error ? `own: ${error}` : fitsProblem(data, p.problem);
};

// Mini-batches are drawn from the training points, those the holdout leaves
// (as core/job.c splits them): a batch of more would silently be the full
// batch, so it is refused, naming the split (core/config.c refuses it too).
const trainPoints = (p) => p.n - Math.floor(p.n * p.holdout);
const checkBatch = (p) => {
  const train = trainPoints(p);
  return p.batch <= train ? null : `must be <= ${train}, the training points (${p.n} less the ${p.n - train} held out); 0 is the full batch`;
};

// L of PRESET.md: the updates the schedule runs over after the warm-up.
const span = (p) => p.steps - p.warmup;
// x0, y0 only apply to surfaces; elsewhere any in-range default will do.
const surfaceStart = (p, i) => (SURFACE_START[p.problem] ?? [0, 0])[i];

export const KEYS = deepFreeze([
  { key: 'v', group: 'General', label: 'preset version', help: 'format version of the preset; this code reads 1',
    ...int(1, 1), def: () => VERSION },

  { key: 'problem', group: 'Problem', label: 'problem', help: 'a 2-D test surface, or a model fitted to data',
    ...oneOf(ENUMS.problem), def: () => 'rosenbrock' },
  { key: 'cond', group: 'Problem', label: 'condition number', help: 'quadratic: curvature of y relative to x',
    ...num(1, 1000), def: () => 10, applies: forProblem('quadratic') },
  { key: 'x0', group: 'Problem', label: 'start x', help: 'x of the starting point',
    ...num(-1000, 1000), def: (p) => surfaceStart(p, 0), applies: isSurface },
  { key: 'y0', group: 'Problem', label: 'start y', help: 'y of the starting point',
    ...num(-1000, 1000), def: (p) => surfaceStart(p, 1), applies: isSurface },

  { key: 'data', group: 'Data', label: 'data set', help: 'classification: moons circles spiral xor blobs; regression: line sine; own: your CSV (points)',
    ...oneOf(ENUMS.data), def: (p) => (p.problem === 'linreg' ? 'line' : 'moons'), applies: isData, check: checkData },
  { key: 'classes', group: 'Data', label: 'classes', help: 'blobs: centres, spiral: arms; above 2, softmax and cross-entropy',
    ...int(2, 8), def: (p) => ownSet(p)?.classes ?? 2, derived: isOwn, shows: (p) => isData(p) && MULTICLASS.includes(p.data),
    applies: (p) => isData(p) && p.problem !== 'linreg' && CLASSIFICATION.includes(p.data),
    check: (p) => (MULTICLASS.includes(p.data) || p.classes === 2 ? null : `${p.data} has two classes; more fit blobs, spiral and own data`) },
  { key: 'n', group: 'Data', label: 'points', help: 'number of data points',
    ...int(10, 10000), def: (p) => ownSet(p)?.n ?? 200, derived: isOwn, applies: (p) => isData(p) && !isOwn(p) },
  { key: 'noise', group: 'Data', label: 'noise', help: 'noise added to the data',
    ...num(0, 1), def: () => 0.1, applies: (p) => isData(p) && !isOwn(p) },
  { key: 'batch', group: 'Data', label: 'batch size', help: '0 = full batch; else mini-batches of the training points, drawn with the seed',
    ...int(0, 10000), def: () => 0, applies: isData, check: checkBatch },
  { key: 'hidden', group: 'Data', label: 'hidden layers', help: 'mlp layer widths, comma-separated',
    ...list(1, 3, 1, 64), def: () => [8, 8], applies: forProblem('mlp') },
  { key: 'act', group: 'Data', label: 'activation', help: 'mlp hidden-layer activation',
    ...oneOf(ENUMS.act), def: () => 'tanh', applies: forProblem('mlp') },
  { key: 'holdout', group: 'Data', label: 'held-out fraction', help: 'fraction of points held out for the test loss',
    ...num(0, 0.5), def: () => 0.2, applies: isData },

  { key: 'opt', group: 'Optimizer', label: 'optimizer', help: "PyTorch's torch.optim semantics, in float32",
    ...oneOf(ENUMS.opt), def: () => 'sgd' },
  { key: 'lr', group: 'Optimizer', label: 'learning rate', help: 'base rate; the peak for onecycle, the top for cyclic',
    ...num(0, 100, GT), def: () => 0.01 },
  { key: 'momentum', group: 'Optimizer', label: 'momentum', help: 'velocity coefficient: v = momentum * v + g',
    ...num(0, 1, LT), def: () => 0.9, applies: forOpt('momentum', 'nesterov'),
    check: (p) => (p.opt === 'nesterov' && p.momentum === 0 ? 'nesterov needs momentum > 0' : null) },
  { key: 'alpha', group: 'Optimizer', label: 'alpha', help: 'rmsprop smoothing constant',
    ...num(0, 1, LT), def: () => 0.99, applies: forOpt('rmsprop') },
  { key: 'b1', group: 'Optimizer', label: 'beta1', help: 'decay of the first moment',
    ...num(0, 1, LT), def: () => 0.9, applies: isAdam },
  { key: 'b2', group: 'Optimizer', label: 'beta2', help: 'decay of the second moment',
    ...num(0, 1, LT), def: () => 0.999, applies: isAdam },
  { key: 'eps', group: 'Optimizer', label: 'epsilon', help: 'added to the denominator',
    ...num(0, 1, GT), def: (p) => (p.opt === 'adagrad' ? 1e-10 : 1e-8),
    applies: forOpt('adagrad', 'rmsprop', 'adam', 'adamw') },
  { key: 'wd', group: 'Optimizer', label: 'weight decay', help: 'L2 added to the gradient; decoupled for adamw',
    ...num(0, 1), def: (p) => (p.opt === 'adamw' ? 0.01 : 0) },
  { key: 'amsgrad', group: 'Optimizer', label: 'AMSGrad', help: 'use the running maximum of the second moment',
    ...BOOL, def: () => 0, applies: isAdam },
  { key: 'bc', group: 'Optimizer', label: 'bias correction', help: "1: Adam's bias correction as PyTorch; 0: without it",
    ...BOOL, def: () => 1, applies: isAdam },

  { key: 'sched', group: 'Schedule', label: 'schedule', help: "PyTorch's lr_scheduler, stepped after every update",
    ...oneOf(ENUMS.sched), def: () => 'constant' },
  { key: 'warmup', group: 'Schedule', label: 'warm-up steps', help: 'linear warm-up; the schedule then runs over steps - warmup',
    ...int(0, 100000), def: () => 0,
    check: (p) => (p.warmup <= p.steps ? null : `must be <= steps (${p.steps})`) },
  { key: 'step_size', group: 'Schedule', label: 'step size', help: 'multiply the rate by gamma every this many steps',
    ...int(1, 100000), def: (p) => Math.max(1, Math.floor(span(p) / 4)), applies: forSched('step') },
  { key: 'milestones', group: 'Schedule', label: 'milestones', help: 'steps at which the rate is multiplied by gamma',
    ...list(1, 32, 0, 100000), def: (p) => [Math.floor(span(p) / 3), Math.floor((2 * span(p)) / 3)],
    applies: forSched('multistep'), sorted: true },
  { key: 'gamma', group: 'Schedule', label: 'gamma', help: 'decay factor (above 1 the rate grows, as in a range test)',
    ...num(0, 100, GT), def: (p) => ({ exp: 0.99, cyclic: 1 })[p.sched] ?? 0.1,
    applies: (p) => forSched('step', 'multistep', 'exp')(p) || (p.sched === 'cyclic' && p.mode === 'exp_range') },
  { key: 't_max', group: 'Schedule', label: 'T_max', help: 'steps of the cosine from lr down to min_lr',
    ...int(1, 100000), def: (p) => Math.max(1, span(p)), applies: forSched('cosine') },
  { key: 't0', group: 'Schedule', label: 'T_0', help: 'length of the first cycle',
    ...int(1, 100000), def: (p) => Math.max(1, Math.floor(span(p) / 4)), applies: forSched('restarts') },
  { key: 't_mult', group: 'Schedule', label: 'T_mult', help: 'each cycle is this many times longer than the last',
    ...int(1, 100), def: () => 1, applies: forSched('restarts') },
  { key: 'pct_start', group: 'Schedule', label: 'rising fraction', help: 'fraction of the steps spent rising to lr',
    ...num(0, 1, BOTH), def: () => 0.3, applies: forSched('onecycle') },
  { key: 'div', group: 'Schedule', label: 'div factor', help: 'the rate starts at lr / div',
    ...num(0, 1e6, GT), def: () => 25, applies: forSched('onecycle') },
  { key: 'final_div', group: 'Schedule', label: 'final div factor', help: 'the rate ends at lr / div / final_div',
    ...num(0, 1e9, GT), def: () => 10000, applies: forSched('onecycle') },
  { key: 'min_lr', group: 'Schedule', label: 'minimum rate', help: 'the floor of the schedule; the bottom of a cyclic one',
    ...num(0, 100), def: (p) => (p.sched === 'cyclic' ? p.lr / 10 : 0),
    applies: forSched('cosine', 'restarts', 'cyclic', 'plateau') },
  { key: 'step_up', group: 'Schedule', label: 'steps up', help: 'steps from min_lr up to lr',
    ...int(1, 100000), def: (p) => Math.max(1, Math.floor(span(p) / 8)), applies: forSched('cyclic') },
  { key: 'step_down', group: 'Schedule', label: 'steps down', help: 'steps from lr down to min_lr',
    ...int(1, 100000), def: (p) => p.step_up, applies: forSched('cyclic') },
  { key: 'mode', group: 'Schedule', label: 'cyclic mode', help: 'triangular2 halves the amplitude each cycle; exp_range scales it by gamma^t',
    ...oneOf(ENUMS.mode), def: () => 'triangular', applies: forSched('cyclic') },
  { key: 'start', group: 'Schedule', label: 'start factor', help: 'multiplies lr at the first step',
    ...num(0, 1, GT), def: () => 1 / 3, applies: forSched('linear') },
  { key: 'end', group: 'Schedule', label: 'end factor', help: 'multiplies lr from step iters on',
    ...num(0, 1, GT), def: () => 1, applies: forSched('linear') },
  { key: 'iters', group: 'Schedule', label: 'iterations', help: 'steps until the schedule reaches its end',
    ...int(1, 100000), def: (p) => Math.max(1, span(p)), applies: forSched('linear', 'poly') },
  { key: 'power', group: 'Schedule', label: 'power', help: 'exponent of the polynomial decay',
    ...num(0, 10, GT), def: () => 1, applies: forSched('poly') },
  { key: 'factor', group: 'Schedule', label: 'factor', help: 'multiplies the rate when the loss stops improving',
    ...num(0, 1, BOTH), def: () => 0.1, applies: forSched('plateau') },
  { key: 'patience', group: 'Schedule', label: 'patience', help: 'updates without improvement before the rate drops',
    ...int(0, 100000), def: () => 10, applies: forSched('plateau') },
  { key: 'threshold', group: 'Schedule', label: 'threshold', help: 'relative improvement that counts as one',
    ...num(0, 1, LT), def: () => 1e-4, applies: forSched('plateau') },
  { key: 'cooldown', group: 'Schedule', label: 'cooldown', help: 'updates to wait after a drop before watching again',
    ...int(0, 100000), def: () => 0, applies: forSched('plateau') },

  { key: 'steps', group: 'Run', label: 'steps', help: 'number of updates',
    ...int(1, 100000), def: () => 200 },
  { key: 'seed', group: 'Run', label: 'seed', help: 'seeds the data and the mini-batches',
    ...int(0, 4294967295), def: () => 1 },
  // Last, so that a link's readable keys come first.
  { key: 'points', group: 'Data', label: 'own data', help: 'data=own: the points, encoded (README), or the file they came from',
    type: 'points', def: () => '', applies: isOwn },
].map((d) => ({ minOpen: false, maxOpen: false, applies: () => true, ...d })));

export const BY_KEY = new Map(KEYS.map((d) => [d.key, d]));

// Keys other keys' def/applies/check read come first, each after its own
// dependencies; the rest follow in canonical order.
const FIRST = ['v', 'problem', 'opt', 'sched', 'mode', 'steps', 'warmup', 'lr', 'points', 'data', 'n', 'holdout', 'step_up'];
export const ORDER = [...FIRST.map((k) => BY_KEY.get(k)), ...KEYS.filter((d) => !FIRST.includes(d.key))];

export const describeKey = (key) => BY_KEY.get(key);

export function rangeText(d) {
  if (d.type === 'enum') return `one of: ${d.values.join(', ')}`;
  if (d.type === 'bool') return '0 or 1';
  if (d.type === 'points') return 'points encoded as the README says';
  if (d.type === 'list') return `${d.minLen} to ${d.maxLen} integers from ${d.min} to ${d.max}, comma-separated`;
  if (d.min === d.max) return String(d.min);
  if (d.type === 'int') return `an integer from ${d.min} to ${d.max}`;
  if (!d.minOpen && !d.maxOpen) return `from ${d.min} to ${d.max}`;
  return `${d.minOpen ? '>' : '>='} ${d.min} and ${d.maxOpen ? '<' : '<='} ${d.max}`;
}

function deepFreeze(o) {
  for (const v of Object.values(o)) if (typeof v === 'object' && v !== null) deepFreeze(v);
  return Object.freeze(o);
}
