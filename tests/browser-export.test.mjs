// The page's PyTorch downloads, in Chromium: "PyTorch script" and
// "Notebook" save the very files `lr-playground export` prints for the run
// on screen (a surface, and a data problem whose data, initial weights and
// batch order come from the page's own core), named after the preset.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { inBrowser, open } from './lib/browser.mjs';

const CLI = new URL('../web/cli.mjs', import.meta.url).pathname;
const cliExport = (preset, format) => execFileSync(process.execPath, [CLI, 'export', preset, '--format', format], { encoding: 'utf8', maxBuffer: 1 << 26 });

describe('PyTorch downloads in Chromium', () => {
  const env = inBrowser();

  for (const [preset, name] of [['v=1&problem=rosenbrock&opt=adam&lr=0.02&sched=cosine&steps=300', 'lr-playground-rosenbrock-adam-lr0.02-cosine'],
    ['v=1&problem=mlp&opt=sgd&lr=0.1&batch=32&steps=100', 'lr-playground-mlp-sgd-lr0.1']]) {
    it(`saves the script and the notebook of ${preset}`, async () => {
      const { page, context, problems } = await open(env.browser, `${env.server.url}#${preset}`);
      await page.waitForFunction(() => /^[0-9a-f]{16}$/.test(document.getElementById('fingerprint').textContent), null, { timeout: 60000 });
      for (const [button, format, ext] of [['#download-torch', 'pytorch', 'py'], ['#download-notebook', 'notebook', 'ipynb']]) {
        const [download] = await Promise.all([page.waitForEvent('download'), page.click(button)]);
        assert.equal(download.suggestedFilename(), `${name}.${ext}`);
        assert.equal(readFileSync(await download.path(), 'utf8'), cliExport(preset, format), `${button}: the CLI's file`);
      }
      assert.deepEqual(problems, []);
      await context.close();
    });
  }
});
