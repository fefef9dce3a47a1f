// The command line: output formats, strictness, help.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { describe, it } from 'node:test';
import { KEYS } from '../web/preset.js';

const CLI = new URL('../web/cli.mjs', import.meta.url).pathname;
const cli = (args, input) => spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', input, maxBuffer: 1 << 26 });
const EXAMPLE = 'v=1&problem=rosenbrock&opt=adam&lr=0.02&sched=cosine&steps=300';

describe('run', () => {
  it('prints the run as JSON with the canonical preset', () => {
    const r = cli(['run', EXAMPLE]);
    assert.equal(r.status, 0, r.stderr);
    const out = JSON.parse(r.stdout);
    assert.deepEqual(Object.keys(out), ['preset', 'loss', 'lr', 'path', 'diverged_at', 'fingerprint']);
    assert.equal(out.preset, 'v=1&opt=adam&lr=0.02&sched=cosine&steps=300');
    assert.equal(out.loss.length, 301);
    assert.equal(out.lr.length, 300);
    assert.equal(out.path.length, 301);
    assert.deepEqual(out.path[0], [-1.5, 2]);
    assert.equal(out.lr[0], 0.02);
    assert.equal(out.diverged_at, null);
    assert.match(out.fingerprint, /^[0-9a-f]{16}$/);
    assert.ok(out.loss[300] < out.loss[0] / 2);
  });

  it('prints the same fingerprint for the same preset in every input form', () => {
    const forms = [
      [EXAMPLE],
      [`https://example.org/lr/index.html#${EXAMPLE}`],
      [`#${EXAMPLE}`],
      ['{"v":1,"opt":"adam","lr":0.02,"sched":"cosine","steps":300}'],
      ['-', EXAMPLE],
    ];
    const prints = forms.map(([arg, input]) => JSON.parse(cli(['run', arg], input).stdout).fingerprint);
    assert.equal(new Set(prints).size, 1, prints.join(' '));
  });

  it('writes float32 values in their shortest form and non-finite ones as null', () => {
    const out = JSON.parse(cli(['run', 'v=1&problem=quadratic&cond=100&lr=0.05&steps=50']).stdout);
    assert.equal(out.diverged_at, out.loss.length - 1);
    assert.equal(out.lr.length, out.diverged_at);
    assert.equal(out.loss[0], 208);
    assert.equal(out.loss[1], 3207.22);
  });

  it('prints one CSV row per step with --format csv', () => {
    const r = cli(['run', 'v=1&problem=quadratic&steps=3&lr=0.1', '--format', 'csv']);
    assert.equal(r.status, 0, r.stderr);
    const rows = r.stdout.trim().split('\n');
    assert.equal(rows[0], 'step,loss,lr,x,y');
    assert.equal(rows.length, 5);
    assert.equal(rows[1], '0,28,0.1,-4,2');
    assert.equal(rows[4].split(',')[2], '');
    assert.equal(cli(['run', 'v=1&steps=3', '--format=csv']).stdout.split('\n').length, 6);
  });

  it('with --lenient, warns about an unknown key on stderr and still runs', () => {
    // without --lenient an unknown key exits 2 (tests/cli-hostile.test.mjs)
    const r = cli(['run', 'v=1&problem=quadratic&lrr=0.1', '--lenient']);
    assert.equal(r.status, 0);
    assert.match(r.stderr, /^lr-playground: warning: lrr: unknown key, ignored$/m);
    assert.ok(JSON.parse(r.stdout).fingerprint);
  });
});

describe('a batch is drawn from the training points (issue 16)', () => {
  it('--lenient reports a batch larger than them and runs the full batch, as the page does', () => {
    const r = cli(['run', 'v=1&problem=mlp&n=10&holdout=0.5&batch=10&steps=20', '--lenient']);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stderr, 'lr-playground: warning: batch = "10": must be <= 5, the training points (10 less the 5 held out); 0 is the full batch\n');
    const out = JSON.parse(r.stdout);
    assert.equal(out.preset, 'v=1&problem=mlp&n=10&holdout=0.5&steps=20');
    assert.equal(out.fingerprint, JSON.parse(cli(['run', out.preset]).stdout).fingerprint);
  });

  it('takes a batch of all the training points and no more', () => {
    const r = cli(['run', 'v=1&problem=mlp&n=10&holdout=0.5&batch=5&steps=20']);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(JSON.parse(r.stdout).preset, 'v=1&problem=mlp&n=10&batch=5&holdout=0.5&steps=20');
  });
});

describe('strict errors: exit 2, "lr-playground: <key>: <reason>", nothing on stdout', () => {
  const CASES = [
    ['malformed number', ['run', 'v=1&lr=abc'], 'lr', /number/],
    ['hex number', ['run', 'v=1&lr=0x10'], 'lr', /number/],
    ['out-of-range value', ['run', 'v=1&lr=1000'], 'lr', /> 0 and <= 100/],
    ['zero rate', ['run', 'v=1&lr=0'], 'lr', /> 0/],
    ['non-integer steps', ['run', 'v=1&steps=2.5'], 'steps', /integer/],
    ['unknown problem', ['run', 'v=1&problem=ackley'], 'problem', /one of: quadratic/],
    ['unknown optimizer', ['run', 'v=1&opt=lbfgs'], 'opt', /one of: sgd/],
    ['unknown schedule', ['run', 'v=1&sched=warm'], 'sched', /one of: constant/],
    ['unknown version', ['run', 'v=2&lr=0.1'], 'v', /version/],
    ['empty input', ['run', ''], 'preset', /empty/],
    ['no preset', ['run'], 'preset', /empty/],
    ['bad JSON', ['run', '{"v":1,'], 'preset', /JSON/],
    ['nesterov without momentum', ['run', 'v=1&opt=nesterov&momentum=0'], 'momentum', /nesterov/],
    ['warm-up longer than the run', ['run', 'v=1&steps=10&warmup=20'], 'warmup', /steps/],
    ['duplicated key', ['run', 'v=1&lr=0.1&lr=0.2'], 'lr', /more than once/],
    ['infinite number', ['run', 'v=1&lr=1e309'], 'lr', /number/],
    ['unknown command', ['walk', 'v=1'], 'walk', /unknown command/],
    ['unknown option', ['run', 'v=1', '--fast'], '--fast', /unknown option/],
    ['unknown format', ['run', 'v=1', '--format', 'xml'], '--format', /json, csv/],
    ['a batch larger than the training points', ['run', 'v=1&problem=mlp&n=10&holdout=0.5&batch=10'], 'batch', /^lr-playground: batch: must be <= 5, the training points \(10 less the 5 held out\); 0 is the full batch$/],
    ['pins= (a link pins with pin=)', ['run', 'v=1&pins=v%3D1'], 'pins', /unknown key/],
  ];
  for (const [name, args, key, reason] of CASES) {
    it(name, () => {
      const r = cli(args);
      assert.equal(r.status, 2, r.stderr);
      assert.equal(r.stdout, '');
      const [line, ...rest] = r.stderr.trimEnd().split('\n');
      assert.deepEqual(rest, []);
      assert.ok(line.startsWith(`lr-playground: ${key}: `), line);
      assert.match(line, reason);
    });
  }
});

it('--help documents every command and every key', () => {
  const r = cli(['--help']);
  assert.equal(r.status, 0);
  assert.match(r.stdout, /run PRESET/);
  assert.match(r.stdout, /--format json\|csv/);
  for (const { key } of KEYS) assert.match(r.stdout, new RegExp(`^ {4}${key} `, 'm'), key);
});
