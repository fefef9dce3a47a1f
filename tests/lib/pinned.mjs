// The pinned table (tests/fingerprints.json) as the tests check it, in Node
// and in every browser engine: assertPinned fails with every entry whose run
// differs, field by field; pinnedInPage is handed to a page (on the
// server's origin) to run the whole table there with the SIMD and the
// scalar builds, importing the very modules the page uses.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';

export const TABLE = JSON.parse(readFileSync(new URL('../fingerprints.json', import.meta.url), 'utf8'));
export const FIELDS = ['fingerprint', 'diverged_at', 'steps', 'final_loss'];
export const PROMISE = 'A published link must never change its result: each preset above is pinned in ' +
  'tests/fingerprints.json, and a link to it must reproduce that run to the bit on every platform ' +
  'and in every later release. If this change is intended, it needs a new preset version v ' +
  '(v=1 links keep running as before); never edit the pinned entries to match.';

export function assertPinned(where, runs) {
  assert.equal(runs.length, TABLE.length, `${where}: ran ${runs.length} of ${TABLE.length} presets`);
  const broken = [];
  TABLE.forEach((entry, i) => {
    const diffs = FIELDS.filter((f) => runs[i][f] !== entry[f])
      .map((f) => `${f} ${JSON.stringify(runs[i][f])}, pinned ${JSON.stringify(entry[f])}`);
    if (diffs.length) broken.push(`  #${entry.preset}\n    ${diffs.join('; ')}`);
  });
  assert.ok(broken.length === 0,
    `${where}: ${broken.length} of ${TABLE.length} pinned presets changed their run:\n${broken.join('\n')}\n${PROMISE}`);
}

// Runs in the page (self-contained: it is sent as text): { simd, scalar },
// each the summaries of `list`'s runs.
export async function pinnedInPage(list) {
  const { loadCore } = await import('/web/core.js');
  const { parse } = await import('/web/preset.js');
  const { summarize } = await import('/tests/lib/fingerprints.mjs');
  const out = {};
  for (const scalar of [false, true]) {
    const core = await loadCore({ scalar });
    out[scalar ? 'scalar' : 'simd'] = list.map((t) => summarize(core.run(parse(t, { strict: true }).preset)));
  }
  return out;
}
