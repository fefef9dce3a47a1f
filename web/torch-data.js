// torch-data.js - the data problems' parts of a PyTorch export (linreg,
// logreg, mlp): the training and held-out points, the model as torch.nn
// modules with the playground's initial weights, and its mini-batches in
// the playground's order, all as literals from startData (the core's API).
// More than two classes: k logits and torch.nn.CrossEntropyLoss on class
// indices (long); own data (data=own): the points as the core trains on
// them, and comments saying how they were scaled and what the classes are.
import { CoreError } from './core.js';
import { f32 } from './export.js';
import { ownData } from './own-data.js';

// A data run's start, through the core's API (lrp_job_start_data): the
// points (x (n, d), y (n) as data_x, data_y), rows (n) the point index
// of each training row then each held-out row, nTrain, batch, epochs
// (Int32Arrays of nTrain training rows, one per epoch the steps + 1
// batches visit), p0 the initial parameters (the core's layout) and
// scale (own data: lo, hi, scaled per column, as data_scale; else empty).
export function startData(core, preset) {
  const job = core.start(preset);
  try {
    const { c, M } = core;
    const n = preset.n, nTrain = c.lrp_job_train_rows(job.ptr), batch = c.lrp_job_batch(job.ptr);
    const P = c.lrp_job_n_params(job.ptr);
    const perEpoch = Math.ceil(nTrain / batch), nEpochs = batch < nTrain ? Math.ceil((preset.steps + 1) / perEpoch) : 1;
    return core.withAlloc([4 * n, 4 * nEpochs * nTrain, 4 * P], (rows, epochs, p0) => {
      const code = c.lrp_job_start_data(job.ptr, rows, epochs, nEpochs, p0);
      if (code) throw new CoreError(code, c.lrp_error_message(code));
      const e = M.HEAP32.slice(epochs >> 2, (epochs >> 2) + nEpochs * nTrain);
      return { x: job.out('data_x'), y: job.out('data_y'), scale: job.out('data_scale'), rows: M.HEAP32.slice(rows >> 2, (rows >> 2) + n), nTrain, batch,
        epochs: Array.from({ length: nEpochs }, (_, k) => e.subarray(k * nTrain, (k + 1) * nTrain)),
        p0: M.HEAPF32.slice(p0 >> 2, (p0 >> 2) + P) };
    });
  } finally {
    job.free();
  }
}

const CLASSIFICATION = ['moons', 'circles', 'spiral', 'xor', 'blobs'];

// The classes of a data run: 0 for a regression (own data: their own).
export const classesOf = (p) => (p.data === 'own' || CLASSIFICATION.includes(p.data) ? p.classes : 0);
const ACT = { tanh: 'torch.nn.Tanh()', relu: 'torch.nn.ReLU()', sigmoid: 'torch.nn.Sigmoid()' };

const floats = (a) => `[${Array.from(a, (x) => f32(x)).join(', ')}]`;
const ints = (a) => `[${Array.from(a).join(', ')}]`;

// A (rows, d) tensor literal, one row a line, of the points `rows` names.
function points(x, d, rows) {
  const lines = Array.from(rows, (i) => `    ${d === 1 ? `[${f32(x[i])}]` : floats(x.subarray(i * d, i * d + d))},`);
  return `torch.tensor([\n${lines.join('\n')}\n], dtype=torch.float32).reshape(-1, ${d})`;
}

// The layer widths: inputs, hidden layers, one output (k logits for k > 2 classes).
function widths(p, d) {
  const k = classesOf(p);
  return [d, ...(p.problem === 'mlp' ? p.hidden : []), k > 2 ? k : 1];
}

// nn.Linear's (weight [out, in], bias [out]) per layer from the core's flat
// block (layer by layer W (in, out) row-major, then b (out)), as number
// texts: { weight: [row text, ...], bias: text }.
function linears(p0, w) {
  const out = [];
  let at = 0;
  for (let l = 0; l + 1 < w.length; l++) {
    const I = w[l], O = w[l + 1];
    const weight = Array.from({ length: O }, (_, o) => floats(Array.from({ length: I }, (_, i) => p0[at + i * O + o])));
    at += I * O;
    out.push({ weight, bias: floats(p0.subarray(at, at + O)) });
    at += O;
  }
  return out;
}
const layers = (p0, w) => linears(p0, w).map(({ weight, bias }) => `    ([${weight.join(', ')}],\n     ${bias}),`).join('\n');

// What rebuilding a data run needs beyond its points, as JSON text (`run
// --data`): train_rows, the data points of the training rows in their order
// (the rest are held out, in heldout_rows); init, each layer's initial
// { weight [out][in], bias [out] } as nn.Linear keeps them; batch, the
// mini-batch size; epochs, per epoch the training rows in the order its
// batches visit them (update t uses the next batch; full batch: one epoch).
export function startToJSON(p, data) {
  const d = data.x.length / data.y.length;
  const init = linears(data.p0, widths(p, d)).map(({ weight, bias }) => `{"weight":[${weight.join(',')}],"bias":${bias}}`);
  const rows = (a) => `[${Array.from(a).join(',')}]`;
  return `{"train_rows":${rows(data.rows.subarray(0, data.nTrain))},"heldout_rows":${rows(data.rows.subarray(data.nTrain))},` +
    `"init":[${init.join(',')}],"batch":${data.batch},"epochs":[${data.epochs.map(rows).join(',')}]}`;
}

// User text (a class name) in a Python comment: a JSON string on one line,
// every control, format or line-separator character escaped.
const quoted = (s) => JSON.stringify(s).replace(/[\p{C}\p{Zl}\p{Zp}]/gu, (c) => {
  const u = c.codePointAt(0);
  return u > 0xffff ? `\\U${u.toString(16).padStart(8, '0')}` : `\\u${u.toString(16).padStart(4, '0')}`;
});

// Own data: where they came from, how the core scaled them (data_scale:
// lo, hi, scaled per column; inputs, then a regression's target) and the
// classes' names, as comment lines.
function ownLines(p, data, d, k) {
  const set = ownData(p.points).data;
  const columns = d === 2 ? ['x1', 'x2'] : ['x', 'y'];
  const lines = [`# The data: your own, ${p.n} rows of a CSV file (${k ? `${k} classes` : 'a regression'}), written below as the`,
    '# playground trains on them: a column (or target) outside [-2, 2] or spanning less',
    "# than 0.5 is mapped onto [-1.5, 1.5] as x' = (x - (lo + hi) / 2) * 3 / (hi - lo) in",
    '# float32 (a constant one onto 0); the others are kept as they are.'];
  for (let c = 0; 3 * c < data.scale.length; c++) {
    const [lo, hi, scaled] = data.scale.subarray(3 * c, 3 * c + 3);
    lines.push(`#   ${columns[c]}: lo ${f32(lo)}, hi ${f32(hi)}: ${scaled ? 'mapped onto [-1.5, 1.5]' : 'kept'}`);
  }
  if (!k && data.scale[5]) lines.push('# The target is mapped too, so the losses are in its mapped units.');
  if (set?.names) lines.push(`# The classes, by index: ${set.names.map((name, i) => `${i} ${quoted(name)}`).join(', ')}.`);
  return lines;
}

function dataPart(p, data) {
  const d = data.x.length / data.y.length, nTest = data.rows.length - data.nTrain, k = classesOf(p);
  const train = data.rows.subarray(0, data.nTrain), test = data.rows.subarray(data.nTrain);
  const y = k > 2 ? (rows) => `torch.tensor(${ints(Array.from(rows, (i) => data.y[i]))}, dtype=torch.long)`
    : (rows) => `torch.tensor(${floats(Array.from(rows, (i) => data.y[i]))}, dtype=torch.float32)`;
  const about = p.data === 'own' ? ownLines(p, data, d, k)
    : [`# The data: ${p.data}, ${p.n} points${k > 2 ? ` in ${k} classes` : ''} with noise ${p.noise} (seed ${p.seed}).`];
  return `${about.join('\n')}
# Split as the playground splits them: ${data.nTrain} training points and ${nTest} held out.
# x (rows, ${d}), y (rows)${k > 2 ? ': the class index of each row' : ''}.
X_TRAIN = ${points(data.x, d, train)}
Y_TRAIN = ${y(train)}
X_TEST = ${points(data.x, d, test)}
Y_TEST = ${y(test)}
`;
}

// The model's output on x: k logits (rows, k), else one (rows).
const output = (p, x) => (classesOf(p) > 2 ? `model(${x})` : `model(${x}).squeeze(1)`);

const LOSS = {
  softmax: 'CrossEntropyLoss()  # mean cross-entropy of the logits against the class index (log-softmax, then NLL)',
  bce: 'BCEWithLogitsLoss()  # mean binary cross-entropy, from the logit',
  mse: 'MSELoss()  # mean squared error',
};

function modelPart(p, data) {
  const d = data.x.length / data.y.length, w = widths(p, d), k = classesOf(p);
  const mods = [];
  for (let l = 0; l + 1 < w.length; l++) {
    mods.push(`torch.nn.Linear(${w[l]}, ${w[l + 1]})`);
    if (l + 2 < w.length) mods.push(ACT[p.act]);
  }
  const loss = k > 2 ? 'softmax' : k ? 'bce' : 'mse';
  const out = { softmax: `${k} logits, one per class`, bce: 'a logit', mse: 'the prediction' }[loss];
  const init = p.problem === 'mlp'
    ? `Glorot-uniform weights (He-uniform for relu) drawn from the seed, zero biases`
    : 'a linear model starts at zero';
  return `
# The model, as torch.nn modules: ${w.join(' -> ')}${p.problem === 'mlp' ? ` with ${p.act}` : ''}; the output is ${out}.
model = torch.nn.Sequential(
    ${mods.join(',\n    ')},
)

# The playground's initial weights: ${init}.
# Each layer's (weight, bias), weight [out, in] as nn.Linear keeps it.
INITIAL = [
${layers(data.p0, w)}
]
with torch.no_grad():
    linears = [m for m in model if isinstance(m, torch.nn.Linear)]
    for layer, (weight, bias) in zip(linears, INITIAL):
        layer.weight.copy_(torch.tensor(weight, dtype=torch.float32))
        layer.bias.copy_(torch.tensor(bias, dtype=torch.float32))

loss_fn = torch.nn.${LOSS[loss]}
`;
}

function batchPart(p, data) {
  if (data.batch >= data.nTrain) {
    return `

def compute_loss():
    """The loss on the whole training set (full batch)."""
    return loss_fn(${output(p, 'X_TRAIN')}, Y_TRAIN)
`;
  }
  const epochs = data.epochs.map((e) => `    ${ints(e)},`).join('\n');
  return `
# Mini-batches of ${data.batch}: each epoch visits the training points in the order the
# playground drew from its seed (one list per epoch); the last batch of an epoch
# may be shorter. Update t uses the next batch, and so does the final loss.
BATCH = ${data.batch}
EPOCHS = [
${epochs}
]


def batches():
    for order in EPOCHS:
        for i in range(0, len(order), BATCH):
            yield order[i:i + BATCH]


next_batch = batches()


def compute_loss():
    """The loss on the next mini-batch."""
    rows = next(next_batch)
    return loss_fn(${output(p, 'X_TRAIN[rows]')}, Y_TRAIN[rows])
`;
}

export function dataParts(p, data) {
  if (!data) throw new Error(`${p.problem}: the PyTorch export needs the run's data (startData)`);
  return `${dataPart(p, data)}${modelPart(p, data)}${batchPart(p, data)}

def heldout_loss():
    with torch.no_grad():
        return loss_fn(${output(p, 'X_TEST')}, Y_TEST).item() if len(Y_TEST) else float("nan")

`;
}
