// cli-help.js - the command line's --help (web/cli.mjs): its commands,
// options, exit status and every preset key with its range.
import { KEYS, rangeText } from './preset.js';
import { SEARCH_SPACE } from './tools.js';

const NAME = 'lr-playground';

const EXPORT_HELP = [
  '  export PRESET --format pytorch|notebook',
  '               Prints one Python file (torch and the standard library only) that',
  '               rebuilds the run with torch.optim and torch.optim.lr_scheduler in',
  '               the playground\'s order (data problems: with their points, initial',
  '               weights and batch order as literals, the model as torch.nn modules);',
  '               `python3 run.py` prints a table per step,',
  '               `python3 run.py --json` {"loss", "lr"} as `run` prints them.',
  '               --format notebook: the same as a Jupyter notebook (nbformat 4),',
  '               one cell per part with a sentence each, the last plotting the loss.',
];

// Everything but the keys, which follow it.
const HEAD = [
  `Usage: ${NAME} run PRESET [--format json|csv] [--data]`,
  `       ${NAME} find PRESET [--format json|table]`,
  `       ${NAME} sweep PRESET [--lrs FROM:TO:COUNT] [--workers N] [--objective final|heldout]`,
  `                [--format json|table]`,
  `       ${NAME} tune PRESET [--trials N] [--method random|halving] [--search lr,b1,...]`,
  `                [--objective final|heldout] [--seed S] [--format json|table]`,
  `       ${NAME} export PRESET --format pytorch|notebook`,
  `       ${NAME} --help`,
  '',
  'Every command also takes --lenient; options may stand before or after it.',
  '',
  'Commands',
  '  run PRESET   Runs the preset and prints the run: JSON {"preset", "loss", "lr",',
  '               "path", "diverged_at", "fingerprint"} (the default), or with',
  '               --format csv one row per step: step,loss,lr,x,y.',
  '               PRESET is a page URL with a #hash, a key=value&... string, a JSON',
  '               object, or - to read one of those from standard input.',
  '               It is read exactly: an unknown key, a key given twice (in JSON',
  '               too), a \'+\' in a number (in a link \'+\' is a space), text before',
  '               a \'#\' that is not a URL of the page, or a bad value exits 2.',
  '               --lenient reads it as the page does: each such problem is a',
  '               warning on stderr, a bad value takes its default, and it runs.',
  '               Data problems (linreg, logreg, mlp) add "path_step" (the path is',
  '               the weights in the plane of their two principal directions, or',
  '               (weight, bias) for linreg), "eval" (held-out loss and accuracies),',
  '               "landscape" (the loss over that plane) and "prediction" (the',
  '               model over its inputs); --data adds the data points.',
  '  find PRESET  The learning-rate range test, as fastai\'s lr_find: the rate grows',
  '               from 1e-7 by a factor of 1e8 over 100 steps (the preset\'s schedule',
  '               is replaced), the loss is smoothed (EMA, beta 0.98, debiased) and the',
  '               test stops once it exceeds 4x its minimum. Prints {"preset",',
  '               "finder", "lrs", "losses", "raw", "suggestions" (valley, minimum,',
  '               steep, slide), "default" ("valley"), "picks" (each suggestion to two',
  '               significant digits, run whole with the preset: {lr, preset,',
  '               final_loss, heldout_loss, ...}), "points", "stopped_at", "note"}.',
  '  sweep PRESET Runs the preset at COUNT rates log-spaced over FROM..TO (default',
  '               1e-5:10:24, each rounded to the fewest digits, at least 2, that',
  '               keep them apart), in --workers threads (default and at most one',
  '               per core).',
  '               Recommends the rate with the lowest final loss (data problems: the',
  '               last held-out loss; --objective) whose neighbours x0.8 and x1.25',
  '               also converge and end close to it. Prints {"preset", "objective",',
  '               "best": {preset, lr, final_loss, heldout_loss, diverged_at,',
  '               fingerprint, robust, neighbours}, "fragile": [better rates whose',
  '               neighbour failed], "results": [{lr, preset, final_loss, best_loss,',
  '               heldout_loss, diverged_at, loss_step, loss, path_step, path,',
  '               fingerprint}, ...]} (curves and paths at up to 200 steps).',
  '               `run` of best.preset prints best.final_loss.',
  '  tune PRESET  Searches the rate (log-uniform 1e-5..10, two significant digits)',
  `               and, with --search, also ${Object.keys(SEARCH_SPACE).filter((k) => k !== 'lr').join(', ')} for the lowest`,
  '               final training loss (data problems: the last held-out loss;',
  '               --objective); --trials configs (default 32), --method random (each',
  '               a full run, the default) or halving (all on a ninth.. of the steps,',
  '               the best third on three times as many, and so on); deterministic',
  '               from --seed (default the preset\'s seed). Diverged runs score null',
  '               (infinity). The best full-length configs are re-run whole and',
  '               checked as the sweep checks its pick. Prints {"preset", "best":',
  '               {preset, settings, trial, loss, final_loss, heldout_loss,',
  '               fingerprint, robust, neighbours}, "fragile", "history": [{trial,',
  '               settings, loss, best_so_far, budget}, ...], ...}.',
  ...EXPORT_HELP,
  '',
  'Exit status: 0 on success; 2 for a bad preset or bad arguments, with',
  `"${NAME}: <key>: <reason>" on stderr and nothing on stdout. Standard input`,
  'is read up to 64 MiB. Output to a reader that stops early (| head) ends quietly.',
  '',
  'Examples',
  `  ${NAME} run 'v=1&problem=rosenbrock&opt=adam&lr=0.02&sched=cosine&steps=300'`,
  `  ${NAME} run '{"v":1,"problem":"quadratic","cond":100,"lr":0.03}' --format csv`,
  `  ${NAME} sweep 'v=1&problem=quadratic&cond=10' --lrs 0.001:1:40 --format table`,
  `  ${NAME} tune 'v=1&problem=mlp&opt=adam' --trials 27 --method halving --search lr,b1,b2`,
  '',
  'Preset keys (version 1); a key left out takes its default, keys that do not',
  'apply to the chosen problem, optimizer or schedule are ignored:',
];

export function helpText() {
  const lines = [...HEAD];
  let group = null;
  for (const d of KEYS) {
    if (d.group !== group) lines.push('', `  ${(group = d.group)}`);
    lines.push(`    ${d.key.padEnd(11)} ${rangeText(d)}${d.help ? `. ${d.help}` : ''}`);
  }
  lines.push('', 'Semantics follow PyTorch (torch.optim, torch.optim.lr_scheduler); see PRESET.md.');
  return lines.join('\n') + '\n';
}
