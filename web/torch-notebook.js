// torch-notebook.js - the PyTorch export (torch-export.js) as a Jupyter
// notebook (nbformat 4.5): the script's parts, one code cell each with a
// sentence before it, and a last cell that trains and plots the loss.
import { canonicalize, SURFACES } from './preset.js';
import { SIZE, sized, titleOf, torchParts } from './torch-export.js';

// A cell's source: nbformat's list of lines, each but the last ending in \n;
// the part's leading and trailing blank lines dropped.
const lines = (text) => {
  const all = text.replace(/^\s*\n/, '').replace(/\s+$/, '').split('\n');
  return all.map((l, i) => (i < all.length - 1 ? `${l}\n` : l));
};
const markdown = (id, text) => ({ cell_type: 'markdown', id, metadata: {}, source: lines(text) });
const code = (id, text) => ({ cell_type: 'code', execution_count: null, id, metadata: {}, outputs: [], source: lines(text) });

// The last cell: train, say how it ended, plot the loss (if matplotlib is there).
const RUN = (surface, link) => `${surface ? 'losses, lrs, path = train()' : 'losses, lrs = train()'}
print(f"loss {losses[0]:.6g} at step 0, {losses[-1]:.6g} at step {len(losses) - 1}"
      + ("" if len(losses) > STEPS else ": diverged, as the playground stops"))${surface ? '' : '\nprint(f"held-out loss at the end: {heldout_loss():.6g}")'}
try:
    import matplotlib.pyplot as plt
except ImportError:
    plt = None  # no matplotlib: the numbers above are the run
if plt is not None:
    plt.plot(losses)
    if min(losses) > 0:
        plt.yscale("log")
    plt.xlabel("step")
    plt.ylabel("loss")
    plt.title(${JSON.stringify(link)})
    plt.show()`;

// The notebook's JSON text for a resolved preset; data problems need
// torch-data.js's startData, as the script does.
export function torchNotebook(p, data = null) {
  const s = torchParts(p, data);
  const link = canonicalize(p);
  const surface = SURFACES.includes(p.problem);
  const cells = [
    markdown('intro', `# An lr-playground run in PyTorch\n\nPreset: \`${link}\`\n\n` +
      'The same run with `torch.optim` and `torch.optim.lr_scheduler`, in float32 as the playground computes it, ' +
      'in the playground\'s order: `loss[t]` is the loss before update t, update t uses the rate `lr[t]`, ' +
      'the scheduler steps after every update. Run the cells in order.' +
      (surface ? '' : ` The data, the initial weights and the batch order are literals in the cells: this notebook is ${SIZE} bytes.`)),
    code('setup', s.setup),
    markdown('model-intro', surface
      ? '## The loss surface\n\nThe function and the start point, in float32 and in the order the playground computes them.'
      : '## The data and the model\n\nThe training and held-out points, the model as `torch.nn` modules with the playground\'s initial weights, and its mini-batches in the playground\'s order.'),
    code('model', s.model),
    markdown('optim-intro', '## The optimizer and the schedule\n\nBuilt from the preset\'s settings; where PyTorch has no switch for one, the cell says so and does it in a few lines.'),
    code('optim', s.optim),
    markdown('loop-intro', '## The training loop\n\nYour own loop, in the playground\'s order: the loss, the divergence check, the rate, the update, the scheduler.'),
    code('loop', s.loop),
    markdown('run-intro', '## Train, and plot the loss'),
    code('run', RUN(surface, titleOf(p))),
  ];
  const metadata = { kernelspec: { display_name: 'Python 3', language: 'python', name: 'python3' }, language_info: { name: 'python' } };
  return sized(`${JSON.stringify({ cells, metadata, nbformat: 4, nbformat_minor: 5 }, null, 1)}\n`);
}
