// later-load.js - the page's scripts that come after its first picture,
// each loaded once as a classic script beside the page's bundle
// (bundle-url.js loadScript): loadChartJs() → Chart.js
// (web/gen/chartjs.js), and loadLater() → web/gen/later.js's parts (the
// tools and the PyTorch exports, web/later.js). bundle.mjs makes them.
import { loadScript } from './bundle-url.js';

const loaded = new Map();
function load(file, global) {
  if (!loaded.has(file)) {
    loaded.set(file, loadScript(file).then(() => self[global], (e) => {
      loaded.delete(file); // a later call tries again
      throw e;
    }));
  }
  return loaded.get(file);
}

export const loadChartJs = () => load('chartjs.js', 'lrpChart');
// later.js's tools draw with Chart.js (web/chart.js's stand-in finds it
// when they draw): the two load side by side
export const loadLater = () => Promise.all([loadChartJs(), load('later.js', 'lrpLater')]).then(([, later]) => later);
