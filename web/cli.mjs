#!/usr/bin/env node
// cli.mjs - the command line: runs presets with the very WASM core the page
// loads. Strict: a bad preset exits 2 with "lr-playground: <key>: <reason>"
// on stderr and nothing on stdout.
import { readFileSync } from 'node:fs';
import { CoreError, loadCore } from './core.js';
import { runToCSV, runToJSON } from './export.js';
import { KEYS, PresetError, canonicalize, parse, rangeText } from './preset.js';

const NAME = 'lr-playground';
const FORMATS = ['json', 'csv'];

class UsageError extends Error {}

function helpText() {
  const lines = [
    `Usage: ${NAME} run PRESET [--format json|csv] [--data]`,
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
    '',
    'Exit status: 0 on success; 2 for a bad preset or bad arguments, with',
    `"${NAME}: <key>: <reason>" on stderr and nothing on stdout.`,
    '',
    'Examples',
    `  ${NAME} run 'v=1&problem=rosenbrock&opt=adam&lr=0.02&sched=cosine&steps=300'`,
    `  ${NAME} run '{"v":1,"problem":"quadratic","cond":100,"lr":0.03}' --format csv`,
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
  const opts = { format: 'json', positional: [] };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--help' || a === '-h') opts.help = true;
    else if (a === '--format' || a.startsWith('--format=')) {
      opts.format = a.includes('=') ? a.slice(a.indexOf('=') + 1) : argv[++i];
      if (!FORMATS.includes(opts.format)) throw new UsageError(`--format: must be one of: ${FORMATS.join(', ')}`);
    } else if (a === '--data') opts.data = true;
    else if (a.startsWith('--')) throw new UsageError(`${a}: unknown option`);
    else opts.positional.push(a);
  }
  return opts;
}

async function run(opts) {
  const [, input, extra] = opts.positional;
  if (input === undefined) throw new PresetError('preset', 'empty preset (run needs a PRESET argument)');
  if (extra !== undefined) throw new UsageError(`${extra}: unexpected argument (quote the preset)`);
  const text = input === '-' ? readFileSync(0, 'utf8') : input;
  const { preset, issues } = parse(text, { strict: true });
  for (const issue of issues) process.stderr.write(`${NAME}: warning: ${issue.key}: ${issue.reason}\n`);
  const core = await loadCore();
  const result = core.run(preset, { grids: opts.format === 'json' });
  return opts.format === 'csv' ? runToCSV(result) : runToJSON(canonicalize(preset), result, opts) + '\n';
}

async function main(argv) {
  try {
    const opts = parseArgs(argv);
    if (opts.help || opts.positional[0] === 'help') return { out: helpText(), code: 0 };
    if (opts.positional[0] !== 'run') {
      const what = opts.positional[0] === undefined ? 'missing command' : `${opts.positional[0]}: unknown command`;
      throw new UsageError(`${what} (try --help)`);
    }
    return { out: await run(opts), code: 0 };
  } catch (e) {
    if (e instanceof PresetError || (e instanceof CoreError && e.key)) return { err: `${NAME}: ${e.message}\n`, code: 2 };
    if (e instanceof UsageError) return { err: `${NAME}: ${e.message}\n`, code: 2 };
    throw e;
  }
}

const { out, err, code } = await main(process.argv.slice(2));
if (out) process.stdout.write(out);
if (err) process.stderr.write(err);
process.exitCode = code;
