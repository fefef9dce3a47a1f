// tool-find.js - "Find a rate": the range test (web/find.js) in the tools'
// helper worker, its smoothed loss against the growing rate with fastai's
// suggested rates marked (valley, the default, large; the other rules
// secondary), and a button per suggestion that loads its run: the preset at
// the suggested rate to two digits, with the loss that run ends at.
// findTool({ apply, runTool, done }) → { button, card, last() }.
import { OKABE_ITO } from './palette.js';
import { el } from './dom.js';
import { card, fmt, scatter } from './tool-chart.js';
import { niceCeil } from './ticks.js';
import { ends } from './advice.js';

const NAMES = { valley: 'valley (default)', minimum: 'minimum ÷ 10', steep: 'steepest', slide: 'slide' };
const COLOURS = { valley: OKABE_ITO.vermillion, minimum: OKABE_ITO.green, steep: OKABE_ITO.purple, slide: OKABE_ITO.orange };
const STYLES = { valley: 'circle', minimum: 'triangle', steep: 'rectRot', slide: 'rect' };

// A data problem's run is read by its held-out loss, as the tools pick.
const endsText = (s) => ends(s, s.heldout_loss !== null ? 'heldout' : 'final');

export function findTool({ apply, runTool, done }) {
  const button = el('button', { type: 'button', id: 'tool-find', textContent: 'Find a rate' });
  const suggestions = el('div', { className: 'buttons suggestions', id: 'find-apply' });
  let lastFind = null;
  const note = el('p', { className: 'hint', id: 'find-note' });
  const findCard = card('Range test: smoothed loss against rate', 'find', 'Smoothed loss against learning rate, with the suggested rates');
  findCard.append(suggestions, note);
  const chart = scatter(findCard.querySelector('canvas'), { xTitle: 'learning rate', yTitle: 'smoothed loss', yLog: false });

  // One marker on the chart and one button per rule that suggests a rate;
  // the button loads the suggestion's run (pick: web/find.js's picks).
  const suggestion = (name, pick, [x, y], main) => {
    const b = el('button', { type: 'button', className: `apply-${name}${main ? '' : ' secondary'}`,
      textContent: `Use ${NAMES[name]}: lr ${fmt(pick.lr)} (${endsText(pick)})` });
    b.dataset.lr = String(pick.lr);
    b.dataset.preset = pick.preset;
    b.addEventListener('click', () => apply(pick.preset));
    return { button: b, set: { label: NAMES[name], data: [{ x, y, tip: `suggests lr ${fmt(pick.lr)}` }], pointRadius: main ? 8 : 5,
      pointStyle: STYLES[name], borderColor: '#000', backgroundColor: COLOURS[name] } };
  };

  function draw(r, base) {
    lastFind = { ...r, base };
    findCard.hidden = false;
    const data = r.lrs.map((x, i) => ({ x, y: r.losses[i] })).filter((d) => Number.isFinite(d.y));
    const curve = { label: 'smoothed loss', data, showLine: true, pointRadius: 0, borderColor: OKABE_ITO.blue, backgroundColor: OKABE_ITO.blue, borderWidth: 2 };
    const marks = Object.keys(r.picks).map((name) => suggestion(name, r.picks[name], r.points[name], name === r.default));
    const [main, rest] = [marks.filter((m) => !m.button.classList.contains('secondary')), marks.filter((m) => m.button.classList.contains('secondary'))];
    suggestions.replaceChildren(...main.map((m) => m.button), ...(rest.length ? [el('span', { className: 'hint', textContent: 'other rules:' })] : []), ...rest.map((m) => m.button));
    chart.data.datasets = [curve, ...main.map((m) => m.set), ...rest.map((m) => m.set)];
    // the loss axis fits the curve before its blow-up (the last point, where
    // the test stopped, leaves through the top), log where that spans more
    // than a decade: the useful part, the fall, is not flattened
    const body = (r.stopped_at === null ? data : data.slice(0, -1)).map((d) => d.y);
    const [lo, hi] = body.length ? [Math.min(...body), Math.max(...body)] : [0, 1];
    const log = lo > 0 && hi > 10 * lo;
    Object.assign(chart.options.scales.y, { type: log ? 'logarithmic' : 'linear', max: log ? hi * 2 : niceCeil(hi + 0.05 * (hi - lo), hi - lo) });
    chart.update('none');
    note.textContent = `The rate grew from 1e-7 by ×${fmt(r.preset.gamma)} per step` +
      (r.stopped_at === null ? '.' : `; stopped at step ${r.stopped_at}, once the loss blew up.`) +
      ' Valley, fastai\'s default, is the one to start from; each button loads the preset at that rate.';
    done?.();
  }

  button.addEventListener('click', () => runTool('find', {}, 'Finding a rate…', 'The range test failed', draw));
  return { button, card: findCard, last: () => lastFind };
}
