// chart.js - the parts of Chart.js the page uses, registered once and
// bundled with the page (a tree-shaken build: line and scatter charts on
// linear and log scales, with tooltips and legends; charts.js thins long
// series itself).
// window.Chart keeps Chart.getChart(canvas) at hand for the browser tests.
import {
  Chart, Legend, LinearScale, LineController, LineElement, LogarithmicScale, PointElement,
  ScatterController, Tooltip,
} from 'chart.js';

Chart.register(LineController, ScatterController, LineElement, PointElement, LinearScale, LogarithmicScale,
  Tooltip, Legend);
window.Chart = Chart;

export { Chart };
