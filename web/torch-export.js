// torch-export.js - a run carried over to PyTorch: one self-contained Python
// file (torch and the standard library only) that rebuilds the preset's run
// with torch.optim and torch.optim.lr_scheduler, in the playground's order
// (PRESET.md: loss[t] before update t, update t at lr[t], the scheduler
// stepped after every update, a warm-up prepended, plateau watching the loss
// after each update). Data problems add their parts from torch-data.js.
import { canonicalize } from './preset.js';
import { dataParts } from './torch-data.js';

// A Python literal for a preset value: numbers round-trip (JS and Python
// both print the shortest repr of a double), lists become lists.
export const py = (x) => (Array.isArray(x) ? `[${x.map(py).join(', ')}]` : typeof x === 'number' ? numberText(x) : JSON.stringify(x));
function numberText(x) {
  const s = String(x);
  return /^-?\d+$/.test(s) && Math.abs(x) >= 1e16 ? `${s}.0` : s;
}
const float = (x) => (Number.isInteger(x) ? `${x}.0` : py(x));

// The preset for a plot's title: own data's points in the link shortened.
export const titleOf = (p) => canonicalize(p).replace(/(^|&)points=1\.[^&]*/, '$1points=1.…');

// Each surface as PRESET.md writes it, in the very order of core/surface.c's
// float32 arithmetic, so that the loss is computed as the playground does.
const SURFACES = {
  quadratic: (p) => [`0.5 * (x^2 + cond * y^2), cond = ${py(p.cond)}`,
    `    return 0.5 * (x * x + ${float(p.cond)} * y * y)`],
  rosenbrock: () => ['(1 - x)^2 + 100 (y - x^2)^2',
    '    a, b = 1 - x, y - x * x\n    return a * a + 100 * b * b'],
  beale: () => ['(1.5 - x + xy)^2 + (2.25 - x + xy^2)^2 + (2.625 - x + xy^3)^2',
    '    y2 = y * y\n    y3 = y2 * y\n    a, b, c = 1.5 - x + x * y, 2.25 - x + x * y2, 2.625 - x + x * y3\n' +
    '    return a * a + b * b + c * c'],
  himmelblau: () => ['(x^2 + y - 11)^2 + (x + y^2 - 7)^2',
    '    a, b = x * x + y - 11, x + y * y - 7\n    return a * a + b * b'],
  saddle: () => ['x^2 + y^4 / 4 - y^2 / 2 (a saddle at the origin, minima at y = +-1)',
    '    y2 = y * y\n    return x * x + y2 * y2 / 4 - y2 / 2'],
  wells: () => ['(x^2 - 1)^2 + 0.3 x + 0.5 y^2 (a local minimum near x = 0.96, the global one near x = -1.04)',
    '    a = x * x - 1\n    return a * a + 0.3 * x + 0.5 * y * y'],
};

function surfacePart(p) {
  const [formula, body] = SURFACES[p.problem](p);
  return `# The loss surface: ${p.problem}, f(x, y) = ${formula}.
def f(params):
    x, y = params[0], params[1]
${body}


# The parameters: the point (x, y), float32 as in the playground.
params = torch.tensor([${float(p.x0)}, ${float(p.y0)}], dtype=torch.float32, requires_grad=True)


def compute_loss():
    return f(params)

`;
}

// torch.optim's constructor for the preset's optimizer.
function optimizerCall(p) {
  const wd = `weight_decay=${py(p.wd)}`;
  const adam = `lr=LR, betas=(${py(p.b1)}, ${py(p.b2)}), eps=${py(p.eps)}, ${wd}, amsgrad=${p.amsgrad ? 'True' : 'False'}`;
  switch (p.opt) {
    case 'sgd': return `torch.optim.SGD(PARAMS, lr=LR, ${wd})`;
    case 'momentum': return `torch.optim.SGD(PARAMS, lr=LR, momentum=${py(p.momentum)}, ${wd})`;
    case 'nesterov': return `torch.optim.SGD(PARAMS, lr=LR, momentum=${py(p.momentum)}, nesterov=True, ${wd})`;
    case 'adagrad': return `torch.optim.Adagrad(PARAMS, lr=LR, eps=${py(p.eps)}, ${wd})`;
    case 'rmsprop': return `torch.optim.RMSprop(PARAMS, lr=LR, alpha=${py(p.alpha)}, eps=${py(p.eps)}, ${wd})`;
    case 'adam': return p.bc ? `torch.optim.Adam(PARAMS, ${adam})` : `AdamWithoutBiasCorrection(PARAMS, ${adam}, decoupled=False)`;
    default: return p.bc ? `torch.optim.AdamW(PARAMS, ${adam})` : `AdamWithoutBiasCorrection(PARAMS, ${adam}, decoupled=True)`;
  }
}

// bc=0: Adam with m and v used as they are. PyTorch has no switch for it.
const NO_BIAS_CORRECTION = `
class AdamWithoutBiasCorrection(torch.optim.Optimizer):
    """Adam (decoupled=True: AdamW) WITHOUT bias correction (the preset's bc=0).

    PyTorch has no switch for this, so here it is, written as torch.optim.Adam
    computes it (PyTorch 1.13, single-tensor) with 1 - b1^t and 1 - b2^t
    replaced by 1: the first steps are tiny, because m and v start at zero.
    """

    def __init__(self, params, lr, betas, eps, weight_decay, amsgrad, decoupled):
        defaults = dict(lr=lr, betas=betas, eps=eps, weight_decay=weight_decay, amsgrad=amsgrad)
        super().__init__(params, defaults)
        self.decoupled = decoupled

    @torch.no_grad()
    def step(self):
        for group in self.param_groups:
            lr, (b1, b2), eps, wd = group["lr"], group["betas"], group["eps"], group["weight_decay"]
            for p in group["params"]:
                state = self.state[p]
                if not state:
                    state["m"], state["v"], state["vmax"] = (torch.zeros_like(p) for _ in range(3))
                g, m, v = p.grad, state["m"], state["v"]
                if self.decoupled:
                    p.mul_(1 - lr * wd)
                else:
                    g = g.add(p, alpha=wd)
                m.mul_(b1).add_(g, alpha=1 - b1)
                v.mul_(b2).addcmul_(g, g, value=1 - b2)
                if group["amsgrad"]:
                    v = torch.maximum(state["vmax"], v, out=state["vmax"])
                p.addcdiv_(m, v.sqrt().add_(eps), value=-lr)
`;

// torch.optim.lr_scheduler's constructor for the preset's schedule (null:
// a constant rate needs none).
function schedulerCall(p) {
  const S = 'torch.optim.lr_scheduler.';
  switch (p.sched) {
    case 'step': return `${S}StepLR(optimizer, step_size=${p.step_size}, gamma=${py(p.gamma)})`;
    case 'multistep': return `${S}MultiStepLR(optimizer, milestones=${py(p.milestones)}, gamma=${py(p.gamma)})`;
    case 'exp': return `${S}ExponentialLR(optimizer, gamma=${py(p.gamma)})`;
    case 'cosine': return `${S}CosineAnnealingLR(optimizer, T_max=${p.t_max}, eta_min=${py(p.min_lr)})`;
    case 'restarts': return `${S}CosineAnnealingWarmRestarts(optimizer, T_0=${p.t0}, T_mult=${p.t_mult}, eta_min=${py(p.min_lr)})`;
    case 'onecycle': return `${S}OneCycleLR(optimizer, max_lr=LR, total_steps=${p.steps - p.warmup}, pct_start=${py(p.pct_start)},\n` +
      `        anneal_strategy="cos", cycle_momentum=False, div_factor=${py(p.div)}, final_div_factor=${py(p.final_div)})`;
    case 'cyclic': return `${S}CyclicLR(optimizer, base_lr=${py(p.min_lr)}, max_lr=LR, step_size_up=${p.step_up},\n` +
      `        step_size_down=${p.step_down}, mode=${py(p.mode)}, gamma=${py(p.gamma)}, cycle_momentum=False)`;
    case 'linear': return `${S}LinearLR(optimizer, start_factor=${py(p.start)}, end_factor=${py(p.end)}, total_iters=${p.iters})`;
    case 'poly': return `${S}PolynomialLR(optimizer, total_iters=${p.iters}, power=${py(p.power)})`;
    case 'plateau': return `${S}ReduceLROnPlateau(optimizer, mode="min", factor=${py(p.factor)}, patience=${p.patience},\n` +
      `        threshold=${py(p.threshold)}, threshold_mode="rel", cooldown=${p.cooldown}, min_lr=${py(p.min_lr)})`;
    default: return null;
  }
}

function optimPart(p) {
  const sched = schedulerCall(p);
  const make = sched === null ? '' : `\n\n\ndef make_scheduler():\n    return ${sched}\n`;
  const note = p.warmup > 0
    ? `# The schedule starts after ${p.warmup} warm-up updates, as if at its step 0, over the\n# remaining ${p.steps - p.warmup} updates (PRESET.md); the loop below does the warm-up.`
    : '# scheduler.step() after every update, as the playground assumes.';
  return `${p.bc || !p.opt.startsWith('adam') ? '' : NO_BIAS_CORRECTION + '\n'}
optimizer = ${optimizerCall(p).replace('PARAMS', 'MODEL_PARAMS')}
${sched === null ? '# A constant rate: no scheduler.' : note}${make}`;
}

// The training loop, in the playground's order.
function loopPart(p) {
  const W = p.warmup, plateau = p.sched === 'plateau', none = p.sched === 'constant';
  const sched = [];
  if (W > 0) {
    sched.push(`        if t < WARMUP:  # linear warm-up: lr * (t + 1) / WARMUP`, `            set_lr(LR * (t + 1) / WARMUP)`,
      `        elif t == WARMUP:  # the schedule starts`, `            set_lr(LR)`);
    if (!none) sched.push('            scheduler = make_scheduler()');
  }
  if (plateau) sched.push(`        ${W > 0 ? 'elif' : 'if'} t > WARMUP:  # ReduceLROnPlateau sees the loss after each update`,
    '            scheduler.step(loss.item())');
  const start = none ? 'None' : W > 0 ? 'None  # made once the warm-up is over' : 'make_scheduler()';
  const surface = Boolean(SURFACES[p.problem]);
  const after = none || plateau ? '' : `\n        ${W > 0 ? 'if scheduler is not None:\n            ' : ''}scheduler.step()`;
  return `

def set_lr(lr):
    for group in optimizer.param_groups:
        group["lr"] = lr


def train():
    """loss[t] is the loss before update t (t = 0 .. STEPS), lr[t] the rate update t uses."""
    losses, lrs${surface ? ', path' : ''} = [], []${surface ? ', []' : ''}
    scheduler = ${start}
    for t in range(STEPS + 1):
        optimizer.zero_grad()
        loss = compute_loss()
        loss.backward()
        losses.append(loss.item())${surface ? '\n        path.append(params.tolist())' : ''}
        if not math.isfinite(loss.item()) or loss.item() > 1e10:
            break  # diverged: the playground stops here
        if t == STEPS:
            break  # the final loss: no update follows
${sched.length ? sched.join('\n') + '\n' : ''}        lrs.append(optimizer.param_groups[0]["lr"])
        optimizer.step()${after}
    return losses, lrs${surface ? ', path' : ''}
`;
}

function mainPart(p) {
  const surface = Boolean(SURFACES[p.problem]);
  return `

def main():
    ${surface ? 'losses, lrs, path = train()' : 'losses, lrs = train()'}
    if "--json" in sys.argv[1:]:
        finite = lambda x: x if math.isfinite(x) else None
        print(json.dumps({"loss": [finite(x) for x in losses], "lr": lrs}))
        return
    print(f"{'step':>6}  {'loss':>14}  {'lr':>12}${surface ? `  {'x':>12}  {'y':>12}` : ''}")
    for t, loss in enumerate(losses):
        lr = f"{lrs[t]:12.6g}" if t < len(lrs) else " " * 12
        print(f"{t:6d}  {loss:14.8g}  {lr}${surface ? '  {path[t][0]:12.6g}  {path[t][1]:12.6g}' : ''}")
    if len(losses) <= STEPS:
        print(f"diverged at step {len(losses) - 1}")${surface ? '' : '\n    print(f"held-out loss at the end: {heldout_loss():.8g}")'}
    try:
        import matplotlib.pyplot as plt
    except ImportError:
        return
    plt.plot(losses)
    if min(losses) > 0:
        plt.yscale("log")
    plt.xlabel("step")
    plt.ylabel("loss")
    plt.title(${py(titleOf(p))})
    plt.savefig("loss.png")
    print("the loss is plotted in loss.png")


if __name__ == "__main__":
    main()
`;
}

// The script's parts, in order, for a resolved preset (web/preset.js):
// doc (the shebang and docstring), setup (imports and constants), model
// (the surface, or the data and the model), optim, loop (train()) and main;
// data problems also need their data, initial weights and batch order
// (torch-data.js startData). The notebook (torch-notebook.js) uses them too.
export function torchParts(p, data = null) {
  const link = canonicalize(p);
  const surface = Boolean(SURFACES[p.problem]);
  const doc = `#!/usr/bin/env python3
"""An lr-playground run, carried over to PyTorch.

Preset: ${link}

The same run with torch.optim and torch.optim.lr_scheduler, in float32 as the
playground computes it, in the playground's order: loss[t] is the loss before
update t, update t uses the rate lr[t], the scheduler steps after every update.

    python3 run.py          a table per step (and loss.png, if matplotlib is there)
    python3 run.py --json   {"loss": [...], "lr": [...]} as \`lr-playground run\` prints them
${surface ? '' : `\nThe data, the initial weights and the batch order are literals below: this\nfile is ${SIZE} bytes.\n`}"""
`;
  const setup = `import json
import math
import sys

import torch

STEPS = ${p.steps}
LR = ${py(p.lr)}
WARMUP = ${p.warmup}

`;
  const params = surface ? '[params]' : 'model.parameters()';
  return { doc, setup, model: surface ? surfacePart(p) : dataParts(p, data),
    optim: optimPart(p).replace('MODEL_PARAMS', params), loop: loopPart(p), main: mainPart(p) };
}

// A file's text with its own size in bytes (UTF-8) where SIZE stands.
export const SIZE = '@@SIZE@@';
export function sized(text) {
  let n = 0;
  for (let i = 0; i < 4; i++) n = new TextEncoder().encode(text.replace(SIZE, String(n))).length;
  return text.replace(SIZE, String(n));
}

// The whole script: python3 run.py prints a table, --json the curves.
export function torchScript(p, data = null) {
  const s = torchParts(p, data);
  return sized(s.doc + s.setup + s.model + s.optim + s.loop + s.main);
}
