// share-panel.js - copying the link and downloading the run: its numbers as
// CSV or JSON, each chart as a PNG, all named after the run's fingerprint.
import { runToCSV, runToJSON } from './export.js';
import { toPNG } from './charts.js';
import { copyField } from './dom.js';

const $ = (id) => document.getElementById(id);

function save(href, name) {
  Object.assign(document.createElement('a'), { href, download: name }).click();
}

function download(text, type, name) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  save(url, name);
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

// run() → the finished run on screen (or null), canonical() → its preset.
export function wireShare({ run, canonical }) {
  const name = (ext) => `lr-playground-${run().fingerprint}.${ext}`;
  $('copy-link').addEventListener('click', () => copyField($('share-url'), $('copy-status'), 'link'));
  $('download-csv').addEventListener('click', () => run() && download(runToCSV(run()), 'text/csv', name('csv')));
  $('download-json').addEventListener('click', () => run() && download(runToJSON(canonical(), run()), 'application/json', name('json')));
  for (const b of document.querySelectorAll('button.png')) {
    b.addEventListener('click', () => run() && save(toPNG($(b.dataset.canvas)), `lr-playground-${run().fingerprint}-${b.dataset.name}.png`));
  }
}
