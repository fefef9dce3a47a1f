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
if (typeof window !== 'undefined') window.Chart = window.lrpChart = Chart;

export { Chart };
