// web/view.js: the embed view keys, the caption, the snippet; and the
// promise that view keys never touch the run.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { describe, it } from 'node:test';
import { loadCore } from '../web/core.js';
import { canonicalize, ENUMS, parse } from '../web/preset.js';
import { caption, embedURL, frameHeight, localAddress, parseView, snippet, UI_KEYS, viewToHash } from '../web/view.js';

const preset = (text) => parse(text, { strict: true }).preset;

describe('view keys', () => {
  it('reads embed and ui, in the table order, lenient with bad values', () => {
    assert.deepEqual(parseView('#v=1&lr=0.1'), { embed: null, ui: ['lr'], lesson: null, t: null, issues: [] });
    assert.deepEqual(parseView('#v=1&embed=1&ui=sched,lr,opt'), { embed: 'live', ui: ['opt', 'lr', 'sched'], lesson: null, t: null, issues: [] });
    assert.deepEqual(parseView('embed=figure').embed, 'figure');
    assert.deepEqual(parseView('embed=0&ui=').ui, []);
    const bad = parseView('embed=yes&ui=lr,__proto__,%3Cscript%3E,lr&embed');
    assert.equal(bad.embed, null);
    assert.deepEqual(bad.ui, ['lr']);
    assert.deepEqual(bad.issues.map((i) => [i.key, i.value]), [['embed', 'yes'], ['ui', '__proto__'], ['ui', '<script>']]);
    assert.ok(parseView(`ui=${'x'.repeat(100000)}`).issues[0].value.length <= 41);
    const many = parseView(`embed=1&ui=lr,${Array.from({ length: 100000 }, (_, i) => `k${i}`).join(',')}`);
    assert.deepEqual(many.ui, ['lr']);
    assert.equal(many.issues.length, 6);
    assert.equal(many.issues[5].reason, '99995 more names that are not controls, ignored');
    assert.deepEqual(parseView('embed=%E0%A4%A').issues[0].key, 'embed');
  });

  it('lists at most 20 issues however often a link repeats its view keys, and counts the rest', () => {
    for (const [tail, n] of [['&ui=q', 150000], ['&embed=x', 50000], ['&lesson=nope&t=x&ui=q,r,s,t,u,v,w', 20000]]) {
      const view = parseView(`#v=1${tail.repeat(n)}`);
      assert.equal(view.issues.length, 21, tail);
      assert.equal(view.issues[20].key, 'view');
      assert.match(view.issues[20].reason, /^\d+ more issues with embed, ui, lesson or t, not listed$/);
      assert.ok(view.issues.slice(0, 20).every((i) => i.key !== 'view'));
    }
    assert.equal(parseView(`#v=1${'&ui=q'.repeat(150000)}`).issues[20].reason, '149980 more issues with embed, ui, lesson or t, not listed');
  });

  it('reads the lesson and the step shown; a bad one is reported by name and ignored', () => {
    assert.deepEqual(parseView('#v=1&lesson=saddle&t=120'), { embed: null, ui: ['lr'], lesson: 'saddle', t: 120, issues: [] });
    const bad = parseView('lesson=nope&t=-3');
    assert.equal(bad.lesson, null);
    assert.equal(bad.t, null);
    assert.deepEqual(bad.issues.map((i) => [i.key, i.value]), [['lesson', 'nope'], ['t', '-3']]);
    for (const t of ['1.5', '1e3', 'x', '', '1234567']) assert.equal(parseView(`t=${t}`).t, null, t);
    assert.equal(parseView('t=0').t, 0);
  });

  it('writes them back as they read', () => {
    for (const hash of ['', '&embed=figure', '&embed=1&ui=lr', '&embed=1&ui=opt,lr,b1,sched,warmup', '&lesson=warmup', '&t=0',
      '&embed=figure&lesson=saddle&t=40', '&embed=1&ui=lr&t=7']) {
      const view = parseView(`v=1${hash}`);
      assert.equal(viewToHash(view), hash);
      assert.deepEqual(parseView(`v=1${viewToHash(view)}`), view);
    }
    assert.ok(!UI_KEYS.includes('v'));
  });

  it('never change the run: the same preset and fingerprint with or without them', async () => {
    const core = await loadCore();
    for (const base of ['v=1&opt=adam&lr=0.02&sched=cosine&steps=300', 'v=1&problem=logreg&steps=50']) {
      const plain = parse(base);
      for (const view of ['&embed=1&ui=lr,sched', '&embed=figure', '&embed=bogus&ui=nope', '&lesson=saddle&t=20', '&t=x&lesson=']) {
        const viewed = parse(base + view);
        assert.deepEqual(viewed, plain);
        assert.equal(core.run(viewed.preset).fingerprint, core.run(plain.preset).fingerprint);
      }
    }
  });

  it('are ignored by the command line, even its strict parse', () => {
    const cli = (text) => {
      const r = spawnSync(process.execPath, [new URL('../web/cli.mjs', import.meta.url).pathname, 'run', text], { encoding: 'utf8', maxBuffer: 1 << 24 });
      assert.equal(r.status, 0, r.stderr);
      const { preset: canonical, fingerprint } = JSON.parse(r.stdout);
      return { canonical, fingerprint };
    };
    assert.deepEqual(cli('v=1&opt=adam&embed=figure&ui=lr,bogus&pin=v%3D1'), cli('v=1&opt=adam'));
  });
});

describe('caption', () => {
  it('says what the preset runs', () => {
    const cases = {
      'v=1&opt=adam&lr=0.01&sched=cosine&steps=300': 'Adam, lr 0.01, cosine schedule, 300 steps on Rosenbrock',
      'v=1': 'SGD, lr 0.01, 200 steps on Rosenbrock',
      'v=1&problem=quadratic&cond=100&opt=momentum&momentum=0.95&lr=0.005&warmup=20&sched=step':
        'SGD with momentum 0.95, lr 0.005, step decay, 20-step warm-up, 200 steps on a quadratic (condition number 100)',
      'v=1&problem=mlp&data=spiral&hidden=16,16&act=relu&batch=32&opt=adamw&wd=0.1&lr=0.003&steps=1000':
        'AdamW (weight decay 0.1), lr 0.003, 1000 steps on an MLP (16-16, relu) on spiral, mini-batches of 32',
      'v=1&problem=linreg&opt=adam&b1=0.99&bc=0&amsgrad=1':
        'Adam (betas 0.99, 0.999, AMSGrad, no bias correction), lr 0.01, 200 steps on linear regression on line',
      'v=1&problem=logreg&opt=sgd&wd=0.001': 'SGD (weight decay 0.001), lr 0.01, 200 steps on logistic regression on moons',
    };
    for (const [text, expected] of Object.entries(cases)) assert.equal(caption(preset(text)), expected, text);
  });

  it('names every optimizer, schedule and problem', () => {
    for (const opt of ENUMS.opt) for (const sched of ENUMS.sched) for (const problem of ENUMS.problem) {
      const text = caption(preset(`v=1&opt=${opt}&sched=${sched}&problem=${problem}`));
      assert.doesNotMatch(text, /undefined|null|NaN|\[object/, text);
      assert.match(text, new RegExp(`, lr 0\\.01, .*200 steps on `));
    }
  });
});

describe('snippet', () => {
  it('is an iframe of the run with the view, sandboxed, and embed.js; attributes escaped', () => {
    const p = preset('v=1&opt=adam&lr=0.02');
    const page = 'https://example.org/lr/index.html';
    const canonical = canonicalize(p);
    const view = { embed: 'live', ui: ['lr', 'sched'] };
    const html = snippet({ page, canonical, view, pins: '&pin=v%3D1', height: 600.4, title: 'a "title" <b>&' });
    assert.equal(embedURL({ page, canonical, view, pins: '&pin=v%3D1' }), `${page}#v=1&opt=adam&lr=0.02&embed=1&ui=lr,sched&pin=v%3D1`);
    assert.match(html, /^<iframe src="https:\/\/example\.org\/lr\/index\.html#v=1&amp;opt=adam&amp;lr=0\.02&amp;embed=1&amp;ui=lr,sched&amp;pin=v%3D1" /);
    assert.match(html, / title="a &quot;title&quot; &lt;b&gt;&amp;" /);
    assert.match(html, / height="600" /);
    assert.match(html, / sandbox="allow-scripts allow-popups allow-popups-to-escape-sandbox" data-lr-playground><\/iframe>\n/);
    assert.match(html, /<script src="https:\/\/example\.org\/lr\/web\/embed\.js" defer><\/script>$/);
  });

  it('is as tall as the view needs: controls, a data problem and pins add room; controls that do not apply add none', () => {
    const h = (text, view, pins = 0) => frameHeight({ preset: preset(text), view, pins });
    const figure = { embed: 'figure', ui: [] };
    const live = (...ui) => ({ embed: 'live', ui });
    const base = h('v=1&opt=adam', figure);
    assert.ok(base >= 1200 && base <= 1300, String(base));
    // a figure has no controls, whatever its ui
    assert.equal(h('v=1&opt=adam', { embed: 'figure', ui: ['lr', 'opt'] }), base);
    assert.ok(h('v=1&opt=adam', live('lr')) > base);
    assert.ok(h('v=1&opt=adam', live('opt', 'lr')) > h('v=1&opt=adam', live('lr')));
    // b1 joins the optimizer's box: a row, not a box
    const row = h('v=1&opt=adam', live('opt', 'lr', 'b1')) - h('v=1&opt=adam', live('opt', 'lr'));
    const box = h('v=1&opt=adam', live('opt', 'lr', 'sched')) - h('v=1&opt=adam', live('opt', 'lr'));
    assert.ok(row > 0 && box > row, `${row} ${box}`);
    // SGD has no b1
    assert.equal(h('v=1&opt=sgd', live('opt', 'lr', 'b1')), h('v=1&opt=sgd', live('opt', 'lr')));
    assert.ok(h('v=1&problem=mlp', figure) > base);
    assert.ok(h('v=1&opt=adam', figure, 2) > h('v=1&opt=adam', figure, 1));
    assert.ok(h('v=1&opt=adam', figure, 1) > base);
  });
});

describe('the Embed dialog on a local address', () => {
  it('warns on file:// and on loopback hosts, where a snippet would not work for students', () => {
    for (const href of ['file:///home/me/lr/index.html#v=1', 'http://localhost:8000/', 'http://LOCALHOST/', 'http://127.0.0.1:39871/index.html',
      'http://127.1.2.3/', 'http://[::1]:8080/', 'http://app.localhost/', 'http://0.0.0.0:5000/']) {
      assert.ok(localAddress(href), href);
    }
    assert.match(localAddress('file:///x/index.html'), /file:\/\//);
    assert.match(localAddress('http://127.0.0.1:3000/'), /^127\.0\.0\.1, /);
    for (const href of ['https://teacher.github.io/lr/index.html', 'https://courses.example.edu/lr/', 'http://192.168.1.20/', 'http://10.0.0.1/',
      'http://127.0.0.1.example.com/', 'http://localhost.example.com/', 'https://[2001:db8::1]/']) {
      assert.equal(localAddress(href), null, href);
    }
  });
});
