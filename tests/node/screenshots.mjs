// The README's screenshots (docs/screenshot-*.png), taken from a built site
// by Debian's headless Chromium (playwright-core), as the browser test:
//   - docs/screenshot-board.png: the English text board at 1280 x 900,
//     scrolled to its search box and table;
//   - docs/screenshot-model.png: a model page at 1280 x 900;
//   - docs/screenshot-overview.png: the overview at 1280 x 900.
// Usage (make screenshots): node screenshots.mjs SITE_DIR OUT_DIR [MODEL_SLUG]
import { chromium } from 'playwright-core';
import { existsSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import path from 'node:path';

const [siteDir, outDir, model = 'gemini-3-pro'] = process.argv.slice(2);
if (!siteDir || !outDir) {
  console.error('usage: node screenshots.mjs SITE_DIR OUT_DIR [MODEL_SLUG]');
  process.exit(1);
}
const shots = [
  ['screenshot-board.png', 'en/text/index.html', '#board-controls'],
  ['screenshot-model.png', `en/model/${model}/index.html`],
  ['screenshot-overview.png', 'en/overview/index.html'],
];
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
         '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  for (const [file, rel, top] of shots) {
    const source = path.resolve(siteDir, rel);
    if (!existsSync(source)) throw new Error(`${source}: no such page`);
    await page.goto(pathToFileURL(source).href);
    if (top)
      await page.evaluate(sel => window.scrollTo(0, document.querySelector(sel)
        .getBoundingClientRect().top + window.scrollY - 16), top);
    await page.screenshot({ path: path.join(outDir, file), fullPage: false });
    console.log(`${path.join(outDir, file)}: ${rel}`);
  }
} finally {
  await browser.close();
}
