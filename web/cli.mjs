#!/usr/bin/env node
// cli.mjs - the command line: runs presets with the very WASM core the page
// loads. Strict: a bad preset exits 2 with "lr-playground: <key>: <reason>"
// on stderr and nothing on stdout.
import { createReadStream } from 'node:fs';
import { availableParallelism } from 'node:os';
import { CoreError, loadCore } from './core.js';
import { runToCSV, runToJSON } from './export.js';
import { startData, startToJSON } from './torch-data.js';
import { torchScript } from './torch-export.js';
import { torchNotebook } from './torch-notebook.js';
import { PresetError, SURFACES, canonicalize, parse, show } from './preset.js';
import { ToolError, driveAsync, findLR, objectiveFor, sweepAdvice, sweepParallel, sweepPresets, tune } from './tools.js';
import { fragileText, outsideText } from './advice.js';
import { helpText } from './cli-help.js';
import { CsvError, checkNoFile, checkProblem, csvNotes, presetWithCsv, readCsv } from './cli-csv.js';

const NAME = 'lr-playground';
const FORMATS = { export: ['pytorch', 'notebook'], run: ['json', 'csv'], find: ['json', 'table'], sweep: ['json', 'table'], tune: ['json', 'table'] };
// Options that take a value, by command.
// Every command runs a preset and takes --csv FILE, its data.
const VALUED = { export: ['csv'], run: ['csv'], find: ['csv'], sweep: ['csv', 'lrs', 'workers', 'objective'],
  tune: ['csv', 'trials', 'method', 'search', 'objective', 'seed'] };

class UsageError extends Error {}

const own = (table, key) => (Object.hasOwn(table, key) ? table[key] : undefined);
const ALL_VALUED = new Set(Object.values(VALUED).flat());

// Options may stand before or after the command; each is checked against
// the command once it is known.
function parseArgs(argv) {
  const opts = { positional: [], given: [] };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const name = a.startsWith('--') ? a.slice(2).split('=')[0] : null;
    const value = () => {
      const v = a.includes('=') ? a.slice(a.indexOf('=') + 1) : argv[++i];
      if (v === undefined) throw new UsageError(`--${name}: needs a value`);
      return v;
    };
    if (a === '--help' || a === '-h') opts.help = true;
    else if (name === 'format' || ALL_VALUED.has(name)) opts[name] = value();
    else if (a === '--data' || a === '--lenient') opts[name] = true;
    else if (a.startsWith('-') && a !== '-') throw new UsageError(`${a}: unknown option`);
    else opts.positional.push(a);
    if (name !== null) opts.given.push(a.split('=')[0]);
  }
  return opts;
}

// The command's options: those of another command are unknown to it.
function checkOptions(opts, command) {
  for (const a of opts.given) {
    const name = a.slice(2);
    const ok = ['format', 'lenient', 'help'].includes(name) || (name === 'data' && command === 'run') || VALUED[command].includes(name);
    if (!ok) throw new UsageError(`${a}: unknown option`);
  }
  const formats = FORMATS[command];
  opts.format ??= formats[0];
  if (!formats.includes(opts.format)) throw new UsageError(`--format: must be one of: ${formats.join(', ')}`);
}

// Standard input (and a --csv file), up to a bound no preset and no CSV
// the page reads comes near (a test lowers it); tooLong() is the error.
const STDIN_MAX = Number(process.env.LR_PLAYGROUND_TEST_STDIN_MAX) || 64 * 1024 * 1024;
async function readAll(stream, tooLong) {
  const chunks = [];
  let size = 0;
  for await (const chunk of stream) {
    size += chunk.length;
    if (size > STDIN_MAX) {
      stream.destroy();
      throw tooLong();
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}
const readStdin = () => readAll(process.stdin, () => new PresetError('preset', `standard input is over ${STDIN_MAX} bytes: no preset is that long`));

// --csv FILE's text (- is standard input): a file that cannot be read is a CsvError.
const WHY = { ENOENT: 'no such file', EISDIR: 'a directory, not a file', EACCES: 'permission denied' };
async function readCsvText(file) {
  const name = file === '-' ? '- (standard input)' : file;
  const tooLong = () => new CsvError(`--csv ${name}: over ${STDIN_MAX} bytes: no CSV the playground reads is that long`);
  if (file === '-') return readAll(process.stdin, tooLong);
  try {
    return await readAll(createReadStream(file), tooLong);
  } catch (e) {
    if (e instanceof CsvError) throw e;
    throw new CsvError(`--csv ${name.replace(/[\p{C}]/gu, '?')}: cannot read it (${WHY[e.code] ?? e.code ?? e.message})`);
  }
}

// One core for the command, loaded when first needed.
let corePromise = null;
const theCore = () => (corePromise ??= loadCore());

// How the core scales own data's columns (data_scale), from a job's start.
async function scaleOf(preset) {
  const job = (await theCore()).start(preset);
  try {
    return job.out('data_scale');
  } finally {
    job.free();
  }
}

// The command's preset, read exactly (PRESET.md "Bad input"): a bad one
// throws PresetError. --lenient reads it as the page does: what is wrong is
// said on stderr and the run goes on.
async function readPreset(opts) {
  const [command, input, extra] = opts.positional;
  if (input === undefined) throw new PresetError('preset', `empty preset (${command} needs a PRESET argument)`);
  if (extra !== undefined) throw new UsageError(`${extra}: unexpected argument (quote the preset)`);
  if (opts.csv === '-' && input === '-') throw new UsageError('--csv -: standard input cannot carry both the preset and the CSV');
  const csv = opts.csv === undefined ? null : readCsv(opts.csv, await readCsvText(opts.csv));
  const text = input === '-' ? await readStdin() : input;
  if (!csv) checkNoFile(text);
  const options = opts.lenient ? {} : { exact: true };
  const { preset, issues } = csv ? presetWithCsv(text, csv, options) : parse(text, options);
  const hash = text.trim().startsWith('{') ? -1 : text.indexOf('#');
  if (opts.lenient && hash > 0) issues.unshift({ key: 'preset', reason: `text before '#' ignored: "${show(text.slice(0, hash))}"` });
  for (const issue of issues) {
    process.stderr.write(`${NAME}: warning: ${issue.key}${issue.value === undefined ? '' : ` = "${issue.value}"`}: ${issue.reason}\n`);
  }
  if (!csv) return preset;
  checkProblem(preset.problem, csv); // --lenient: a bad problem became the default, a surface
  for (const line of csvNotes(csv, await scaleOf(preset))) process.stderr.write(`${NAME}: ${line}\n`);
  return preset;
}

async function run(opts) {
  const preset = await readPreset(opts);
  const core = await theCore();
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
  const preset = await readPreset(opts);
  const r = findLR(await theCore(), preset);
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

// The pick in words: its rate, whether its neighbours hold, its link;
// where the best rate may lie outside the range swept, a wider one to try
// (the sweep's rates go up to 100).
function pickLines(best, fragile, objective, outside = null) {
  if (!best) return 'best: none (every run diverged)\n';
  const wider = !outside ? '' : outside.side === 'above' && outside.edge >= 100 ? ' The sweep runs rates up to 100.'
    : ` Try --lrs ${g(outside.edge / 10)}:${g(Math.min(100, outside.edge * 10))}:12`;
  const near = best.neighbours.map((n) => `x${n.factor} lr ${g(n.lr)}: ${n.diverged_at === null ? g(objective === 'heldout' ? n.heldout_loss : n.final_loss) : `diverged at ${n.diverged_at}`}`);
  return `best: lr ${g(best.lr)}, ${objective} loss ${g(objective === 'heldout' ? best.heldout_loss : best.final_loss)}, ` +
    `${best.robust ? `neighbours hold (${near.join(', ')})` : 'not robust: no checked rate keeps its neighbours converging'}: ${best.preset}\n` +
    fragile.map((f) => `fragile: ${fragileText(f, objective)}\n`).join('') +
    (outside ? `outside:${outsideText(outside, objective, { listed: true })}${wider}\n` : '');
}

async function sweep(opts) {
  const preset = await readPreset(opts);
  const range = opts.lrs === undefined ? {} : parseLrs(opts.lrs);
  let workers = opts.workers === undefined ? undefined : integer('workers', opts.workers, 1, 256);
  const cores = availableParallelism();
  if (workers > cores) {
    process.stderr.write(`${NAME}: --workers: ${workers} capped at ${cores}, the number of cores\n`);
    workers = cores;
  }
  objectiveFor(preset, opts.objective); // a bad --objective fails before the runs
  // a file's data go to the threads with the requests (own-data.js withOwn)
  const runAll = (presets) => sweepParallel(presets, { workers });
  const results = await runAll(sweepPresets(preset, range));
  const { objective, best, fragile, outside } = await driveAsync(sweepAdvice(preset, results, { objective: opts.objective }), runAll);
  if (opts.format === 'json') return json({ preset: canonicalize(preset), objective, best, fragile, outside, results });
  // the recommended row first, then the others by rate
  const heldout = objective === 'heldout';
  const row = (r) => [r === best || r.preset === best?.preset ? 'best' : '', g(r.lr), g(r.final_loss), ...(heldout ? [g(r.heldout_loss)] : []),
    g(r.best_loss), r.diverged_at ?? '-', r.fingerprint];
  const first = results.filter((r) => r.preset === best?.preset);
  const rows = [...first, ...results.filter((r) => r.preset !== best?.preset)].map(row);
  return table(['pick', 'lr', 'final_loss', ...(heldout ? ['heldout_loss'] : []), 'best_loss', 'diverged_at', 'fingerprint'], rows) +
    '\n' + pickLines(best, fragile, objective, outside);
}

async function tuneCommand(opts) {
  const preset = await readPreset(opts);
  const o = {};
  if (opts.trials !== undefined) o.trials = integer('trials', opts.trials, 1, 10000);
  if (opts.seed !== undefined) o.seed = integer('seed', opts.seed, 0, 4294967295);
  if (opts.method !== undefined) o.method = opts.method;
  if (opts.objective !== undefined) o.objective = opts.objective;
  if (opts.search !== undefined) o.search = opts.search.split(',');
  const r = tune(await theCore(), preset, o);
  if (opts.format === 'json') return json({ preset: canonicalize(preset), ...r });
  const show = (s) => Object.entries(s).map(([k, v]) => `${k}=${typeof v === 'number' ? g(v) : v}`).join(' ');
  const rows = r.history.map((h) => [h.trial, h.budget, g(h.loss), g(h.best_so_far), show(h.settings)]);
  // the recommendation first, then the search that led to it
  return (r.best ? `best: trial ${r.best.trial}, ${show(r.best.settings)}\n` : '') + pickLines(r.best, r.fragile, r.objective) + '\n' +
    table(['trial', 'budget', 'loss', 'best_so_far', 'settings'], rows) +
    (r.ignored.length ? `\nnot searched (they do not apply to this preset): ${r.ignored.join(', ')}\n` : '');
}

async function exportCommand(opts) {
  const preset = await readPreset(opts);
  const data = SURFACES.includes(preset.problem) ? null : startData(await theCore(), preset);
  return (opts.format === 'notebook' ? torchNotebook : torchScript)(preset, data);
}

const COMMANDS = { export: exportCommand, run, find, sweep, tune: tuneCommand };
// Library option names as the command line spells them.
const OPTION = { from: 'lrs', to: 'lrs', count: 'lrs' };

async function main(argv) {
  try {
    const opts = parseArgs(argv);
    if (opts.help || opts.positional[0] === 'help') return { out: helpText(), code: 0 };
    const name = opts.positional[0];
    const command = own(COMMANDS, name ?? '');
    if (!command) throw new UsageError(`${name === undefined ? 'missing command' : `${show(name)}: unknown command`} (try --help)`);
    checkOptions(opts, name);
    return { out: await command(opts), code: 0 };
  } catch (e) {
    if (e instanceof ToolError) return { err: `${NAME}: --${own(OPTION, e.key) ?? e.key}: ${e.reason}\n`, code: 2 };
    if (e instanceof PresetError || (e instanceof CoreError && e.key)) return { err: `${NAME}: ${e.message}\n`, code: 2 };
    if (e instanceof UsageError || e instanceof CsvError) return { err: `${NAME}: ${e.message}\n`, code: 2 };
    throw e;
  }
}

// A reader that stops early (| head) ends the output, not in a stack trace.
process.stdout.on('error', (e) => {
  if (e.code !== 'EPIPE') throw e;
  process.exit(process.exitCode ?? 0);
});

const { out, err, code } = await main(process.argv.slice(2));
if (out) process.stdout.write(out);
if (err) process.stderr.write(err);
process.exitCode = code;
