// tool-find.js - "Find a rate": the range test (web/find.js) in the tools'
// helper worker, its smoothed loss against the growing rate with fastai's
// suggested rates marked, and a button per suggestion that loads it.
// findTool({ apply, runTool }) → { button, card }.
import { OKABE_ITO } from './palette.js';
import { el } from './dom.js';
import { card, fmt, scatter } from './tool-chart.js';

const NAMES = { valley: 'valley (default)', minimum: 'minimum ÷ 10', steep: 'steepest', slide: 'slide' };
const COLOURS = { valley: OKABE_ITO.vermillion, minimum: OKABE_ITO.green, steep: OKABE_ITO.purple, slide: OKABE_ITO.orange };
const STYLES = { valley: 'circle', minimum: 'triangle', steep: 'rectRot', slide: 'rect' };

export function findTool({ apply, runTool }) {
  const button = el('button', { type: 'button', id: 'tool-find', textContent: 'Find a rate' });
  const suggestions = el('div', { className: 'buttons suggestions', id: 'find-apply' });
  const note = el('p', { className: 'hint', id: 'find-note' });
  const findCard = card('Range test: smoothed loss against rate', 'find', 'Smoothed loss against learning rate, with the suggested rates');
  findCard.append(suggestions, note);
  const chart = scatter(findCard.querySelector('canvas'), { xTitle: 'learning rate', yTitle: 'smoothed loss', yLog: false });

  // One marker on the chart and one button per rule that suggests a rate.
  const suggestion = (name, lr, [x, y]) => {
    const b = el('button', { type: 'button', className: `apply-${name}`, textContent: `Use ${NAMES[name]}: ${fmt(lr)}` });
    b.dataset.lr = String(lr);
    b.addEventListener('click', () => apply(Number(lr.toPrecision(4))));
    suggestions.append(b);
    return { label: NAMES[name], data: [{ x, y, tip: `suggests lr ${fmt(lr)}` }], pointRadius: 7, pointStyle: STYLES[name],
      borderColor: '#000', backgroundColor: COLOURS[name] };
  };

  function draw(r) {
    findCard.hidden = false;
    suggestions.replaceChildren();
    const curve = { label: 'smoothed loss', data: r.lrs.map((x, i) => ({ x, y: r.losses[i] })).filter((d) => Number.isFinite(d.y)),
      showLine: true, pointRadius: 0, borderColor: OKABE_ITO.blue, backgroundColor: OKABE_ITO.blue, borderWidth: 2 };
    const marks = Object.entries(r.suggestions).filter(([, lr]) => lr !== null).map(([name, lr]) => suggestion(name, lr, r.points[name]));
    chart.data.datasets = [curve, ...marks];
    chart.update('none');
    note.textContent = `The rate grew from 1e-7 by ×${fmt(r.preset.gamma)} per step` +
      (r.stopped_at === null ? '.' : `; stopped at step ${r.stopped_at}, once the loss blew up.`);
  }

  button.addEventListener('click', () => runTool('find', {}, 'Finding a rate…', 'The range test failed', draw));
  return { button, card: findCard };
}
