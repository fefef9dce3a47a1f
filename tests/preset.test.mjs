import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  VERSION, ENUMS, SURFACES, DATA_PROBLEMS, SURFACE_START, VIEW_KEYS, KEYS, PresetError,
  parse, canonicalize, toJSON, describeKey, rangeText,
} from '../web/preset.js';

const preset = (input) => parse(input).preset;
const strict = (input) => parse(input, { strict: true });

// Every key as parse({}) must resolve it (PRESET.md with steps = L = 200).
const DEFAULTS = {
  v: 1, problem: 'rosenbrock', cond: 10, x0: -1.5, y0: 2,
  data: 'moons', classes: 2, n: 200, noise: 0.1, batch: 0, hidden: [8, 8], act: 'tanh', holdout: 0.2,
  opt: 'sgd', lr: 0.01, momentum: 0.9, alpha: 0.99, b1: 0.9, b2: 0.999, eps: 1e-8, wd: 0, amsgrad: 0, bc: 1,
  sched: 'constant', warmup: 0, step_size: 50, milestones: [66, 133], gamma: 0.1, t_max: 200, t0: 50, t_mult: 1,
  pct_start: 0.3, div: 25, final_div: 10000, min_lr: 0, step_up: 25, step_down: 25, mode: 'triangular',
  start: 1 / 3, end: 1, iters: 200, power: 1, factor: 0.1, patience: 10, threshold: 1e-4, cooldown: 0,
  steps: 200, seed: 1, points: '',
};

// An independent statement of validity, to check what parse hands out.
function assertValid(p) {
  assert.deepEqual(Object.keys(p), KEYS.map((d) => d.key));
  for (const d of KEYS) {
    const values = d.type === 'list' ? p[d.key] : [p[d.key]];
    if (d.type === 'points') {
      assert.equal(typeof p[d.key], 'string', d.key);
      continue;
    }
    if (d.derived?.(p)) continue; // own data's n and classes: from their points
    if (d.type === 'enum') {
      assert.ok(d.values.includes(p[d.key]), `${d.key}=${p[d.key]}`);
      continue;
    }
    if (d.type === 'list') assert.ok(values.length >= d.minLen && values.length <= d.maxLen, d.key);
    for (const x of values) {
      assert.equal(typeof x, 'number', d.key);
      assert.ok(Number.isFinite(x) && !Object.is(x, -0), `${d.key}=${x}`);
      if (d.type !== 'num') assert.ok(Number.isInteger(x), `${d.key}=${x}`);
      assert.ok(d.minOpen ? x > d.min : x >= d.min, `${d.key}=${x}`);
      assert.ok(d.maxOpen ? x < d.max : x <= d.max, `${d.key}=${x}`);
    }
  }
  assert.ok(p.warmup <= p.steps);
  if (DATA_PROBLEMS.includes(p.problem)) assert.ok(p.batch <= p.n - Math.floor(p.n * p.holdout), 'batch at most the training points');
  if (p.opt === 'nesterov') assert.ok(p.momentum > 0);
  if (p.problem === 'linreg') assert.ok(['line', 'sine', 'own'].includes(p.data));
  if (p.problem === 'logreg') assert.ok(!['line', 'sine'].includes(p.data));
  if (p.data === 'own' && DATA_PROBLEMS.includes(p.problem)) assert.ok(p.points.startsWith('1.') || p.points.startsWith('file.'));
}

// Two presets describe the same run when every key that applies is equal.
function assertSameRun(a, b, message) {
  for (const d of KEYS) if (d.applies(a)) assert.deepEqual(b[d.key], a[d.key], `${message}: ${d.key}`);
}

test('tables: enums in core order, keys in canonical order', () => {
  assert.deepEqual(ENUMS.problem, ['quadratic', 'rosenbrock', 'beale', 'himmelblau', 'saddle', 'wells', 'linreg', 'logreg', 'mlp']);
  assert.deepEqual(ENUMS.opt, ['sgd', 'momentum', 'nesterov', 'adagrad', 'rmsprop', 'adam', 'adamw']);
  assert.deepEqual(ENUMS.sched, ['constant', 'step', 'multistep', 'exp', 'cosine', 'restarts', 'onecycle', 'cyclic', 'linear', 'poly', 'plateau']);
  assert.deepEqual(ENUMS.mode, ['triangular', 'triangular2', 'exp_range']);
  assert.deepEqual(ENUMS.data, ['moons', 'circles', 'spiral', 'xor', 'blobs', 'line', 'sine', 'own']);
  assert.deepEqual(ENUMS.act, ['tanh', 'relu', 'sigmoid']);
  assert.deepEqual(SURFACES, ['quadratic', 'rosenbrock', 'beale', 'himmelblau', 'saddle', 'wells']);
  assert.deepEqual(DATA_PROBLEMS, ['linreg', 'logreg', 'mlp']);
  assert.deepEqual(Object.keys(SURFACE_START), SURFACES);
  // pins= is no view key: a link's pins are pin= (issue 16: pins= went unreported)
  assert.deepEqual(VIEW_KEYS, ['embed', 'ui', 'pin', 'lesson', 't']);
  assert.equal(VERSION, 1);
  assert.deepEqual(KEYS.map((d) => d.key), Object.keys(DEFAULTS));
  assert.ok(Object.isFrozen(KEYS) && Object.isFrozen(ENUMS.opt) && Object.isFrozen(KEYS[0]));
});

test('descriptors are complete', () => {
  const groups = ['General', 'Problem', 'Data', 'Optimizer', 'Schedule', 'Run'];
  for (const d of KEYS) {
    assert.ok(['int', 'num', 'enum', 'bool', 'list', 'points'].includes(d.type), d.key);
    assert.ok(groups.includes(d.group), d.key);
    assert.ok(d.label && d.help, d.key);
    assert.equal(typeof d.def, 'function', d.key);
    assert.equal(typeof d.applies, 'function', d.key);
    if (d.type === 'enum') assert.ok(Array.isArray(d.values), d.key);
    else if (d.type === 'points') assert.equal(d.def({}), '', d.key);
    else assert.ok(d.min <= d.max && typeof d.minOpen === 'boolean' && typeof d.maxOpen === 'boolean', d.key);
    assert.equal(describeKey(d.key), d);
  }
  assert.equal(describeKey('__proto__'), undefined);
  assert.equal(describeKey('nope'), undefined);
});

test('keys resolve after the keys their defaults read', () => {
  // A key that was not given must equal its def() of the final preset; had
  // parse resolved it before a key its def() reads, it would not.
  for (const input of sample(60)) {
    const p = preset(input);
    for (const d of KEYS) if (!(d.key in input)) assert.deepEqual(p[d.key], d.def(p), `${JSON.stringify(input)}: ${d.key}`);
  }
});

test('defaults of the empty preset', () => {
  const { preset: p, issues } = parse({});
  assert.deepEqual(p, DEFAULTS);
  assert.deepEqual(issues, []);
  assertValid(p);
  for (const empty of ['', '   ', '#', 'https://x/index.html#', undefined, null, '{}']) {
    assert.deepEqual(parse(empty), { preset: DEFAULTS, issues: [] }, String(empty));
  }
});

test('derived defaults follow steps and warmup', () => {
  const cases = [
    ['steps=200', { step_size: 50, milestones: [66, 133], step_up: 25, step_down: 25, t_max: 200, t0: 50, iters: 200 }],
    ['warmup=40', { step_size: 40, milestones: [53, 106], step_up: 20, step_down: 20, t_max: 160, t0: 40, iters: 160 }],
    ['steps=1000&warmup=100', { step_size: 225, milestones: [300, 600], step_up: 112, t_max: 900, t0: 225, iters: 900 }],
    ['steps=3', { step_size: 1, milestones: [1, 2], step_up: 1, t_max: 3, t0: 1, iters: 3 }],
    ['steps=10&warmup=10', { step_size: 1, milestones: [0, 0], step_up: 1, t_max: 1, t0: 1, iters: 1 }],
    ['sched=cyclic&step_up=7', { step_up: 7, step_down: 7 }],
  ];
  for (const [input, expected] of cases) {
    const p = preset(input);
    for (const [key, value] of Object.entries(expected)) assert.deepEqual(p[key], value, `${input}: ${key}`);
    assertValid(p);
  }
});

test('defaults per problem, optimizer and schedule', () => {
  const cases = [
    ['opt=adagrad', { eps: 1e-10, wd: 0 }],
    ['opt=rmsprop', { eps: 1e-8 }],
    ['opt=adam', { eps: 1e-8, wd: 0 }],
    ['opt=adamw', { eps: 1e-8, wd: 0.01 }],
    ['sched=step', { gamma: 0.1, min_lr: 0 }],
    ['sched=multistep', { gamma: 0.1 }],
    ['sched=exp', { gamma: 0.99 }],
    ['sched=cyclic', { gamma: 1, min_lr: 0.001 }],
    ['sched=cyclic&lr=0.5', { min_lr: 0.05 }],
    ['sched=cosine&lr=0.5', { min_lr: 0 }],
    ['problem=linreg', { data: 'line' }],
    ['problem=logreg', { data: 'moons' }],
    ['problem=mlp', { data: 'moons' }],
    ...SURFACES.map((s) => [`problem=${s}`, { x0: SURFACE_START[s][0], y0: SURFACE_START[s][1] }]),
  ];
  for (const [input, expected] of cases) {
    const p = preset(input);
    for (const [key, value] of Object.entries(expected)) assert.equal(p[key], value, `${input}: ${key}`);
  }
});

test('every input form gives the same preset', () => {
  const expected = { ...DEFAULTS, x0: 0, y0: 0, problem: 'mlp', hidden: [16, 4], opt: 'adam', lr: 0.02, amsgrad: 1, sched: 'cosine', t_max: 300, iters: 300, steps: 300, step_size: 75, milestones: [100, 200], t0: 75, step_up: 37, step_down: 37 };
  const bare = 'v=1&problem=mlp&hidden=16,4&opt=adam&lr=0.02&amsgrad=1&sched=cosine&steps=300';
  const forms = [
    bare,
    `#${bare}`,
    `https://example.org/lr/index.html?x=1#${bare}`,
    `  ${bare}\n`,
    bare.replace('16,4', '16%2C4').replace('adam', '%61dam'),
    JSON.stringify({ v: 1, problem: 'mlp', hidden: [16, 4], opt: 'adam', lr: 0.02, amsgrad: 1, sched: 'cosine', steps: 300 }),
    '{"v":"1","problem":"mlp","hidden":"16,4","opt":"adam","lr":"0.02","amsgrad":true,"sched":"cosine","steps":"3e2"}',
    { v: 1, problem: 'mlp', hidden: [16, 4], opt: 'adam', lr: 0.02, amsgrad: 1, sched: 'cosine', steps: 300 },
    { problem: 'mlp', hidden: ['16', 4], opt: 'adam', lr: '2e-2', amsgrad: '1', sched: 'cosine', steps: 300.0 },
  ];
  for (const input of forms) {
    const { preset: p, issues } = parse(input);
    assert.deepEqual(p, expected, JSON.stringify(input));
    assert.deepEqual(issues, [], JSON.stringify(input));
  }
});

test('value grammar', () => {
  const ok = [['lr', '.5', 0.5], ['lr', '5.', 5], ['lr', '+1e-3', 0.001], ['lr', '1E2', 100], ['x0', '-0', 0],
    ['steps', '1e3', 1000], ['steps', '10.0', 10], ['seed', '4294967295', 4294967295], ['amsgrad', '1', 1]];
  for (const [key, text, value] of ok) {
    const p = strict(`${key}=${encodeURIComponent(text)}`).preset;
    assert.ok(Object.is(p[key], value), `${key}=${text} gave ${p[key]}`);
  }
  assert.ok(Object.is(strict({ x0: -0 }).preset.x0, 0));
  assert.ok(Object.is(strict('{"y0": -0}').preset.y0, 0));
  assert.ok(Object.is(strict({ milestones: [-0, 5] }).preset.milestones[0], 0));
  assert.ok(Object.is(strict('milestones=-0,5').preset.milestones[0], 0));
  assert.equal(strict({ bc: false }).preset.bc, 0);
  const bad = [['lr', ''], ['lr', ' 1'], ['lr', '1 '], ['lr', '0x10'], ['lr', 'Infinity'], ['lr', 'NaN'], ['lr', '1e309'],
    ['lr', '1,5'], ['lr', '1_0'], ['lr', '--1'], ['lr', '.'], ['lr', 'e5'], ['lr', '1e'], ['steps', '1.5'],
    ['amsgrad', 'true'], ['amsgrad', '2'], ['opt', 'Adam'], ['opt', ' adam'], ['hidden', '8,,8'], ['hidden', '8, 8'],
    ['hidden', ''], ['hidden', '1,2,3,4'], ['hidden', '0'], ['hidden', '65'], ['hidden', '1.5']];
  for (const [key, text] of bad) {
    assert.throws(() => strict(`${key}=${encodeURIComponent(text)}`), { name: 'PresetError', key }, `${key}=${text}`);
  }
  const badJSON = [{ lr: null }, { lr: true }, { lr: [1] }, { lr: {} }, { opt: 5 }, { hidden: 8 }, { hidden: [[8]] }, { steps: 1e309 }];
  for (const input of badJSON) {
    const key = Object.keys(input)[0];
    assert.throws(() => strict(input), { name: 'PresetError', key }, JSON.stringify(input));
  }
});

test('canonical strings', () => {
  const cases = [
    [{}, 'v=1'],
    ['v=1&problem=rosenbrock&opt=adam&lr=0.02&sched=cosine&steps=300', 'v=1&opt=adam&lr=0.02&sched=cosine&steps=300'],
    ['steps=300&sched=cosine&lr=0.02&opt=adam&momentum=0.5', 'v=1&opt=adam&lr=0.02&sched=cosine&steps=300'],
    ['opt=momentum&momentum=0.5&b1=0.5', 'v=1&opt=momentum&momentum=0.5'],
    ['opt=adamw&wd=0.01&eps=1e-8', 'v=1&opt=adamw'],
    ['opt=adamw&wd=0', 'v=1&opt=adamw&wd=0'],
    ['opt=sgd&wd=0.01', 'v=1&wd=0.01'],
    ['problem=quadratic&cond=100&x0=-4&y0=3', 'v=1&problem=quadratic&cond=100&y0=3'],
    ['problem=mlp&x0=3&hidden=8,8&data=spiral&act=relu', 'v=1&problem=mlp&data=spiral&act=relu'],
    ['problem=mlp&hidden=16,16,2&batch=32', 'v=1&problem=mlp&batch=32&hidden=16,16,2'],
    ['problem=linreg&data=line&cond=3', 'v=1&problem=linreg'],
    ['sched=multistep&milestones=50,150&gamma=0.5', 'v=1&sched=multistep&milestones=50,150&gamma=0.5'],
    ['sched=multistep&milestones=66,133', 'v=1&sched=multistep'],
    ['sched=cyclic&mode=exp_range&gamma=0.999&min_lr=0.001', 'v=1&sched=cyclic&gamma=0.999&mode=exp_range'],
    ['sched=cyclic&gamma=0.5&step_up=10&step_down=10', 'v=1&sched=cyclic&step_up=10'],
    ['sched=cyclic&step_down=25&step_up=10', 'v=1&sched=cyclic&step_up=10&step_down=25'],
    ['sched=step&warmup=40&step_size=40', 'v=1&sched=step&warmup=40'],
    ['sched=linear&start=0.5&iters=100&power=2', 'v=1&sched=linear&start=0.5&iters=100'],
    ['sched=plateau&factor=0.5&patience=5&threshold=0&min_lr=1e-5', 'v=1&sched=plateau&min_lr=0.00001&factor=0.5&patience=5&threshold=0'],
    ['seed=42&steps=1000&embed=1&ui=0&pin=a&pins=b', 'v=1&steps=1000&seed=42'],
  ];
  for (const [input, expected] of cases) {
    const p = strict(input).preset;
    assert.equal(canonicalize(p), expected, JSON.stringify(input));
    assertSameRun(p, strict(expected).preset, expected);
  }
  assert.deepEqual(toJSON(preset('problem=mlp&hidden=4&opt=adam&lr=0.5')), { v: 1, problem: 'mlp', hidden: [4], opt: 'adam', lr: 0.5 });
});

// A small deterministic PRNG (mulberry32), so the generated presets are the
// same on every run.
function rng(seed) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// Random raw inputs, valid and not, covering every key.
function sample(count, seed = 7) {
  const r = rng(seed);
  const pick = (a) => a[Math.floor(r() * a.length)];
  const value = (d) => {
    if (d.type === 'enum') return pick(d.values);
    if (d.type === 'list') return Array.from({ length: 1 + Math.floor(r() * d.maxLen) }, () => Math.round(d.min + r() * Math.min(d.max - d.min, 300)));
    const span = Math.min(d.max - d.min, pick([1, 10, 1000]));
    const x = d.min + r() * span;
    return d.type === 'num' ? Number(x.toPrecision(1 + Math.floor(r() * 4))) : Math.round(x);
  };
  return Array.from({ length: count }, () => {
    const input = {};
    for (const d of KEYS) if (d.key !== 'v' && r() < 0.4) input[d.key] = value(d);
    return input;
  });
}

test('round trips of generated presets', () => {
  for (const input of sample(60)) {
    const p = preset(input);
    assertValid(p);
    const text = canonicalize(p);
    const back = strict(text).preset;
    assert.equal(canonicalize(back), text);
    assertSameRun(p, back, text);
    assert.deepEqual(strict(JSON.parse(JSON.stringify(toJSON(p)))).preset, back, text);
    assert.deepEqual(strict(`https://x/index.html#${text}`).preset, back, text);
  }
});

test('strict mode throws PresetError naming the key', () => {
  const cases = [
    ['lr=abc', 'lr', 'must be a number'],
    ['lr=0', 'lr', 'must be > 0 and <= 100'],
    ['lr=101', 'lr', 'must be > 0 and <= 100'],
    ['steps=0', 'steps', 'must be an integer from 1 to 100000'],
    ['steps=2.5', 'steps', 'must be an integer from 1 to 100000'],
    ['momentum=1', 'momentum', 'must be >= 0 and < 1'],
    ['noise=2', 'noise', 'must be from 0 to 1'],
    ['problem=sphere', 'problem', `must be one of: ${ENUMS.problem.join(', ')}`],
    ['opt=lion', 'opt', `must be one of: ${ENUMS.opt.join(', ')}`],
    ['sched=warm', 'sched', `must be one of: ${ENUMS.sched.join(', ')}`],
    ['v=2', 'v', 'unknown preset version 2 (this version reads v=1)'],
    ['v=0&lr=1', 'v', 'unknown preset version 0 (this version reads v=1)'],
    ['v=abc', 'v', 'unknown preset version abc (this version reads v=1)'],
    [{ v: 1.5 }, 'v', 'unknown preset version 1.5 (this version reads v=1)'],
    ['', 'preset', 'empty preset'],
    ['  \n ', 'preset', 'empty preset'],
    ['https://x/index.html#', 'preset', 'empty preset'],
    ['opt=nesterov&momentum=0', 'momentum', 'nesterov needs momentum > 0'],
    ['warmup=300', 'warmup', 'must be <= steps (200)'],
    ['steps=50&warmup=51', 'warmup', 'must be <= steps (50)'],
    ['problem=logreg&n=50&batch=51', 'batch', 'must be <= 40, the training points (50 less the 10 held out); 0 is the full batch'],
    ['problem=logreg&n=50&batch=41', 'batch', 'must be <= 40, the training points (50 less the 10 held out); 0 is the full batch'],
    ['problem=logreg&n=11&holdout=0.5&batch=7', 'batch', 'must be <= 6, the training points (11 less the 5 held out); 0 is the full batch'],
    ['problem=linreg&data=moons', 'data', 'linreg takes one of: line, sine, own'],
    ['problem=logreg&data=sine', 'data', 'logreg takes one of: moons, circles, spiral, xor, blobs, own'],
    ['lr=0.1&lr=0.2', 'lr', 'given more than once'],
    ['lr=%E0%A4%A', 'lr', 'malformed %-escape'],
    ['sched=onecycle&pct_start=1', 'pct_start', 'must be > 0 and < 1'],
    ['sched=restarts&t0=0', 't0', 'must be an integer from 1 to 100000'],
    ['sched=plateau&factor=1', 'factor', 'must be > 0 and < 1'],
    ['sched=linear&start=0', 'start', 'must be > 0 and <= 1'],
  ];
  for (const [input, key, reason] of cases) {
    assert.throws(() => strict(input), (e) => {
      assert.ok(e instanceof PresetError && e instanceof Error);
      assert.equal(e.key, key, JSON.stringify(input));
      assert.equal(e.reason, reason, JSON.stringify(input));
      assert.equal(e.message, `${key}: ${reason}`);
      return true;
    });
  }
  assert.throws(() => strict('{"lr": 0.1'), { key: 'preset', reason: /^not valid JSON: / });
  assert.throws(() => parse('v=2'), { key: 'v' }); // lenient refuses an unknown version too
  assert.throws(() => parse({ v: '2' }), { key: 'v' });
});

test('strict mode reports unknown keys but accepts the rest', () => {
  const { preset: p, issues } = strict('lr=0.5&colour=red&embed=1&pins=3');
  assert.equal(p.lr, 0.5);
  assert.deepEqual(issues, [{ key: 'colour', reason: 'unknown key, ignored' }, { key: 'pins', reason: 'unknown key, ignored' }]);
  // Cross-key checks only bind keys that affect the run.
  assert.equal(strict('batch=500').preset.batch, 500);
  assert.equal(strict('problem=logreg&n=50&batch=40').preset.batch, 40);
  assert.equal(strict('problem=logreg&n=11&holdout=0.5&batch=6').preset.batch, 6);
  assert.equal(strict('opt=adam&momentum=0').preset.momentum, 0);
});

test('lenient mode falls back to defaults and reports key and reason', () => {
  const cases = [
    ['lr=abc&opt=adam', [{ key: 'lr', value: 'abc', reason: 'must be a number' }], { lr: 0.01, opt: 'adam' }],
    ['steps=0&lr=0.5', [{ key: 'steps', value: '0', reason: 'must be an integer from 1 to 100000' }], { steps: 200, lr: 0.5 }],
    ['opt=nesterov&momentum=0', [{ key: 'momentum', value: '0', reason: 'nesterov needs momentum > 0' }], { opt: 'nesterov', momentum: 0.9 }],
    ['warmup=500&sched=cosine', [{ key: 'warmup', value: '500', reason: 'must be <= steps (200)' }], { warmup: 0, t_max: 200 }],
    ['steps=abc&warmup=300', [{ key: 'steps', value: 'abc', reason: 'must be a number' }, { key: 'warmup', value: '300', reason: 'must be <= steps (200)' }], { steps: 200, warmup: 0 }],
    ['problem=linreg&data=spiral', [{ key: 'data', value: 'spiral', reason: 'linreg takes one of: line, sine, own' }], { data: 'line' }],
    ['problem=mlp&n=20&batch=64', [{ key: 'batch', value: '64', reason: 'must be <= 16, the training points (20 less the 4 held out); 0 is the full batch' }], { n: 20, batch: 0 }],
    // issue 16: the batch is drawn from the training points, not from all n
    ['problem=mlp&n=10&holdout=0.5&batch=10', [{ key: 'batch', value: '10', reason: 'must be <= 5, the training points (10 less the 5 held out); 0 is the full batch' }],
      { n: 10, holdout: 0.5, batch: 0, problem: 'mlp' }],
    ['problem=mlp&batch=161&holdout=x', [{ key: 'holdout', value: 'x', reason: 'must be a number' },
      { key: 'batch', value: '161', reason: 'must be <= 160, the training points (200 less the 40 held out); 0 is the full batch' }], { batch: 0, holdout: 0.2 }],
    ['problem=mlp&hidden=100', [{ key: 'hidden', value: '100', reason: 'must be 1 to 3 integers from 1 to 64, comma-separated' }], { hidden: [8, 8] }],
    ['opt=Adam&lr=0.3', [{ key: 'opt', value: 'Adam', reason: `must be one of: ${ENUMS.opt.join(', ')}` }], { opt: 'sgd', lr: 0.3 }],
    ['lr=0.1&lr=0.2', [{ key: 'lr', value: '0.2', reason: 'given more than once, the last one wins' }], { lr: 0.2 }],
    ['lr=%ZZ&seed=9', [{ key: 'lr', value: '%ZZ', reason: 'malformed %-escape' }], { lr: 0.01, seed: 9 }],
    ['foo=1&embed=1&ui=x&pin=1&pins=2&seed=3', [{ key: 'foo', reason: 'unknown key, ignored' }, { key: 'pins', reason: 'unknown key, ignored' }], { seed: 3 }],
    ['p%69n=1&%65mbed=1&lr=0.5', [], { lr: 0.5 }],
    [[1, 2], [{ key: 'preset', reason: 'must be an object or a string' }], {}],
    [`lr=${'9'.repeat(100)}`, [{ key: 'lr', value: `${'9'.repeat(39)}…`, reason: 'must be > 0 and <= 100' }], { lr: 0.01 }],
  ];
  for (const [input, issues, expected] of cases) {
    const result = parse(input);
    assert.deepEqual(result.issues, issues, JSON.stringify(input));
    for (const [key, value] of Object.entries(expected)) assert.deepEqual(result.preset[key], value, `${input}: ${key}`);
    assertValid(result.preset);
  }
  const { preset: p, issues } = parse('{"lr": ');
  assert.deepEqual(p, DEFAULTS);
  assert.equal(issues.length, 1);
  assert.equal(issues[0].key, 'preset');
  assert.match(issues[0].reason, /^not valid JSON: .{1,80}$/);
});

test('hostile inputs never throw in lenient mode', () => {
  const big = 'x'.repeat(1 << 20);
  const inputs = [
    big, `lr=${big}`, `${big}=1`, '&'.repeat(1 << 16), '='.repeat(1000), 'lr=1&'.repeat(10000), `hidden=${'1,'.repeat(1 << 18)}1`,
    `lr=${'1'.repeat(1 << 20)}x`, `lr=1e${'1'.repeat(1 << 20)}x`, `lr=.${'1'.repeat(1 << 20)}.`, // linear-time number grammar
    'problem=<script>alert(1)</script>', 'opt="><img src=x onerror=alert(1)>', 'lr=%3Cscript%3E',
    'problem=rosenbröck&lr=０.１&🙂=😈&data=\u0000', '\uD800=\uDFFF', 'lr=%F0%9F%99%82', 'lr=%', '%=%', '%%%&&&===',
    '__proto__[polluted]=1', '__proto__=x', 'constructor=1&prototype=2&toString=3&hasOwnProperty=4',
    'lr=1e309&x0=-1e309&seed=NaN&y0=-0&steps=0x10&n=Infinity&cond=1e-400',
    'lr=0.1&lr=0.1&lr=-1', 'v=1&v=1', '#####', '#?#', '{', '{"', '{"lr":1e309}', '{"__proto__": {"polluted": 1}}',
    '{"constructor": {"prototype": {"polluted": 1}}}', '{"hidden": [1e309, -0, null, {}]}', '{"steps": {"valueOf": 5}}',
    Object.create(null), { __proto__: { lr: 5 } }, { lr: 10n }, { lr: Symbol('x') }, { hidden: new Array(1e6).fill(1) }, { problem: 'mlp', hidden: new Array(2) }, { problem: 'mlp', milestones: [1, , 2] },
    JSON.parse('{"__proto__": {"lr": 0.5}}'), 42, true, () => 1, Symbol('s'), 10n,
  ];
  for (const input of inputs) {
    const started = Date.now();
    const { preset: p, issues } = parse(input);
    assert.ok(Date.now() - started < 2000, 'slow parse');
    assertValid(p);
    for (const issue of issues) {
      assert.equal(typeof issue.key, 'string');
      assert.equal(typeof issue.reason, 'string');
      assert.ok(issue.key.length <= 40);
      if ('value' in issue) assert.ok(typeof issue.value === 'string' && issue.value.length <= 40);
    }
  }
});

test('no key reaches a prototype', () => {
  for (const input of ['__proto__[polluted]=1', '__proto__=x', '__proto__.polluted=1', 'constructor[prototype][polluted]=1',
    '{"__proto__": {"polluted": 1}}', '{"constructor": {"prototype": {"polluted": 1}}}',
    JSON.parse('{"__proto__": {"polluted": 1}}')]) {
    for (const mode of [{}, { strict: true }]) {
      const { preset: p, issues } = parse(input, mode);
      assert.equal(issues.length, 1, JSON.stringify(input));
      assert.equal(Object.getPrototypeOf(p), Object.prototype);
      assert.equal(p.polluted, undefined);
      assert.deepEqual(p, DEFAULTS);
    }
  }
  assert.equal({}.polluted, undefined);
  assert.equal(Object.prototype.polluted, undefined);
});

test('rangeText', () => {
  assert.equal(rangeText(describeKey('v')), '1');
  assert.equal(rangeText(describeKey('lr')), '> 0 and <= 100');
  assert.equal(rangeText(describeKey('momentum')), '>= 0 and < 1');
  assert.equal(rangeText(describeKey('factor')), '> 0 and < 1');
  assert.equal(rangeText(describeKey('holdout')), 'from 0 to 0.5');
  assert.equal(rangeText(describeKey('seed')), 'an integer from 0 to 4294967295');
  assert.equal(rangeText(describeKey('bc')), '0 or 1');
  assert.equal(rangeText(describeKey('act')), 'one of: tanh, relu, sigmoid');
  assert.equal(rangeText(describeKey('milestones')), '1 to 32 integers from 0 to 100000, comma-separated');
});
