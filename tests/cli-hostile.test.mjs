// The command line against hostile arguments (issue 16): no argument wedges
// it or ends in a stack trace; a bad one exits 2 with one line
// "lr-playground: <key>: <reason>" and nothing on stdout.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { describe, it } from 'node:test';

const CLI = new URL('../web/cli.mjs', import.meta.url).pathname;
const cli = (args, input, env) => spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', input, maxBuffer: 1 << 26, env: { ...process.env, ...env } });
const SMALL = 'v=1&problem=quadratic&steps=5';

function fails(r, key, reason) {
  assert.equal(r.status, 2, r.stderr);
  assert.equal(r.stdout, '');
  const lines = r.stderr.trimEnd().split('\n');
  assert.equal(lines.length, 1, r.stderr);
  assert.ok(lines[0].startsWith(`lr-playground: ${key}: `), lines[0]);
  assert.match(lines[0], reason);
}

describe('names of Object.prototype are no commands or settings (A)', () => {
  for (const name of ['constructor', '__proto__', 'toString', 'hasOwnProperty']) {
    it(`${name} as a command`, () => fails(cli([name]), name, /unknown command/));
    it(`${name} as a searched setting`, () => fails(cli(['tune', SMALL, '--search', name]), '--search', /distinct names/));
    it(`${name} as a format, method and objective`, () => {
      fails(cli(['run', SMALL, '--format', name]), '--format', /json, csv/);
      fails(cli(['tune', SMALL, '--method', name]), '--method', /random, halving/);
      fails(cli(['sweep', SMALL, '--objective', name]), '--objective', /final/);
    });
  }
});

describe('options stand before or after the command (B)', () => {
  it('checks a format given before the command', () => fails(cli(['--format', 'csv', 'find', 'v=1']), '--format', /json, table/));
  it('reads a valued option given before the command', () => {
    const before = cli(['--workers', '1', '--lrs=0.01:0.1:2', 'sweep', SMALL]);
    assert.equal(before.status, 0, before.stderr);
    const after = cli(['sweep', SMALL, '--lrs', '0.01:0.1:2', '--workers', '1']);
    assert.equal(before.stdout, after.stdout);
    assert.deepEqual(JSON.parse(before.stdout).results.map((r) => r.lr), [0.01, 0.1]);
  });
  it('still refuses an option of another command', () => fails(cli(['--workers', '2', 'run', SMALL]), '--workers', /unknown option/));
});

describe('a preset is read exactly unless --lenient (C)', () => {
  const CASES = [
    ['a string that is no preset', 'hello', 'hello', /unknown key/],
    ['an unknown key', 'v=1&lR=0.5', 'lR', /unknown key/],
    ['an unknown key in JSON', '{"v":1,"lR":0.5}', 'lR', /unknown key/],
    ['text before # that is no URL', 'v=1&opt=adam&lr=0.5#x', 'preset', /before '#' is not a URL/],
    ['a query that would be dropped', 'https://example.org/index.html?lr=3#v=1', 'preset', /query "\?lr=3" is not read/],
    ['a key repeated in JSON', '{"v":1,"lr":0.1,"lr":0.2}', 'lr', /given more than once/],
    ['a key repeated in key=value', 'v=1&lr=0.1&lr=0.2', 'lr', /given more than once/],
    ['a + sign in JSON', '{"lr":"+0.1"}', 'lr', /number/],
    ['a + sign in a link', 'lr=+0.1', 'lr', /number/],
    ['an encoded + sign in a link', 'lr=%2B0.1', 'lr', /number/],
    ['a + in an exponent in JSON', '{"lr":"1e+0"}', 'lr', /number/],
  ];
  for (const [name, preset, key, reason] of CASES) it(name, () => fails(cli(['run', preset]), key, reason));

  it('still reads a page URL, a bare #hash and nested JSON values', () => {
    for (const p of [`https://example.org/lr/index.html#${SMALL}`, `#${SMALL}`, `${SMALL}&embed=1&ui=lr`]) assert.equal(cli(['run', p]).status, 0, p);
    // a repeat inside a value is not a repeated key: the value is what is wrong
    fails(cli(['run', '{"v":1,"problem":"mlp","hidden":[8,{"lr":1,"lr":2}],"lr":0.1}']), 'hidden', /must be/);
  });

  it('--lenient reports on stderr and runs what the page would', () => {
    const r = cli(['run', '--lenient', 'v=1&problem=quadratic&steps=5&lR=0.5&lr=abc#x']);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stderr, /^lr-playground: warning: preset: text before '#' ignored: "v=1&problem=quadratic&steps=5&lR=0.5&lr…"$/m);
    assert.match(r.stderr, /^lr-playground: warning: x: unknown key, ignored$/m);
    assert.equal(JSON.parse(r.stdout).preset, 'v=1');
    const bad = cli(['run', `${SMALL}&lR=0.5&lr=abc`, '--lenient']);
    assert.equal(bad.status, 0);
    assert.match(bad.stderr, /warning: lR: unknown key, ignored/);
    assert.match(bad.stderr, /warning: lr = "abc": must be a number/);
    assert.equal(JSON.parse(bad.stdout).preset, SMALL);
  });

  it('--help names --lenient', () => assert.match(cli(['--help']).stdout, /--lenient/));
});

it('caps --workers at the number of cores and says so (D)', () => {
  const cores = availableParallelism();
  const r = cli(['sweep', SMALL, '--lrs', '0.01:0.1:2', '--workers', '256']);
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stderr, `lr-playground: --workers: 256 capped at ${cores}, the number of cores\n`);
  assert.equal(r.stdout, cli(['sweep', SMALL, '--lrs', '0.01:0.1:2', '--workers', String(cores)]).stdout);
});

describe('streams (E)', () => {
  it('ends quietly when the reader stops early (EPIPE)', async () => {
    const child = spawn(process.execPath, [CLI, 'run', 'v=1&problem=quadratic&steps=100000&lr=0.001', '--format', 'csv']);
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    child.stdout.once('data', () => child.stdout.destroy());
    const code = await new Promise((resolve) => child.on('close', resolve));
    assert.equal(stderr, '');
    assert.equal(code, 0);
  });

  it('refuses standard input over its bound with a clear message', () => {
    // The bound (64 MiB) lowered for the test by an environment variable.
    fails(cli(['run', '-'], 'v=1&lr=0.1&steps=5', { LR_PLAYGROUND_TEST_STDIN_MAX: '8' }), 'preset', /standard input is over 8 bytes/);
    assert.equal(cli(['run', '-'], SMALL, { LR_PLAYGROUND_TEST_STDIN_MAX: '100' }).status, 0);
  });
});
