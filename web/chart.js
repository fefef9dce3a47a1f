// chart.js - the parts of Chart.js the page uses, registered once (a
// tree-shaken build: line and scatter charts on linear and log scales, with
// tooltips and legends; charts.js thins long series itself). On the page it
// is a script of its own, web/gen/chartjs.js (bundle.mjs), which comes
// after the first picture; window.lrpChart is its Chart for the page's
// other scripts, window.Chart keeps Chart.getChart(canvas) at hand for the
// browser tests.
import {
  Chart, Legend, LinearScale, LineController, LineElement, LogarithmicScale, PointElement,
  ScatterController, Tooltip,
} from 'chart.js';

Chart.register(LineController, ScatterController, LineElement, PointElement, LinearScale, LogarithmicScale,
  Tooltip, Legend);
// the page's font (its 12px, as the path plot's axes), not Chart.js's
// Helvetica Neue, Helvetica, Arial: three families more to look up (and, on
// Linux, one more font file) as the loss chart is made
Chart.defaults.font.family = 'system-ui, sans-serif';
if (typeof window !== 'undefined') window.Chart = window.lrpChart = Chart;

export { Chart };
