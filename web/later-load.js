// later-load.js - the page's scripts that come after its first picture,
// each loaded once as a classic script beside the page's bundle (so it
// loads wherever the bundle did: any host, file://, a sandboxed iframe,
// under the same Content-Security-Policy): loadChartJs() → Chart.js
// (web/gen/chartjs.js), and loadLater() → web/gen/later.js's parts (the
// tools and the PyTorch exports, web/later.js). bundle.mjs makes them.
import { BUNDLE_URL } from './bundle-url.js';

const loaded = new Map();
function load(file, global) {
  if (!loaded.has(file)) {
    loaded.set(file, new Promise((resolve, reject) => {
      const s = document.createElement('script');
      s.src = new URL(file, BUNDLE_URL).href;
      s.onload = () => resolve(self[global]);
      s.onerror = () => {
        loaded.delete(file); // a later call tries again
        reject(new Error(`a part of the page (${file}) could not be loaded`));
      };
      document.head.append(s);
    }));
  }
  return loaded.get(file);
}

export const loadChartJs = () => load('chartjs.js', 'lrpChart');
// later.js's tools draw with Chart.js (web/chart.js's stand-in finds it
// when they draw): the two load side by side
export const loadLater = () => Promise.all([loadChartJs(), load('later.js', 'lrpLater')]).then(([, later]) => later);
