// bundle.mjs - the page's classic scripts, with esbuild (make runs it):
//   web/gen/app.js     the page (web/app.js) without what follows: it draws
//                      a surface's path over its contours at once
//   web/gen/chartjs.js Chart.js (web/chart.js), for the loss and rate
//                      charts, loaded by web/later-load.js once app.js has
//                      drawn its first picture
//   web/gen/later.js   the learning-rate tools and the PyTorch exports
//                      (web/later.js), loaded after it
//   web/gen/worker.js  the Web Worker (web/worker.js), on its own
// Classic scripts, not ES modules, so that the page also runs from file://
// and in a sandboxed iframe. The page's two scripts share one copy of each
// module: app.js publishes its web/ modules' namespaces in
// self.lrpModules, and later.js takes every module app.js has from there
// rather than bundling a second copy (two copies of a module with state,
// the core or own-data's cache, would disagree); in both, web/chart.js is a
// stand-in for the Chart that chartjs.js publishes as self.lrpChart.
// Chart.js and d3-contour come from node_modules (never a CDN), tree-shaken
// to what the page uses.
//   node bundle.mjs [app|later|chartjs|worker ...]   (default: all)
import { build } from 'esbuild';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.dirname(fileURLToPath(import.meta.url));
const WEB = path.join(ROOT, 'web');
const META = path.join(ROOT, 'build/bundle-app.json');
const OPTIONS = {
  bundle: true, format: 'iife', minify: true, logLevel: 'warning',
  define: { 'import.meta.url': '""' }, external: ['node:*'],
};

// web/chart.js in app.js and later.js: Chart, once chartjs.js has run.
const CHART = path.join(WEB, 'chart.js');
const chartStandIn = {
  name: 'chart-stand-in',
  setup(b) {
    b.onResolve({ filter: /\/chart\.js$/ }, (args) =>
      (path.resolve(args.resolveDir, args.path) === CHART ? { path: 'chart.js', namespace: 'stand-in' } : undefined));
    b.onLoad({ filter: /.*/, namespace: 'stand-in' }, () => ({
      contents: 'export const Chart = new Proxy(function () {}, { construct: (_, a) => new self.lrpChart(...a), get: (_, k) => self.lrpChart[k] });',
      loader: 'js',
    }));
  },
};

// The page's own modules among a build's inputs, as names under web/.
const webModules = (metafile) => Object.keys(metafile.inputs)
  .map((f) => path.relative(WEB, path.resolve(ROOT, f)))
  .filter((f) => !f.startsWith('..') && !f.startsWith('gen/') && f.endsWith('.js'));

// app.js and chartjs.js open with Chromium's explicit compile hint (since
// 136): V8 compiles all of a script's functions while it streams in, off
// the main thread, instead of each one on the main thread at its first
// call. Nearly all of app.js runs before the first picture, and the loss
// chart's making runs much of Chart.js. Measured, cold loads: the main
// thread's compiling before the first chart fell from 30-60 ms to 13-19,
// loads with a task over 50 ms from 3 of 10 to none of 10, and the loss
// chart's making fell from 28 to 19 ms (median; p90 36 to 21). later.js
// gained nothing measurable. Other browsers read a comment.
const EAGER = '//# allFunctionsCalledOnLoad';
async function app() {
  const opts = { ...OPTIONS, plugins: [chartStandIn], banner: { js: EAGER } };
  const probe = await build({ ...opts, entryPoints: [path.join(WEB, 'app.js')], write: false, metafile: true });
  const names = webModules(probe.metafile).filter((f) => f !== 'app.js').sort();
  const contents = [
    ...names.map((f, i) => `import * as m${i} from './${f}';`),
    `import './app.js';`,
    `self.lrpModules = { ${names.map((f, i) => `${JSON.stringify(f)}: m${i}`).join(', ')} };`,
  ].join('\n');
  await build({ ...opts, stdin: { contents, resolveDir: WEB, sourcefile: 'app-entry.js' }, outfile: path.join(WEB, 'gen/app.js') });
  writeFileSync(META, JSON.stringify(names));
}

// later.js: web/later.js, with app.js's modules taken from self.lrpModules.
async function later() {
  const shared = new Set(JSON.parse(readFileSync(META, 'utf8')));
  const fromApp = {
    name: 'from-app',
    setup(b) {
      b.onResolve({ filter: /^\.\.?\// }, (args) => {
        const name = path.relative(WEB, path.resolve(args.resolveDir, args.path));
        return shared.has(name) ? { path: name, namespace: 'app' } : undefined;
      });
      b.onLoad({ filter: /.*/, namespace: 'app' }, (args) => ({
        contents: `module.exports = self.lrpModules[${JSON.stringify(args.path)}];`, loader: 'js',
      }));
    },
  };
  await build({ ...OPTIONS, entryPoints: [path.join(WEB, 'later.js')], outfile: path.join(WEB, 'gen/later.js'), plugins: [chartStandIn, fromApp] });
}

const chartjs = () => build({ ...OPTIONS, entryPoints: [CHART], outfile: path.join(WEB, 'gen/chartjs.js'), banner: { js: EAGER } });

const worker = () => build({ ...OPTIONS, entryPoints: [path.join(WEB, 'worker.js')], outfile: path.join(WEB, 'gen/worker.js') });

const which = process.argv.slice(2);
const want = (name) => !which.length || which.includes(name);
if (want('app')) await app();
if (want('later')) await later();
if (want('chartjs')) await chartjs();
if (want('worker')) await worker();
