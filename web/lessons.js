// lessons.js - the lessons: each a preset (with pinned comparisons), one
// sentence, a claim, check(run, core) → true/false, and notes(run, core) →
// the marks that show the claim on the charts ({ loss, lr, path }: lists
// of { t, y, text } on the charts, { x, y, text } on the path plot; pin:
// k colours a note like pin k). tests/lessons.test.mjs verifies the claims
// on the very runs the links show; the browser test that the notes are on
// screen. zoom: the loss and lr charts show steps 0 .. zoom only.
// Pure: no DOM.
import { parse } from './preset.js';
import { brief, divergedAt } from './story.js';

const run = (core, preset) => core.run(parse(preset).preset);
const last = (a) => a[a.length - 1];
const end = (r) => [r.path[r.path.length - 2], r.path[r.path.length - 1]];
const at = (r, t) => [r.path[2 * t], r.path[2 * t + 1]];
const endT = (r) => r.loss.length - 1;
// length of update t's step in the (x, y) plane
const stepLength = (r, t) => Math.hypot(r.path[2 * t + 2] - r.path[2 * t], r.path[2 * t + 3] - r.path[2 * t + 1]);
const divergedNote = (r, pin) => ({ t: r.diverged_at, y: 1e10, text: divergedAt(r.diverged_at), pin });

const Q = 'v=1&problem=quadratic'; // 0.5 (x^2 + 10 y^2): SGD is stable for lr < 2/10
// three spiral arms, one class each, an MLP with Adam; ln 3 is the loss of
// a model that gives each class 1/3
const S3 = (lr) => `v=1&problem=mlp&data=spiral&classes=3&n=400&noise=0.05&hidden=16,16&opt=adam&lr=${lr}&steps=300`;
// The prediction grid of a run over k > 2 classes (web/palette.js
// classShade: each value is 2c + p): the share of the grid on which each
// class is predicted, and the mean shade (0 white: p = 1/k everywhere, 1:
// the class's full tint).
function claimed(core, preset, k) {
  const { output } = core.run(parse(preset).preset, { grids: true }).prediction, share = new Array(k).fill(0);
  let shade = 0;
  for (const v of output) {
    const c = Math.floor(v / 2);
    share[c] += 1 / output.length;
    shade += (v - 2 * c - 1 / k) / (1 - 1 / k) / output.length;
  }
  return { share, shade };
}

export const LESSONS = [
  {
    id: 'start',
    title: 'Start here',
    sentence: 'Gradient descent on a long, narrow bowl: steep in y, shallow in x. At lr 0.05 the loss falls steadily. ' +
      'Drag the learning rate: below 0.01 it crawls, near 0.19 it zig-zags across the valley, above 0.2 it blows up.',
    preset: `${Q}&lr=0.05`,
    check: (r, core) => last(r.loss) < 1e-6 * r.loss[0] && last(run(core, `${Q}&lr=0.005`).loss) > 0.03 * r.loss[0] &&
      run(core, `${Q}&lr=0.25`).diverged_at !== null,
    notes: (r) => ({
      path: [{ x: at(r, 10)[0], y: at(r, 10)[1], text: 'y (steep) settles in ~10 steps' },
        { x: at(r, 60)[0], y: at(r, 60)[1], text: 'x (shallow) takes ~100' }],
      loss: [{ t: endT(r), y: last(r.loss), text: `${brief(last(r.loss))} after ${endT(r)} steps` }],
    }),
  },
  {
    id: 'too-small',
    title: 'Too small: slow',
    sentence: 'At lr 0.001 every step is tiny: after 200 steps the loss is still a fifth of where it started (at lr 0.1 it is a billionth).',
    preset: `${Q}&lr=0.001`,
    check: (r) => r.diverged_at === null && last(r.loss) > 0.1 * r.loss[0],
    notes: (r) => ({
      loss: [{ t: endT(r), y: last(r.loss), text: `still ${Math.round((100 * last(r.loss)) / r.loss[0])}% of the start after ${endT(r)} steps` }],
      path: [{ x: end(r)[0], y: end(r)[1], text: 'far from the minimum (★)' }],
    }),
  },
  {
    id: 'well-chosen',
    title: 'Well chosen',
    sentence: 'At lr 0.1 the loss falls steadily to almost zero, with no overshoot.',
    preset: `${Q}&lr=0.1`,
    check: (r) => last(r.loss) < 1e-8 * r.loss[0] && r.loss.every((v, t) => t === 0 || v <= r.loss[t - 1]),
    notes: (r) => ({ loss: [{ t: 100, y: r.loss[100], text: 'falls every step, no bump' }] }),
  },
  {
    id: 'overshoot',
    title: 'Too large: overshoot',
    sentence: 'At lr 0.19 each step jumps across the steep valley and back (y flips sign every step), and the loss falls slower than at 0.1 (pinned).',
    preset: `${Q}&lr=0.19`,
    pins: [`${Q}&lr=0.1`],
    check: (r, core) => {
      const flips = Array.from({ length: 20 }, (_, t) => Math.sign(r.path[2 * t + 1]) !== Math.sign(r.path[2 * t + 3]));
      return r.diverged_at === null && flips.every(Boolean) && r.loss[20] > 2 * run(core, `${Q}&lr=0.1`).loss[20];
    },
    notes: (r, core) => ({
      path: [{ x: at(r, 1)[0], y: at(r, 1)[1], text: 'y flips sign every step' }],
      loss: [{ t: 20, y: r.loss[20], text: 'lr 0.19: slower' }, { t: 20, y: run(core, `${Q}&lr=0.1`).loss[20], text: 'lr 0.1', pin: 0 }],
    }),
  },
  {
    id: 'divergence',
    title: 'Divergence',
    sentence: 'Above 2 / curvature (0.2 here) each overshoot is larger than the last: at lr 0.25 the loss explodes.',
    preset: `${Q}&lr=0.25`,
    check: (r) => r.diverged_at !== null && r.diverged_at < 50,
    notes: (r) => ({ loss: [divergedNote(r)], path: [{ x: at(r, 2)[0], y: at(r, 2)[1], text: 'each jump longer than the last' }] }),
  },
  {
    id: 'local-minimum',
    title: 'Stuck in a local minimum',
    sentence: 'From x = 2 gradient descent rolls into the nearer well at x ≈ 0.96 and stays, though the deeper one is at x ≈ −1.04.',
    preset: 'v=1&problem=wells',
    check: (r) => {
      const [x, y] = end(r);
      // f at the global minimum (-1.0356, 0) is about -0.31, at this one +0.29
      return Math.abs(x - 0.96) < 0.02 && Math.abs(y) < 0.2 && last(r.loss) > 0.25;
    },
    notes: (r) => ({
      path: [{ x: end(r)[0], y: end(r)[1], text: `stuck here: loss ${brief(last(r.loss))}` }, { x: -1.0356, y: 0, text: 'deeper well: loss −0.31' }],
      loss: [{ t: endT(r), y: last(r.loss), text: 'flat: it has stopped above −0.31' }],
    }),
  },
  {
    id: 'saddle',
    title: 'Stuck at a saddle',
    sentence: 'Started on the ridge (y = 0), the gradient never points off it: the path stops at the saddle point, where the loss is 0, ' +
      'not at a minimum (y = ±1, loss −0.25). Started 0.001 off the ridge (pinned), it lingers at the saddle, then escapes.',
    preset: 'v=1&problem=saddle&lr=0.1',
    pins: ['v=1&problem=saddle&y0=0.001&lr=0.1'],
    check: (r, core) => {
      for (let t = 1; t < r.path.length; t += 2) if (r.path[t] !== 0) return false;
      const off = run(core, 'v=1&problem=saddle&y0=0.001&lr=0.1');
      return Math.abs(end(r)[0]) < 1e-6 && last(r.loss) > -0.01 && last(off.loss) < -0.249;
    },
    notes: (r, core) => {
      const off = run(core, 'v=1&problem=saddle&y0=0.001&lr=0.1');
      const t = off.loss.findIndex((v) => v < -0.125);
      return {
        path: [{ x: 0, y: 0, text: 'saddle: gradient 0, stuck' }, { x: end(off)[0], y: end(off)[1], text: 'minimum: loss −0.25', pin: 0 }],
        loss: [{ t: endT(r), y: last(r.loss), text: 'stays at 0 (the saddle)' }, { t, y: off.loss[t], text: `escapes at step ${t}`, pin: 0 }],
      };
    },
  },
  {
    id: 'momentum',
    title: 'Momentum on a narrow valley',
    sentence: 'On a quadratic with condition number 100, momentum at the same lr as plain SGD (pinned) reaches the minimum far sooner.',
    preset: 'v=1&problem=quadratic&cond=100&opt=momentum&lr=0.015',
    pins: ['v=1&problem=quadratic&cond=100&lr=0.015'],
    check: (r, core) => last(r.loss) < 1e-4 * last(run(core, 'v=1&problem=quadratic&cond=100&lr=0.015').loss),
    notes: (r, core) => {
      const sgd = run(core, 'v=1&problem=quadratic&cond=100&lr=0.015');
      return { loss: [{ t: endT(r), y: last(r.loss), text: `momentum: ${brief(last(r.loss))}` }, { t: endT(sgd), y: last(sgd.loss), text: `plain SGD: ${brief(last(sgd.loss))}`, pin: 0 }] };
    },
  },
  {
    id: 'adam',
    title: 'Adam vs SGD',
    sentence: 'With condition number 1000, SGD must keep lr below 0.002 and crawls; Adam scales each coordinate and gets there at lr 0.1.',
    preset: 'v=1&problem=quadratic&cond=1000&opt=adam&lr=0.1',
    pins: ['v=1&problem=quadratic&cond=1000&lr=0.0019'],
    check: (r, core) => {
      const sgd = run(core, 'v=1&problem=quadratic&cond=1000&lr=0.0019');
      const faster = run(core, 'v=1&problem=quadratic&cond=1000&lr=0.0021');
      return last(r.loss) < 1e-4 * last(sgd.loss) && faster.diverged_at !== null;
    },
    notes: (r, core) => {
      const sgd = run(core, 'v=1&problem=quadratic&cond=1000&lr=0.0019');
      return { loss: [{ t: endT(r), y: last(r.loss), text: `Adam: ${brief(last(r.loss))}` }, { t: endT(sgd), y: last(sgd.loss), text: `SGD at its limit: ${brief(last(sgd.loss))}`, pin: 0 }] };
    },
  },
  {
    id: 'schedule',
    title: 'A schedule rescues a large rate',
    sentence: 'lr 0.25 diverges when kept constant (pinned), but decayed by 3% a step it first overshoots, then settles at the minimum.',
    preset: `${Q}&lr=0.25&sched=exp&gamma=0.97`,
    pins: [`${Q}&lr=0.25`],
    check: (r, core) => r.diverged_at === null && last(r.loss) < 1e-5 &&
      run(core, `${Q}&lr=0.25`).diverged_at !== null,
    notes: (r, core) => {
      const t = r.loss.reduce((k, v, i) => (v > r.loss[k] ? i : k), 0), below = r.lr.findIndex((v) => v < 0.2);
      return {
        loss: [divergedNote(run(core, `${Q}&lr=0.25`), 0), { t, y: r.loss[t], text: 'overshoots until the rate has decayed' }],
        lr: [{ t: below, y: r.lr[below], text: `below 2/curvature from step ${below}` }],
      };
    },
  },
  {
    id: 'warmup',
    title: 'Warm-up',
    sentence: 'Momentum at lr 0.003 blows up in the first steep steps on Rosenbrock; a 50-step warm-up starts gently and reaches the valley floor.',
    preset: 'v=1&opt=momentum&lr=0.003&warmup=50',
    pins: ['v=1&opt=momentum&lr=0.003'],
    check: (r, core) => r.diverged_at === null && last(r.loss) < 0.01 &&
      run(core, 'v=1&opt=momentum&lr=0.003').diverged_at !== null,
    notes: (r, core) => ({
      loss: [divergedNote(run(core, 'v=1&opt=momentum&lr=0.003'), 0), { t: endT(r), y: last(r.loss), text: `with warm-up: ${brief(last(r.loss))}` }],
      lr: [{ t: 49, y: r.lr[49], text: 'warm-up ends at step 50' }],
    }),
  },
  {
    id: 'bias-correction',
    title: 'Adam without bias correction',
    sentence: "Adam's averages start at zero: without bias correction (bc = 0, here with beta1 0.99) its first steps are a third as long, so the loss falls later than with it (pinned). The charts show the first 60 steps.",
    preset: `${Q}&opt=adam&lr=0.1&b1=0.99&bc=0`,
    pins: [`${Q}&opt=adam&lr=0.1&b1=0.99`],
    zoom: 60,
    check: (r, core) => {
      const bc = run(core, `${Q}&opt=adam&lr=0.1&b1=0.99`);
      const above = r.loss.slice(1, 61).every((v, i) => v > bc.loss[i + 1]); // no crossing in the zoom
      return stepLength(r, 0) < 0.4 * stepLength(bc, 0) && r.loss[10] > 1.2 * bc.loss[10] && above;
    },
    notes: (r, core) => {
      const bc = run(core, `${Q}&opt=adam&lr=0.1&b1=0.99`);
      return {
        loss: [{ t: 10, y: r.loss[10], text: `without: ${brief(r.loss[10])} at step 10` }, { t: 10, y: bc.loss[10], text: `with: ${brief(bc.loss[10])}`, pin: 0 }],
        path: [{ x: at(r, 1)[0], y: at(r, 1)[1], text: 'first step: a third as long' }],
      };
    },
  },
  {
    id: 'classes',
    title: 'Three classes',
    sentence: 'Three spiral arms, three classes: a model that knows nothing (1/3 each) has loss ln 3 ≈ 1.10. ' +
      'At lr 0.03 Adam leaves that plateau within 100 steps and gives each arm its region (95% of training points right). ' +
      'At lr 0.001 (pinned) the loss is still 1.04 after 300 steps; at lr 2 (pinned) it jumps about, never below 1. ' +
      'Set either rate: the map stays pale, or turns one colour (a third right).',
    preset: S3(0.03),
    pins: [S3(0.001), S3(2)],
    check: (r, core) => {
      const small = run(core, S3(0.001)), large = run(core, S3(2)), ln3 = Math.log(3);
      const good = Math.abs(r.loss[0] - ln3) < 0.01 && r.loss[60] > 1 && r.loss[100] < 0.97 && last(r.train_acc) >= 0.95 &&
        claimed(core, S3(0.03), 3).share.every((share) => share > 0.2);
      return good && brief(last(small.loss)) === '1.04' && claimed(core, S3(0.001), 3).shade < 0.3 && large.diverged_at === null &&
        Math.min(...large.loss.slice(1)) > 1 && Math.abs(last(large.train_acc) - 1 / 3) < 0.02 && Math.max(...claimed(core, S3(2), 3).share) > 0.99;
    },
    notes: (r, core) => {
      const small = run(core, S3(0.001)), large = run(core, S3(2));
      const k = large.loss.reduce((m, v, i) => (v > large.loss[m] ? i : m), 0);
      return {
        loss: [{ t: endT(r), y: last(r.loss), text: `lr 0.03: ${brief(last(r.loss))}, ${Math.round(100 * last(r.train_acc))}% right` },
          { t: 150, y: small.loss[150], text: 'lr 0.001: still near ln 3', pin: 0 },
          { t: k, y: large.loss[k], text: 'lr 2: jumps; ends one class everywhere', pin: 1 }],
      };
    },
  },
];

export const lessonById = (id) => LESSONS.find((l) => l.id === id) ?? null;

// The link of a lesson, as the page writes it: its preset, itself and its
// pins (view keys).
export const lessonHash = (l) => `#${l.preset}&lesson=${l.id}${(l.pins ?? []).map((p) => `&pin=${encodeURIComponent(p)}`).join('')}`;
