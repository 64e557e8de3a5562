// Browser test: a real headless Chromium (Debian's /usr/bin/chromium, driven
// by playwright-core) opens the French text board of a built site from disk,
// checks the language and the French notice, follows the language switcher
// to the Chinese page, sorts by votes with a click, and saves a screenshot.
// Usage: node browser-test.mjs SITE_DIR LOCALES_DIR SCREENSHOT.png
// Prints TAP lines ("ok - ..." / "not ok - ...") for tests/run.sh.
import { chromium } from 'playwright-core';
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import path from 'node:path';

const [siteDir, localesDir, screenshot] = process.argv.slice(2);
let failures = 0;
function check(desc, cond, detail) {
  if (cond) console.log(`ok - ${desc}`);
  else { failures++; console.log(`not ok - ${desc}`); if (detail !== undefined) console.log(`#   ${detail}`); }
}
function text(locale, key) {
  const json = JSON.parse(readFileSync(path.join(localesDir, `${locale}.json`), 'utf8'));
  const v = json.strings[key];
  return typeof v === 'string' ? v : v.text;
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
         '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
try {
  const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
  const url = pathToFileURL(path.resolve(siteDir, 'fr/text/index.html')).href;
  await page.goto(url);

  check('French page has lang="fr"', await page.getAttribute('html', 'lang') === 'fr');
  const notice = (await page.textContent('.notice')) || '';
  check('French page shows the French translation notice',
        notice.includes(text('fr', 'notice.machine')), notice);
  check('the notice is not Spanish', !/traducido|revisado|aún/.test(notice), notice);

  // Sorting: first click on Votes sorts by votes, most first.
  const votesLabel = text('fr', 'col.votes');
  await page.click(`table.board thead th:has-text("${votesLabel}") button`);
  const votes = await page.$$eval('table.board tbody tr', rows => rows.map(r => {
    const cells = Array.from(r.cells);
    const head = Array.from(document.querySelectorAll('table.board thead th'));
    const i = head.findIndex(th => th.getAttribute('aria-sort'));
    return Number(cells[i].getAttribute('data-sort'));
  }));
  const sorted = votes.every((v, i) => i === 0 || votes[i - 1] >= v);
  check('clicking Votes sorts rows by votes, most first', sorted && votes.length === 30,
        votes.slice(0, 5).join(','));
  const again = await page.$eval(`table.board thead th:has-text("${votesLabel}")`,
                                 th => th.getAttribute('aria-sort'));
  check('the sorted column says so with aria-sort', again === 'descending', again);

  await page.screenshot({ path: screenshot, fullPage: false });
  check('screenshot saved', true);

  // The language switcher leads to the same board in Chinese.
  await page.click('nav.langs a[hreflang="zh-Hans"]');
  await page.waitForLoadState('load');
  check('language switcher leads to the Chinese text board',
        page.url().endsWith('/zh/text/index.html'), page.url());
  check('Chinese page has lang="zh-Hans"', await page.getAttribute('html', 'lang') === 'zh-Hans');
  check('Chinese page has no translation notice', (await page.$('.notice')) === null);
  const title = await page.textContent('h1');
  check('Chinese page shows the Chinese title', title === text('zh', 'board.text.title'), title);

  // The category switcher leads to a category page of the same board, in
  // the same language, which marks itself and its board as current.
  await page.goto(url);
  const coding = text('fr', 'category.coding');
  await page.click(`nav.categories a:has-text("${coding}")`);
  await page.waitForLoadState('load');
  check('the category switcher leads to the French coding page',
        page.url().endsWith('/fr/text/coding/index.html'), page.url());
  const current = await page.textContent('nav.categories [aria-current="page"]');
  check('the switcher marks the category as current', current === coding, current);
  const active = await page.textContent('nav.boards a.active');
  check('the board menu marks its board', active === text('fr', 'board.text.short'), active);
  const groups = await page.$$eval('nav.boards .board-group .group-title', g => g.map(x => x.textContent));
  check('the board menu is grouped', groups.join('|') ===
        [text('fr', 'group.arena'), text('fr', 'group.benchmark')].join('|'), groups.join('|'));
  await page.click(`nav.categories a:has-text("${text('fr', 'category.overall')}")`);
  await page.waitForLoadState('load');
  check('"Overall" leads back to the board page', page.url() === url, page.url());

  // Readable on a phone: the table scrolls, the page does not.
  const phone = await browser.newPage({ viewport: { width: 375, height: 700 } });
  await phone.goto(url);
  const overflow = await phone.evaluate(() => document.documentElement.scrollWidth
                                              - document.documentElement.clientWidth);
  check('on a phone the page does not scroll sideways', overflow <= 0, `overflow ${overflow}px`);
  const wrapScrolls = await phone.$eval('.table-wrap', el => el.scrollWidth > el.clientWidth);
  check('on a phone the table scrolls inside its wrapper', wrapScrolls);
} catch (e) {
  failures++;
  console.log(`not ok - browser test threw: ${e.message.split('\n')[0]}`);
} finally {
  await browser.close();
}
process.exit(failures ? 1 : 0);
