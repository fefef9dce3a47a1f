// tool-edge.js - the edge of stability. edgeTool({ runTool }) → { button,
// card }: "Sharpness along the run", the top Hessian eigenvalue at each step
// against 2 / lr_t. stabilityEdge({ measure, show }) → { value, update(preset,
// run) }: 2 / λmax at the start, the rate above which plain gradient descent
// diverges, beside the learning-rate slider (#lr-edge) and
// through show(rate) on the sweep chart; shown only for plain gradient
// descent (opt sgd, no weight decay), for which alone it holds.
import { SURFACES, plainGD } from './preset.js';
import { OKABE_ITO } from './palette.js';
import { el } from './dom.js';
import { card, fmt, scatter, settingOf } from './tool-chart.js';

export function edgeTool({ runTool }) {
  const button = el('button', { type: 'button', id: 'tool-edge', textContent: 'Sharpness along the run' });
  const edgeCard = card('Edge of stability: sharpness against step', 'edge', 'Sharpness (top Hessian eigenvalue) along the run, and 2 / lr at each step');
  edgeCard.append(el('p', { className: 'hint', id: 'edge-note', textContent: 'Plain gradient descent is stable while sharpness stays below 2/lr (momentum and adaptive optimizers have other limits).' }));
  const chart = scatter(edgeCard.querySelector('canvas'), { xTitle: 'step', yTitle: 'sharpness λmax and 2 / lr', xLog: false });

  function draw(r) {
    edgeCard.hidden = false;
    const pts = (ys, name) => r.step.map((x, i) => ({ x, y: ys[i], tip: `step ${x}: ${name} ${fmt(ys[i])}` }))
      .filter((d) => Number.isFinite(d.y) && d.y > 0);
    const few = r.step.length <= 60;
    chart.data.datasets = [
      { label: 'sharpness λmax', data: pts(r.sharpness, 'λmax'), showLine: true, pointRadius: few ? 3 : 0, borderWidth: 2, borderColor: OKABE_ITO.blue, backgroundColor: OKABE_ITO.blue },
      { label: '2 / lr', data: pts(r.two_over_lr, '2 / lr'), showLine: true, pointRadius: 0, borderWidth: 2, borderDash: [6, 3], borderColor: OKABE_ITO.vermillion, backgroundColor: OKABE_ITO.vermillion },
    ];
    // a log axis at least a factor 4 wide, so a flat line is not a wall of ticks
    const ys = chart.data.datasets.flatMap((d) => d.data.map((q) => q.y));
    const [lo, hi] = ys.length ? [Math.min(...ys), Math.max(...ys)] : [1, 10];
    const pad = Math.max(1.25, Math.sqrt(4 / (hi / lo)));
    Object.assign(chart.options.scales.y, { min: lo / pad, max: hi * pad });
    chart.update('none');
  }

  button.addEventListener('click', () => runTool('edge', {}, 'Measuring sharpness along the run…', 'Measuring sharpness failed', draw));
  return { button, card: edgeCard };
}

// measure(preset) → a promise of λmax at the start (a data problem's, in a
// worker); show(rate) marks the rate elsewhere (NaN: nothing to mark).
export function stabilityEdge({ measure, show }) {
  let edge = NaN, key = '', plain = false;
  const markers = [];
  const s = document.getElementById('lr-slider');
  if (s) {
    const m = el('span', { className: 'lr-edge', id: 'lr-edge', hidden: true });
    m.title = '2 / λmax at the start: above about this rate, the first steps of plain gradient descent grow; the curvature changes along the path, so it bounds the start only';
    (document.getElementById('lr-edge-slot') ?? s.parentElement).append(m);
    markers.push(m);
  }
  const draw = () => {
    const on = plain && Number.isFinite(edge);
    for (const m of markers) {
      m.hidden = !on;
      m.textContent = `GD stable below ${fmt(edge)}`;
    }
    show(on ? edge : NaN);
  };

  // A surface's run has λmax per step; a data problem's is measured once
  // per model and data (the rate does not change it).
  function update(p, run) {
    plain = plainGD(p);
    if (SURFACES.includes(p.problem)) {
      edge = run?.sharpness?.length ? 2 / run.sharpness[0] : NaN;
      key = '';
      return draw();
    }
    const k = settingOf(p);
    if (k === key) return; // opt and wd are in the key: plain is as drawn
    key = k;
    edge = NaN;
    draw();
    measure(p).then((s) => {
      if (key !== k) return;
      edge = 2 / s;
      draw();
    }, () => {});
  }

  return { get value() { return edge; }, update };
}
