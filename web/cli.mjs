#!/usr/bin/env node
// cli.mjs - the command line: runs presets with the very WASM core the page
// loads. Strict: a bad preset exits 2 with "lr-playground: <key>: <reason>"
// on stderr and nothing on stdout.
import { readFileSync } from 'node:fs';
import { CoreError, loadCore } from './core.js';
import { runToCSV, runToJSON } from './export.js';
import { startData, startToJSON } from './torch-data.js';
import { torchScript } from './torch-export.js';
import { torchNotebook } from './torch-notebook.js';
import { KEYS, PresetError, SURFACES, canonicalize, parse, rangeText } from './preset.js';
import { SEARCH_SPACE, ToolError, driveAsync, findLR, sweepAdvice, sweepObjective, sweepParallel, sweepPresets, tune } from './tools.js';
import { fragileText } from './advice.js';

const NAME = 'lr-playground';
const FORMATS = { export: ['pytorch', 'notebook'], run: ['json', 'csv'], find: ['json', 'table'], sweep: ['json', 'table'], tune: ['json', 'table'] };
// Options that take a value, by command.
const VALUED = { export: [], run: [], find: [], sweep: ['lrs', 'workers', 'objective'], tune: ['trials', 'method', 'search', 'objective', 'seed'] };

class UsageError extends Error {}

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

function helpText() {
  const lines = [
    `Usage: ${NAME} run PRESET [--format json|csv] [--data]`,
    `       ${NAME} find PRESET [--format json|table]`,
    `       ${NAME} sweep PRESET [--lrs FROM:TO:COUNT] [--workers N] [--objective final|heldout]`,
    `                [--format json|table]`,
    `       ${NAME} tune PRESET [--trials N] [--method random|halving] [--search lr,b1,...]`,
    `                [--objective final|heldout] [--seed S] [--format json|table]`,
    `       ${NAME} export PRESET --format pytorch|notebook`,
    `       ${NAME} --help`,
    '',
    'Commands',
    '  run PRESET   Runs the preset and prints the run: JSON {"preset", "loss", "lr",',
    '               "path", "diverged_at", "fingerprint"} (the default), or with',
    '               --format csv one row per step: step,loss,lr,x,y.',
    '               PRESET is a page URL with a #hash, a key=value&... string, a JSON',
    '               object, or - to read one of those from standard input.',
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
    '               keep them apart), in --workers threads (default one per core).',
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
    `"${NAME}: <key>: <reason>" on stderr and nothing on stdout.`,
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
  let group = null;
  for (const d of KEYS) {
    if (d.group !== group) lines.push('', `  ${(group = d.group)}`);
    lines.push(`    ${d.key.padEnd(11)} ${rangeText(d)}${d.help ? `. ${d.help}` : ''}`);
  }
  lines.push('', 'Semantics follow PyTorch (torch.optim, torch.optim.lr_scheduler); see PRESET.md.');
  return lines.join('\n') + '\n';
}

function parseArgs(argv) {
  const opts = { positional: [] };
  const command = argv.find((a) => !a.startsWith('-'));
  const valued = VALUED[command] ?? [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const name = a.startsWith('--') ? a.slice(2).split('=')[0] : null;
    const value = () => {
      const v = a.includes('=') ? a.slice(a.indexOf('=') + 1) : argv[++i];
      if (v === undefined) throw new UsageError(`--${name}: needs a value`);
      return v;
    };
    if (a === '--help' || a === '-h') opts.help = true;
    else if (name === 'format') opts.format = value();
    else if (a === '--data' && command === 'run') opts.data = true;
    else if (valued.includes(name)) opts[name] = value();
    else if (a.startsWith('--')) throw new UsageError(`${a}: unknown option`);
    else opts.positional.push(a);
  }
  const formats = FORMATS[command] ?? FORMATS.run;
  opts.format ??= formats[0];
  if (!formats.includes(opts.format)) throw new UsageError(`--format: must be one of: ${formats.join(', ')}`);
  return opts;
}

// The command's preset, strictly parsed; warnings for unknown keys on stderr.
function readPreset(opts) {
  const [command, input, extra] = opts.positional;
  if (input === undefined) throw new PresetError('preset', `empty preset (${command} needs a PRESET argument)`);
  if (extra !== undefined) throw new UsageError(`${extra}: unexpected argument (quote the preset)`);
  const text = input === '-' ? readFileSync(0, 'utf8') : input;
  const { preset, issues } = parse(text, { strict: true });
  for (const issue of issues) process.stderr.write(`${NAME}: warning: ${issue.key}: ${issue.reason}\n`);
  return preset;
}

async function run(opts) {
  const preset = readPreset(opts);
  const core = await loadCore();
  const result = core.run(preset, { grids: opts.format === 'json' });
  const start = opts.data && !SURFACES.includes(preset.problem) ? startToJSON(preset, startData(core, preset)) : null;
  return opts.format === 'csv' ? runToCSV(result) : runToJSON(canonicalize(preset), result, { ...opts, start }) + '\n';
}

// A strict number from an option's text (PRESET.md's number grammar).
function number(option, text, what, ok) {
  const x = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/.test(text) ? Number(text) : NaN;
  if (!Number.isFinite(x) || !ok(x)) throw new UsageError(`--${option}: must be ${what}`);
  return x;
}
const integer = (option, text, lo, hi) =>
  number(option, text, `an integer from ${lo} to ${hi}`, (x) => Number.isInteger(x) && x >= lo && x <= hi);

// JSON with non-finite numbers as null, as runToJSON writes them.
const json = (value) => JSON.stringify(value, (k, v) => (typeof v === 'number' && !Number.isFinite(v) ? null : v)) + '\n';
const g = (x, p = 4) => (x === null || x === undefined ? '-' : Number.isFinite(x) ? Number(x.toPrecision(p)).toString() : String(x));
function table(header, rows) {
  const all = [header, ...rows].map((r) => r.map(String));
  const width = header.map((_, c) => Math.max(...all.map((r) => r[c].length)));
  return all.map((r) => r.map((cell, c) => cell.padEnd(width[c])).join('  ').trimEnd()).join('\n') + '\n';
}

async function find(opts) {
  const preset = readPreset(opts);
  const r = findLR(await loadCore(), preset);
  // finder: the run the test does (its gamma > 1 is outside PRESET.md's range).
  const { preset: finder, ...rest } = r;
  if (opts.format === 'json') return json({ preset: canonicalize(preset), finder: canonicalize(finder), ...rest });
  const rows = r.lrs.map((lr, i) => [i, g(lr), g(r.losses[i]), g(r.raw[i])]);
  const marks = Object.entries(r.suggestions).map(([k, v]) => `${k} ${g(v)}`).join(', ');
  return table(['step', 'lr', 'smoothed', 'loss'], rows) +
    `\nsuggestions: ${marks}\nstopped at: ${r.stopped_at ?? 'no (ran every step)'}\nnote: ${r.note}\n`;
}

function parseLrs(text) {
  const what = 'FROM:TO:COUNT with 0 < FROM <= TO <= 100 and COUNT an integer from 1 to 1000';
  const parts = text.split(':');
  if (parts.length !== 3) throw new UsageError(`--lrs: must be ${what}`);
  const [from, to] = parts.slice(0, 2).map((t) => number('lrs', t, what, (x) => x > 0 && x <= 100));
  const count = number('lrs', parts[2], what, (x) => Number.isInteger(x) && x >= 1 && x <= 1000);
  if (to < from) throw new UsageError(`--lrs: must be ${what}`);
  return { from, to, count };
}

// The pick in words: its rate, whether its neighbours hold, its link.
function pickLines(best, fragile, objective) {
  if (!best) return 'best: none (every run diverged)\n';
  const near = best.neighbours.map((n) => `x${n.factor} lr ${g(n.lr)}: ${n.diverged_at === null ? g(objective === 'heldout' ? n.heldout_loss : n.final_loss) : `diverged at ${n.diverged_at}`}`);
  return `best: lr ${g(best.lr)}, ${objective} loss ${g(objective === 'heldout' ? best.heldout_loss : best.final_loss)}, ` +
    `${best.robust ? `neighbours hold (${near.join(', ')})` : 'not robust: no checked rate keeps its neighbours converging'}: ${best.preset}\n` +
    fragile.map((f) => `fragile: ${fragileText(f, objective)}\n`).join('');
}

async function sweep(opts) {
  const preset = readPreset(opts);
  const range = opts.lrs === undefined ? {} : parseLrs(opts.lrs);
  const workers = opts.workers === undefined ? undefined : integer('workers', opts.workers, 1, 256);
  sweepObjective(preset, opts.objective); // a bad --objective fails before the runs
  const results = await sweepParallel(sweepPresets(preset, range), { workers });
  const { objective, best, fragile } = await driveAsync(sweepAdvice(preset, results, { objective: opts.objective }),
    (presets) => sweepParallel(presets, { workers }));
  if (opts.format === 'json') return json({ preset: canonicalize(preset), objective, best, fragile, results });
  // the recommended row first, then the others by rate
  const heldout = objective === 'heldout';
  const row = (r) => [r === best || r.preset === best?.preset ? 'best' : '', g(r.lr), g(r.final_loss), ...(heldout ? [g(r.heldout_loss)] : []),
    g(r.best_loss), r.diverged_at ?? '-', r.fingerprint];
  const first = results.filter((r) => r.preset === best?.preset);
  const rows = [...first, ...results.filter((r) => r.preset !== best?.preset)].map(row);
  return table(['pick', 'lr', 'final_loss', ...(heldout ? ['heldout_loss'] : []), 'best_loss', 'diverged_at', 'fingerprint'], rows) +
    '\n' + pickLines(best, fragile, objective);
}

async function tuneCommand(opts) {
  const preset = readPreset(opts);
  const o = {};
  if (opts.trials !== undefined) o.trials = integer('trials', opts.trials, 1, 10000);
  if (opts.seed !== undefined) o.seed = integer('seed', opts.seed, 0, 4294967295);
  if (opts.method !== undefined) o.method = opts.method;
  if (opts.objective !== undefined) o.objective = opts.objective;
  if (opts.search !== undefined) o.search = opts.search.split(',');
  const r = tune(await loadCore(), preset, o);
  if (opts.format === 'json') return json({ preset: canonicalize(preset), ...r });
  const show = (s) => Object.entries(s).map(([k, v]) => `${k}=${typeof v === 'number' ? g(v) : v}`).join(' ');
  const rows = r.history.map((h) => [h.trial, h.budget, g(h.loss), g(h.best_so_far), show(h.settings)]);
  // the recommendation first, then the search that led to it
  return (r.best ? `best: trial ${r.best.trial}, ${show(r.best.settings)}\n` : '') + pickLines(r.best, r.fragile, r.objective) + '\n' +
    table(['trial', 'budget', 'loss', 'best_so_far', 'settings'], rows) +
    (r.ignored.length ? `\nnot searched (they do not apply to this preset): ${r.ignored.join(', ')}\n` : '');
}

async function exportCommand(opts) {
  const preset = readPreset(opts);
  const data = SURFACES.includes(preset.problem) ? null : startData(await loadCore(), preset);
  return (opts.format === 'notebook' ? torchNotebook : torchScript)(preset, data);
}

const COMMANDS = { export: exportCommand, run, find, sweep, tune: tuneCommand };
// Library option names as the command line spells them.
const OPTION = { from: 'lrs', to: 'lrs', count: 'lrs' };

async function main(argv) {
  try {
    const opts = parseArgs(argv);
    if (opts.help || opts.positional[0] === 'help') return { out: helpText(), code: 0 };
    const command = COMMANDS[opts.positional[0]];
    if (!Object.hasOwn(COMMANDS, opts.positional[0] ?? '')) {
      const what = opts.positional[0] === undefined ? 'missing command' : `${opts.positional[0]}: unknown command`;
      throw new UsageError(`${what} (try --help)`);
    }
    return { out: await command(opts), code: 0 };
  } catch (e) {
    if (e instanceof ToolError) return { err: `${NAME}: --${OPTION[e.key] ?? e.key}: ${e.reason}\n`, code: 2 };
    if (e instanceof PresetError || (e instanceof CoreError && e.key)) return { err: `${NAME}: ${e.message}\n`, code: 2 };
    if (e instanceof UsageError) return { err: `${NAME}: ${e.message}\n`, code: 2 };
    throw e;
  }
}

const { out, err, code } = await main(process.argv.slice(2));
if (out) process.stdout.write(out);
if (err) process.stderr.write(err);
process.exitCode = code;
