// web/ticks.js: numbers without float noise, and log axes that label at
// least two ticks whatever their span, on the ticks Chart.js itself makes.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { LogarithmicScale } from 'chart.js';
import { distinctDigits, logLabelled, mantissa, short, thinLogTicks, tickLabel } from '../web/ticks.js';

// The tick values Chart.js's log scale makes for data over [min, max].
function chartTicks(min, max) {
  const scale = new LogarithmicScale({ id: 'y', type: 'logarithmic', ctx: null, chart: null });
  scale.options = { bounds: 'ticks', ticks: {} };
  Object.assign(scale, { min, max });
  return scale.buildTicks().map((t) => t.value);
}

// The labels tickLabel gives those ticks on a log scale ('' = unlabelled).
const labels = (values) => {
  const ticks = values.map((value) => ({ value }));
  return ticks.map((t, i) => tickLabel.call({ type: 'logarithmic' }, t.value, i, ticks));
};

// A label with float noise: a long run of 0s or 9s before its last digit.
const noisy = (s) => /(0{6,}|9{6,})\d(e|$)/.test(s);

describe('short', () => {
  const cases = [
    [0.7000000000000001, '0.7'], [0.30000000000000004, '0.3'], [-0.7000000000000001, '-0.7'],
    [1e13, '1e13'], [2.5e-5, '2.5e-5'], [1.5e5, '1.5e5'], [123456789, '1.235e8'], [99999.99, '1e5'],
    [0.001, '0.001'], [0.0009999, '9.999e-4'], [12.5, '12.5'], [1 / 3, '0.3333'], [0, '0'],
    [Infinity, 'Infinity'], [NaN, 'NaN'],
  ];
  for (const [v, want] of cases) it(`${v} → ${want}`, () => assert.equal(short(v), want));
  it('takes more digits when asked, still without noise', () => {
    assert.equal(short(0.012341, 5), '0.012341');
    assert.equal(short(1 / 3, 15), '0.333333333333333');
    assert.equal(short(0.1 + 0.2, 15), '0.3');
  });
});

describe('mantissa', () => {
  it('is the leading digit of d * 10^k, else 0', () => {
    assert.deepEqual([1e-7, 2e-3, 0.05, 1, 30, 9e12, 0.0123, 15, 0, -1].map(mantissa), [1, 2, 5, 1, 3, 9, 0, 0, 0, 0]);
  });
});

describe('logLabelled and tickLabel on Chart.js log ticks', () => {
  const spans = {
    'less than a decade (0.0123 .. 0.0456)': [0.0123, 0.0456],
    'less than a decade (3 .. 25)': [3, 25],
    'a sliver (0.01234 .. 0.0124)': [0.01234, 0.0124],
    'a sliver of large values (1.2e6 .. 1.3e6)': [1.2e6, 1.3e6],
    'a loss that barely moves (0.6487 .. 0.6931)': [0.6487, 0.6931],
    'a few decades (0.02 .. 30)': [0.02, 30],
    'many decades (1e-7 .. 10)': [1e-7, 10],
    'very many decades (1e-12 .. 1e8)': [1e-12, 1e8],
  };
  for (const [name, [min, max]] of Object.entries(spans)) {
    it(`${name}: at least two labelled, all distinct, no float noise`, () => {
      const values = chartTicks(min, max);
      const shown = labels(values).filter((s) => s !== '');
      assert.ok(logLabelled(values).size >= 2, `${values}`);
      assert.ok(shown.length >= 2, `labels ${shown} of ticks ${values}`);
      assert.equal(new Set(shown).size, shown.length, `repeated labels: ${shown}`);
      assert.deepEqual(shown.filter(noisy), []);
    });
  }
  it('labels the powers of ten when three or more show', () => {
    assert.deepEqual(labels(chartTicks(1e-7, 10)).filter((s) => s !== ''),
      ['1e-7', '1e-6', '1e-5', '1e-4', '0.001', '0.01', '0.1', '1', '10']);
  });
  it('labels 1, 2 and 5 times them when fewer do', () => {
    assert.deepEqual(labels(chartTicks(3, 25)).filter((s) => s !== ''), ['5', '10', '20']);
    assert.deepEqual(labels(chartTicks(0.05, 3)).filter((s) => s !== ''), ['0.05', '0.1', '0.2', '0.5', '1', '2']);
  });
  it('labels the roundest ticks of a span of less than a decade', () => {
    assert.deepEqual(labels(chartTicks(0.6487, 0.6931)).filter((s) => s !== ''), ['0.65', '0.66', '0.67', '0.68', '0.69', '0.7']);
  });
  it('labels no more than fit, evenly, and never fewer than two', () => {
    const many = chartTicks(1e-28, 1e3);
    assert.deepEqual([...logLabelled(many, 8)].map((v) => Math.round(Math.log10(v))), [-25, -20, -15, -10, -5, 0]);
    assert.deepEqual([...logLabelled(many, 4)].map((v) => Math.round(Math.log10(v))), [-20, -10, 0]);
    for (const [min, max] of Object.values(spans)) {
      for (const room of [1, 2, 3, 5, 8]) {
        const n = logLabelled(chartTicks(min, max), room).size;
        assert.ok(n >= 2 && n <= Math.max(2, room), `${min} .. ${max} in room for ${room}: ${n} labels`);
      }
    }
  });
  it('asks the scale how many fit: a label about 44 px across, 24 px up', () => {
    const ticks = chartTicks(1e-5, 10).map((value) => ({ value }));
    const across = { type: 'logarithmic', isHorizontal: () => true, width: 140 };
    const up = { type: 'logarithmic', isHorizontal: () => false, height: 100 };
    assert.deepEqual(ticks.map((t, i) => tickLabel.call(across, t.value, i, ticks)).filter((s) => s !== ''), ['1e-4', '0.01', '1']);
    assert.deepEqual(ticks.map((t, i) => tickLabel.call(up, t.value, i, ticks)).filter((s) => s !== ''), ['1e-4', '0.01', '1']);
  });
  it('keeps only the powers of ten where the ticks would be under 5 px apart', () => {
    const scale = (height, min, max) => ({ type: 'logarithmic', isHorizontal: () => false, height, ticks: chartTicks(min, max).map((value) => ({ value })) });
    const dense = scale(200, 1e-28, 1e3), sparse = scale(200, 1e-3, 10), sliver = scale(20, 0.0123, 0.0456);
    for (const s of [dense, sparse, sliver]) thinLogTicks(s);
    assert.equal(dense.ticks.length, 32);
    assert.ok(dense.ticks.every((t) => mantissa(t.value) === 1));
    assert.equal(sparse.ticks.length, chartTicks(1e-3, 10).length, 'room enough: all stay');
    assert.equal(sliver.ticks.length, chartTicks(0.0123, 0.0456).length, 'no two powers of ten: all stay');
  });
  it('labels linear ticks with short numbers, no noise', () => {
    const ticks = [0.1, 0.2, 0.30000000000000004, 0.4, 0.5, 0.6000000000000001, 0.7000000000000001].map((value) => ({ value }));
    assert.deepEqual(ticks.map((t, i) => tickLabel.call({ type: 'linear' }, t.value, i, ticks)),
      ['0.1', '0.2', '0.3', '0.4', '0.5', '0.6', '0.7']);
  });
  it('labels a linear axis of whole numbers (the step axis) in full, not 90000 then 1e5', () => {
    const ticks = [0, 10000, 20000, 90000, 100000].map((value) => ({ value }));
    assert.deepEqual(ticks.map((t, i) => tickLabel.call({ type: 'linear' }, t.value, i, ticks)), ['0', '10000', '20000', '90000', '100000']);
    const big = [0, 5e6, 1e7].map((value) => ({ value }));
    assert.deepEqual(big.map((t, i) => tickLabel.call({ type: 'linear' }, t.value, i, big)), ['0', '5e6', '1e7']);
  });
  it('takes the digits that tell neighbours apart', () => {
    assert.equal(distinctDigits([1, 2, 3]), 4);
    assert.equal(distinctDigits([0.69314, 0.69315, 0.69316]), 5);
  });
});
