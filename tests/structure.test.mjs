// The code shows the page: every module in web/ stays small enough to read
// whole (at most MAX_LINES lines) and every function short enough to hold in
// mind (at most MAX_FN lines), measured on the parsed source (acorn).
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { parse } from 'acorn';
import { full } from 'acorn-walk';

const WEB = new URL('../web/', import.meta.url);
const MAX_LINES = 300, MAX_FN = 80;
const files = readdirSync(WEB).filter((f) => /\.(m?js)$/.test(f));

// [name, first line, lines] of every function in a source text.
export function functionLengths(source) {
  const ast = parse(source, { ecmaVersion: 'latest', sourceType: 'module', locations: true, allowHashBang: true });
  const out = [];
  full(ast, (node) => {
    if (!/Function/.test(node.type)) return;
    const name = node.id?.name ?? '(anonymous)';
    out.push([name, node.loc.start.line, node.loc.end.line - node.loc.start.line + 1]);
  });
  return out;
}

describe('web/ modules', () => {
  it('are found', () => assert.ok(files.length >= 20, files.join(', ')));
  for (const f of files) {
    it(`${f}: at most ${MAX_LINES} lines, no function over ${MAX_FN}`, () => {
      const source = readFileSync(new URL(f, WEB), 'utf8');
      const lines = source.split('\n').length - (source.endsWith('\n') ? 1 : 0);
      assert.ok(lines <= MAX_LINES, `${f} has ${lines} lines`);
      const long = functionLengths(source).filter(([, , n]) => n > MAX_FN);
      assert.deepEqual(long.map(([name, at, n]) => `${name} at line ${at}: ${n} lines`), []);
    });
  }
});
