// share-panel.js - copying the link and downloading the run: its numbers as
// CSV or JSON, each chart as a PNG, all named after the run's fingerprint;
// the run carried over to PyTorch as a script or a notebook, named after
// the preset.
import { runToCSV, runToJSON } from './export.js';
import { SURFACES } from './preset.js';
import { toPNG } from './charts.js';
import { copyField } from './dom.js';
import { loadLater } from './later-load.js';

const $ = (id) => document.getElementById(id);

function save(href, name) {
  Object.assign(document.createElement('a'), { href, download: name }).click();
}

function download(text, type, name) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  save(url, name);
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

// A file name from the preset: lr-playground-rosenbrock-adam-lr0.02-cosine.
export const presetName = (p) => ['lr-playground', p.problem, p.opt, `lr${p.lr}`, ...(p.sched === 'constant' ? [] : [p.sched])].join('-');

// The PyTorch export (script or notebook, from web/gen/later.js) of preset p,
// a data problem's data from the page's core.
async function torchFile(kind, p, core) {
  const later = await loadLater();
  return later[kind](p, SURFACES.includes(p.problem) ? null : later.startData(core, p));
}

// run() → the finished run on screen (or null), canonical() → its preset,
// preset() the resolved preset; core the page's core.
export function wireShare({ run, canonical, preset, core }) {
  const name = (ext) => `lr-playground-${run().fingerprint}.${ext}`;
  $('copy-link').addEventListener('click', () => copyField($('share-url'), $('copy-status'), 'link'));
  $('download-csv').addEventListener('click', () => run() && download(runToCSV(run()), 'text/csv', name('csv')));
  $('download-json').addEventListener('click', () => run() && download(runToJSON(canonical(), run()), 'application/json', name('json')));
  const torch = async (kind, type, ext) => {
    const p = preset();
    download(await torchFile(kind, p, core), type, `${presetName(p)}.${ext}`);
  };
  $('download-torch').addEventListener('click', () => torch('torchScript', 'text/x-python', 'py'));
  $('download-notebook').addEventListener('click', () => torch('torchNotebook', 'application/x-ipynb+json', 'ipynb'));
  for (const b of document.querySelectorAll('button.png')) {
    b.addEventListener('click', () => run() && save(toPNG($(b.dataset.canvas)), `lr-playground-${run().fingerprint}-${b.dataset.name}.png`));
  }
}
