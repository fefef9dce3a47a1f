// (scratch) screenshots of the tools panel
import { serve, launch, open } from './browser.mjs';
const [hash, out, width = '1280', height = '800'] = process.argv.slice(2);
const server = await serve();
const browser = await launch();
const { page, context, problems } = await open(browser, `${server.url}#${hash}`, { width: Number(width), height: Number(height) });
for (const tool of ['#tool-find', '#tool-sweep', '#tool-tune']) {
  await page.click(tool);
  await page.waitForFunction(() => !document.getElementById('tool-sweep').disabled && document.getElementById('sweep-progress').hidden, null, { timeout: 120000 });
  await page.waitForTimeout(200);
}
await page.locator('#tools').screenshot({ path: out });
console.log(JSON.stringify(await page.evaluate(() => window.lrpTools.advice), null, 1).slice(0, 3000));
console.log('problems', problems);
await context.close(); await browser.close(); await server.close?.();
process.exit(0);
