// The command line's --csv FILE: a user's own data as the preset's data
// (data=own&points=...), for every command that runs a preset; the link it
// prints reproduces the run; refusals exit 2 with nothing on stdout.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { clusters, irisLike, line } from './lib/own-sets.mjs';

const CLI = new URL('../web/cli.mjs', import.meta.url).pathname;
const cli = (args, input, env = {}) =>
  spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', input, maxBuffer: 1 << 26, env: { ...process.env, ...env } });

const BAD = 'x1,x2,label\n1,2,0\n1,2,1\n3,4,0\n5,6,1\n1,2,0\n7,abc,1\n';

const MLP = 'v=1&problem=mlp&opt=adam&lr=0.01&steps=40';
let dir, files;
before(() => {
  dir = mkdtempSync(join(tmpdir(), 'lrp-csv-'));
  files = Object.fromEntries(Object.entries({ iris: irisLike(), reg: line(), big: clusters(), big2: clusters(2400, 4), bad: BAD, small: irisLike(30, 5) })
    .map(([name, text]) => {
      const path = join(dir, `${name}.csv`);
      writeFileSync(path, text);
      return [name, path];
    }));
});
after(() => rmSync(dir, { recursive: true, force: true }));

// Exit 2, one line on stderr matching `message`, nothing on stdout.
function refused(r, message) {
  assert.equal(r.status, 2, r.stderr);
  assert.equal(r.stdout, '');
  const lines = r.stderr.trimEnd().split('\n');
  assert.equal(lines.length, 1, r.stderr);
  assert.match(lines[0], message);
}
const ok = (r) => {
  assert.equal(r.status, 0, r.stderr);
  return r;
};

describe('run --csv', () => {
  it('runs a classification file (BOM, header, CRLF, names) as data=own, the notes and scaling on stderr only', () => {
    const r = ok(cli(['run', MLP, '--csv', files.iris]));
    const out = JSON.parse(r.stdout);
    assert.match(out.preset, /^v=1&problem=mlp&data=own&opt=adam&steps=40&points=1\.[A-Za-z0-9_-]+$/);
    const notes = r.stderr.trimEnd().split('\n');
    assert.ok(notes.every((l) => l.startsWith(`lr-playground: --csv ${files.iris}: `)), r.stderr);
    assert.match(r.stderr, /Removed a byte-order mark \(BOM\)\./);
    assert.match(r.stderr, /Line 1 is a header: sepal_length, sepal_width, species\./);
    assert.match(r.stderr, /90 rows, 3 classes \(setosa, versicolor, virginica\)\./);
    assert.match(r.stderr, /column 1 \(sepal_length\) from 45 to 78\.6: mapped onto \[-1\.5, 1\.5\]\./);
    assert.match(r.stderr, /column 2 \(sepal_width\) from 0\.303 to 0\.499: mapped onto \[-1\.5, 1\.5\]\./);
    assert.equal(out.loss.length, 41);
    assert.ok(out.eval.train_acc.length > 0);
  });

  it('the printed preset reproduces the run without the file (its points are in the link)', () => {
    const withFile = JSON.parse(ok(cli(['run', MLP, '--csv', files.iris])).stdout);
    const alone = JSON.parse(ok(cli(['run', withFile.preset])).stdout);
    assert.equal(alone.fingerprint, withFile.fingerprint);
    assert.deepEqual(alone.loss, withFile.loss);
    assert.equal(alone.preset, withFile.preset);
  });

  it('reads the file from standard input with --csv - (and not the preset as well)', () => {
    const fromFile = JSON.parse(ok(cli(['run', MLP, '--csv', files.iris])).stdout);
    const r = ok(cli(['run', MLP, '--csv', '-'], irisLike()));
    assert.equal(JSON.parse(r.stdout).fingerprint, fromFile.fingerprint);
    assert.match(r.stderr, /^lr-playground: --csv - \(standard input\): Removed a byte-order mark/m);
    refused(cli(['run', '-', '--csv', '-'], irisLike()), /^lr-playground: --csv -: standard input cannot carry both/);
  });

  it('refuses standard input over its bound', () => {
    refused(cli(['run', MLP, '--csv', '-'], irisLike(), { LR_PLAYGROUND_TEST_STDIN_MAX: '1000' }),
      /^lr-playground: --csv - \(standard input\): over 1000 bytes/);
  });

  it('a regression (\';\' between values): linreg with the target scaled, --format csv on stdout alone', () => {
    const r = ok(cli(['run', 'v=1&problem=linreg&lr=0.1&steps=30', '--csv', files.reg, '--format', 'csv']));
    assert.equal(r.stdout.split('\n')[0], 'step,loss,lr,x,y,test_loss,train_acc,test_acc');
    assert.equal(r.stdout.trim().split('\n').length, 32);
    assert.match(r.stderr, /Read with ';' between values\./);
    assert.match(r.stderr, /60 rows of \(x, y\)\./);
    assert.match(r.stderr, /column 1 \(x\) from -1\.5 to 1\.45: used as it is\./);
    assert.match(r.stderr, /column 2 \(y\) from 30\d\.\d+ to 26\d\d\.\d+: mapped onto \[-1\.5, 1\.5\]\./);
  });

  it('replaces the data, points, n and classes the preset names (JSON too)', () => {
    const plain = JSON.parse(ok(cli(['run', MLP, '--csv', files.iris])).stdout);
    const named = JSON.parse(ok(cli(['run', `${MLP}&data=spiral&classes=5&n=50`, '--csv', files.iris])).stdout);
    assert.equal(named.fingerprint, plain.fingerprint);
    const json = '{"v":1,"problem":"mlp","opt":"adam","lr":0.01,"steps":40,"data":"moons"}';
    assert.equal(JSON.parse(ok(cli(['run', json, '--csv', files.iris])).stdout).fingerprint, plain.fingerprint);
    refused(cli(['run', '{"v":1,"problem":"mlp","steps":3,"steps":4}', '--csv', files.iris]), /^lr-playground: steps: given more than once$/);
    refused(cli(['run', `${MLP}&lR=1`, '--csv', files.iris]), /^lr-playground: lR: unknown key$/);
  });
});

describe('--csv refusals: exit 2, the reason on stderr, nothing on stdout', () => {
  it('a bad file names its line and column', () => {
    refused(cli(['run', MLP, '--csv', files.bad]), /^lr-playground: --csv \S*bad\.csv: line 7, column 2 \(x2\): 'abc' is not a number$/);
    refused(cli(['export', MLP, '--csv', '-', '--format', 'pytorch'], BAD), /^lr-playground: --csv - \(standard input\): line 7, column 2 \(x2\)/);
    refused(cli(['run', MLP, '--csv', join(dir, 'none.csv')]), /^lr-playground: --csv \S*none\.csv: cannot read it \(no such file\)$/);
    refused(cli(['run', MLP, '--csv', dir]), /: cannot read it \(a directory, not a file\)$/);
  });

  it('a surface takes no data', () => {
    refused(cli(['run', 'v=1&problem=beale', '--csv', files.iris]), /^lr-playground: --csv \S+: data=own needs problem linreg, logreg or mlp; beale is a surface$/);
    refused(cli(['run', 'v=1&lr=0.1', '--csv', files.iris]), /rosenbrock is a surface \(the default problem\)$/);
    // --lenient: a bad problem becomes the default, a surface, after its warning
    const r = cli(['run', 'v=1&problem=ackley', '--lenient', '--csv', files.iris]);
    assert.deepEqual([r.status, r.stdout], [2, '']);
    assert.match(r.stderr, /^lr-playground: warning: problem = "ackley": must be one of: .*\nlr-playground: --csv \S+: data=own needs problem linreg, logreg or mlp; rosenbrock is a surface \(the default problem\)\n$/);
  });

  it('the problem must fit the file', () => {
    refused(cli(['run', 'v=1&problem=linreg', '--csv', files.iris]), /^lr-playground: --csv \S+: linreg needs \(x, y\) data; these have 3 classes \(logreg or mlp fit them\)$/);
    refused(cli(['run', 'v=1&problem=logreg', '--csv', files.reg]), /^lr-playground: --csv \S+: logreg needs labelled data \(x1,x2,label\); these are \(x, y\) pairs \(linreg or mlp fit them\)$/);
  });

  it('a link made from another file is refused: inline points that differ', () => {
    const preset = JSON.parse(ok(cli(['run', MLP, '--csv', files.iris])).stdout).preset;
    refused(cli(['run', preset, '--csv', files.small]),
      /^lr-playground: --csv: this file is not the one the link was made from \(digest [0-9a-f]{16}, the link wants [0-9a-f]{16}\)$/);
  });
});

describe('--csv with more rows than a link carries', () => {
  let run, preset;
  before(() => {
    run = ok(cli(['run', MLP, '--csv', files.big]));
    preset = JSON.parse(run.stdout).preset;
  });

  it('the preset names the file by its digest and stderr says the link needs the file', () => {
    assert.match(preset, /&points=file\.[0-9a-f]{16}$/);
    assert.match(run.stderr, /2,400 rows are more than a link carries \(2,000\): the preset says points=file\.[0-9a-f]{16}, and running it again needs this file \(--csv \S+big\.csv\)\./);
  });

  it('runs again with the same file, to the same fingerprint', () => {
    const again = JSON.parse(ok(cli(['run', preset, '--csv', files.big])).stdout);
    assert.equal(again.fingerprint, JSON.parse(run.stdout).fingerprint);
  });

  it('without --csv it says it needs the file; with another file, that it is not the one', () => {
    const digest = /file\.([0-9a-f]{16})/.exec(preset)[1];
    refused(cli(['run', preset]), new RegExp(`^lr-playground: points: this link's data are not in it but in the CSV file it was made from \\(digest ${digest}\\): run it with --csv FILE, that file$`));
    refused(cli(['export', preset, '--format', 'notebook', '--lenient']), /^lr-playground: points: this link's data are not in it .*: run it with --csv FILE, that file$/);
    refused(cli(['run', preset, '--csv', files.big2]), new RegExp(`^lr-playground: --csv: this file is not the one the link was made from \\(digest [0-9a-f]{16}, the link wants ${digest}\\)$`));
  });

  it('sweep runs it (in this thread: the workers have no copy of the file)', () => {
    const r = ok(cli(['sweep', 'v=1&problem=mlp&steps=10', '--csv', files.big, '--lrs', '0.01:1:3']));
    const out = JSON.parse(r.stdout);
    assert.equal(out.results.length, 3);
    assert.ok(out.results.every((x) => /points=file\./.test(x.preset)));
  });
});

describe('every command takes --csv', () => {
  it('find, sweep and tune run the file\'s data', () => {
    const find = JSON.parse(ok(cli(['find', 'v=1&problem=logreg', '--csv', files.iris])).stdout);
    assert.match(find.preset, /data=own/);
    const sweep = JSON.parse(ok(cli(['sweep', 'v=1&problem=logreg&steps=20', '--csv', files.iris, '--lrs', '0.01:1:3', '--workers', '2'])).stdout);
    assert.ok(sweep.results.every((x) => /data=own/.test(x.preset)));
    // the sweep's pick, run alone, prints the sweep's final loss
    const best = JSON.parse(ok(cli(['run', sweep.best.preset])).stdout);
    assert.equal(best.fingerprint, sweep.best.fingerprint);
    const tune = JSON.parse(ok(cli(['tune', 'v=1&problem=mlp&steps=20', '--csv', files.reg, '--trials', '3'])).stdout);
    assert.match(tune.best.preset, /data=own/);
  });

  it('export prints a script with k logits, CrossEntropyLoss, long labels, the scaling and the class names', () => {
    const r = ok(cli(['export', MLP, '--csv', files.iris, '--format', 'pytorch']));
    assert.match(r.stdout, /torch\.nn\.Linear\(8, 3\),\n\)/);
    assert.match(r.stdout, /loss_fn = torch\.nn\.CrossEntropyLoss\(\)/);
    assert.match(r.stdout, /^Y_TRAIN = torch\.tensor\(\[[0-9, ]+\], dtype=torch\.long\)$/m);
    assert.match(r.stdout, /^# {3}x1: lo 45, hi 78\.6: mapped onto \[-1\.5, 1\.5\]$/m);
    assert.match(r.stdout, /^# The classes, by index: 0 "setosa", 1 "versicolor", 2 "virginica"\.$/m);
    assert.match(r.stderr, /Removed a byte-order mark/);
    const nb = JSON.parse(ok(cli(['export', MLP, '--csv', files.big, '--format', 'notebook'])).stdout);
    assert.match(nb.cells[3].source.join(''), /torch\.nn\.Linear\(8, 4\)/);
  });

  it('class names that could break a line or drive a terminal are escaped in the script and masked on stderr', () => {
    const csv = 'x1,x2,label\n1,2,"\x1b[31mred"\n2,1,"b\u2028c"\n0.5,0.2,"\x1b[31mred"\n3,3,"b\u2028c"\n1,1,"q"""\n';
    const r = ok(cli(['export', 'v=1&problem=mlp&steps=3', '--csv', '-', '--format', 'pytorch'], csv));
    assert.match(r.stdout, /^# The classes, by index: 0 "\\u001b\[31mred", 1 "b\\u2028c", 2 "q\\"\\""\.$/m);
    assert.ok(!/[\x1b\u2028]/.test(r.stdout));
    assert.match(r.stderr, /5 rows, 3 classes \(\?\[31mred, b\?c, q""\)\./);
    assert.ok(!/[\x1b\u2028]/.test(r.stderr));
  });
});
