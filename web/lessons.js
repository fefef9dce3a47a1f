// lessons.js - the lessons: each a preset (with pinned comparisons), one
// sentence and a claim, check(run, core) → true/false, that
// tests/lessons.test.mjs verifies on the run the link shows. renderLessons
// builds the gallery (DOM only, no HTML strings).
import { parse } from './preset.js';

const run = (core, preset) => core.run(parse(preset).preset);
const last = (a) => a[a.length - 1];
const end = (r) => [r.path[r.path.length - 2], r.path[r.path.length - 1]];
// length of update t's step in the (x, y) plane
const stepLength = (r, t) => Math.hypot(r.path[2 * t + 2] - r.path[2 * t], r.path[2 * t + 3] - r.path[2 * t + 1]);

const Q = 'v=1&problem=quadratic'; // 0.5 (x^2 + 10 y^2): SGD is stable for lr < 2/10

export const LESSONS = [
  {
    title: 'Too small: slow',
    sentence: 'At lr 0.001 every step is tiny: after 200 steps the loss has barely fallen.',
    preset: `${Q}&lr=0.001`,
    check: (r) => r.diverged_at === null && last(r.loss) > 0.1 * r.loss[0],
  },
  {
    title: 'Well chosen',
    sentence: 'At lr 0.1 the loss falls steadily to almost zero, with no overshoot.',
    preset: `${Q}&lr=0.1`,
    check: (r) => last(r.loss) < 1e-8 * r.loss[0] && r.loss.every((v, t) => t === 0 || v <= r.loss[t - 1]),
  },
  {
    title: 'Too large: overshoot',
    sentence: 'At lr 0.19 each step jumps across the steep valley and back (y flips sign every step), and the loss falls slower than at 0.1 (pinned).',
    preset: `${Q}&lr=0.19`,
    pins: [`${Q}&lr=0.1`],
    check: (r, core) => {
      const flips = Array.from({ length: 20 }, (_, t) => Math.sign(r.path[2 * t + 1]) !== Math.sign(r.path[2 * t + 3]));
      return r.diverged_at === null && flips.every(Boolean) && r.loss[20] > 2 * run(core, `${Q}&lr=0.1`).loss[20];
    },
  },
  {
    title: 'Divergence',
    sentence: 'Above 2 / curvature (0.2 here) each overshoot is larger than the last: at lr 0.25 the loss explodes.',
    preset: `${Q}&lr=0.25`,
    check: (r) => r.diverged_at !== null && r.diverged_at < 50,
  },
  {
    title: 'Stuck in a local minimum',
    sentence: 'From x = 2 gradient descent rolls into the nearer well at x ≈ 0.96 and stays, though the deeper one is at x ≈ −1.04.',
    preset: 'v=1&problem=wells',
    check: (r) => {
      const [x, y] = end(r);
      // f at the global minimum (-1.0356, 0) is about -0.31, at this one +0.29
      return Math.abs(x - 0.96) < 0.02 && Math.abs(y) < 0.2 && last(r.loss) > 0.25;
    },
  },
  {
    title: 'Stuck at a saddle',
    sentence: 'Started on the ridge (y = 0), the gradient never points off it: the path stops at the saddle point, not at a minimum (y = ±1).',
    preset: 'v=1&problem=saddle&lr=0.1',
    check: (r) => {
      for (let t = 1; t < r.path.length; t += 2) if (r.path[t] !== 0) return false;
      return Math.abs(end(r)[0]) < 1e-6 && last(r.loss) > -0.01; // the minima's loss is -0.25
    },
  },
  {
    title: 'Momentum on a narrow valley',
    sentence: 'On a quadratic with condition number 100, momentum at the same lr as plain SGD (pinned) reaches the minimum far sooner.',
    preset: 'v=1&problem=quadratic&cond=100&opt=momentum&lr=0.015',
    pins: ['v=1&problem=quadratic&cond=100&lr=0.015'],
    check: (r, core) => last(r.loss) < 1e-4 * last(run(core, 'v=1&problem=quadratic&cond=100&lr=0.015').loss),
  },
  {
    title: 'Adam vs SGD',
    sentence: 'With condition number 1000, SGD must keep lr below 0.002 and crawls; Adam scales each coordinate and gets there at lr 0.1.',
    preset: 'v=1&problem=quadratic&cond=1000&opt=adam&lr=0.1',
    pins: ['v=1&problem=quadratic&cond=1000&lr=0.0019'],
    check: (r, core) => {
      const sgd = run(core, 'v=1&problem=quadratic&cond=1000&lr=0.0019');
      const faster = run(core, 'v=1&problem=quadratic&cond=1000&lr=0.0021');
      return last(r.loss) < 1e-4 * last(sgd.loss) && faster.diverged_at !== null;
    },
  },
  {
    title: 'A schedule rescues a large rate',
    sentence: 'lr 0.25 diverges when kept constant (pinned), but decayed by 3% a step it first overshoots, then settles at the minimum.',
    preset: `${Q}&lr=0.25&sched=exp&gamma=0.97`,
    pins: [`${Q}&lr=0.25`],
    check: (r, core) => r.diverged_at === null && last(r.loss) < 1e-5 &&
      run(core, `${Q}&lr=0.25`).diverged_at !== null,
  },
  {
    title: 'Warm-up',
    sentence: 'Momentum at lr 0.003 blows up in the first steep steps on Rosenbrock; a 50-step warm-up starts gently and reaches the valley floor.',
    preset: 'v=1&opt=momentum&lr=0.003&warmup=50',
    pins: ['v=1&opt=momentum&lr=0.003'],
    check: (r, core) => r.diverged_at === null && last(r.loss) < 0.01 &&
      run(core, 'v=1&opt=momentum&lr=0.003').diverged_at !== null,
  },
  {
    title: 'Adam without bias correction',
    sentence: "Adam's averages start at zero: without bias correction (bc = 0, here with beta1 0.99) its first steps are a third as long, so the loss falls later than with it (pinned).",
    preset: `${Q}&opt=adam&lr=0.1&b1=0.99&bc=0`,
    pins: [`${Q}&opt=adam&lr=0.1&b1=0.99`],
    check: (r, core) => {
      const bc = run(core, `${Q}&opt=adam&lr=0.1&b1=0.99`);
      return stepLength(r, 0) < 0.4 * stepLength(bc, 0) && r.loss[10] > 1.2 * bc.loss[10];
    },
  },
];

// The link of a lesson: its preset and its pins (view keys).
export const lessonHash = (l) => `#${l.preset}${(l.pins ?? []).map((p) => `&pin=${encodeURIComponent(p)}`).join('')}`;

// The gallery: one card per lesson, each a link that sets the hash.
export function renderLessons(root) {
  root.replaceChildren(...LESSONS.map((l) => {
    const a = document.createElement('a');
    a.href = lessonHash(l);
    a.className = 'lesson';
    const title = document.createElement('strong');
    title.textContent = l.title;
    const text = document.createElement('span');
    text.textContent = l.sentence;
    a.append(title, text);
    const li = document.createElement('li');
    li.append(a);
    return li;
  }));
}
