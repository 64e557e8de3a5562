// Browser test: a real headless Chromium (Debian's /usr/bin/chromium, driven
// by playwright-core) opens the pages of a built site from disk, as a reader
// would on a desktop (1280 px) and a phone (390 px):
//   - the French text board: language, notice, the language switcher,
//     sorting by votes, a screenshot;
//   - every board page: no column hidden at 1280 px, the page never scrolls
//     sideways at 390 px, the model column stays in view while the table
//     scrolls sideways;
//   - the header row stays in view after scrolling to row 100;
//   - the search box filters rows as you type, the filters (open licenses,
//     preliminary) work, numeric columns sort by value (sizes such as 109B);
//   - with JavaScript off the whole table is there and the controls hidden;
//   - the overview and a model page fit a phone; chart labels stay legible;
//   - with a second site (READERS_SITE, which has history): the model page's
//     history charts and the overview's value chart on a phone.
// Usage: node browser-test.mjs SITE_DIR LOCALES_DIR SCREENSHOT.png [READERS_SITE]
// Prints TAP lines ("ok - ..." / "not ok - ...") for tests/run.sh.
import { chromium } from 'playwright-core';
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import path from 'node:path';

const [siteDir, localesDir, screenshot, readersDir] = process.argv.slice(2);
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
const fileUrl = (dir, rel) => pathToFileURL(path.resolve(dir, rel)).href;
const DESKTOP = { width: 1280, height: 900 };
const PHONE = { width: 390, height: 844 };

// The boards of a locale: every directory of SITE/LOCALE with an index.html,
// but the pages across boards.
function boards(dir, locale) {
  return readdirSync(path.join(dir, locale), { withFileTypes: true })
    .filter(d => d.isDirectory() && d.name !== 'model' && d.name !== 'overview'
                 && existsSync(path.join(dir, locale, d.name, 'index.html')))
    .map(d => d.name).sort();
}

const pageOverflow = page => page.evaluate(() =>
  document.documentElement.scrollWidth - document.documentElement.clientWidth);

// Columns the table box does not show: headers beyond its right edge, or a
// box that scrolls sideways.
const hiddenColumns = page => page.evaluate(() => {
  const wrap = document.querySelector('.table-wrap');
  const box = wrap.getBoundingClientRect();
  const hidden = Array.from(document.querySelectorAll('table.board thead th'))
    .filter(th => th.getBoundingClientRect().right > box.right + 1)
    .map(th => th.textContent.trim());
  if (wrap.scrollWidth > wrap.clientWidth + 1) hidden.push(`(box scrolls ${wrap.scrollWidth - wrap.clientWidth}px)`);
  return hidden;
});

const visibleRows = page => page.$$eval('table.board tbody tr', rows =>
  rows.filter(r => !r.hidden).map(r => ({
    q: r.getAttribute('data-q') || '', open: r.hasAttribute('data-open'),
    prelim: r.hasAttribute('data-prelim') })));

// The values of column `label` in row order, as the cells' data-sort.
const columnValues = (page, label) => page.evaluate(label => {
  const head = Array.from(document.querySelectorAll('table.board thead th'));
  const i = head.findIndex(th => th.textContent.trim() === label);
  return Array.from(document.querySelectorAll('table.board tbody tr')).map(r => {
    const v = r.cells[i].getAttribute('data-sort');
    return v === null ? null : Number(v);
  });
}, label);

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
         '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
try {
  const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
  const url = fileUrl(siteDir, 'fr/text/index.html');
  await page.goto(url);

  check('French page has lang="fr"', await page.getAttribute('html', 'lang') === 'fr');
  const notice = (await page.textContent('.notice')) || '';
  check('French page shows the French translation notice',
        notice.includes(text('fr', 'notice.machine')), notice);
  check('the notice is not Spanish', !/traducido|revisado|aún/.test(notice), notice);

  // Sorting: first click on Votes sorts by votes, most first.
  const votesLabel = text('fr', 'col.votes');
  await page.click(`table.board thead th:has-text("${votesLabel}") button`);
  const votes = await columnValues(page, votesLabel);
  const sorted = votes.every((v, i) => i === 0 || votes[i - 1] >= v);
  check('clicking Votes sorts rows by votes, most first', sorted && votes.length === 30,
        votes.slice(0, 5).join(','));
  const again = await page.$eval(`table.board thead th:has-text("${votesLabel}")`,
                                 th => th.getAttribute('aria-sort'));
  check('the sorted column says so with aria-sort', again === 'descending', again);
  await page.click(`table.board thead th:has-text("${votesLabel}") button`);
  const up = await columnValues(page, votesLabel);
  check('a second click sorts the other way, by number (not as text)',
        up.every((v, i) => i === 0 || up[i - 1] <= v) && up[0] < 3000 && up[up.length - 1] > 10000,
        up.slice(0, 3).join(','));

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
  const small = await browser.newPage({ viewport: { width: 375, height: 700 } });
  await small.goto(url);
  const overflow = await small.evaluate(() => document.documentElement.scrollWidth
                                              - document.documentElement.clientWidth);
  check('on a phone the page does not scroll sideways', overflow <= 0, `overflow ${overflow}px`);
  const wrapScrolls = await small.$eval('.table-wrap', el => el.scrollWidth > el.clientWidth);
  check('on a phone the table scrolls inside its wrapper', wrapScrolls);
  // Every board, in every language: nothing hidden at 1280 px, nothing
  // wider than a phone at 390 px.
  const desktop = await browser.newPage({ viewport: DESKTOP });
  const phone = await browser.newPage({ viewport: PHONE });
  const locales = readdirSync(siteDir, { withFileTypes: true })
    .filter(d => d.isDirectory() && existsSync(path.join(siteDir, d.name, 'index.html')))
    .map(d => d.name);
  let boardPages = 0;
  for (const locale of locales) {
    for (const board of boards(siteDir, locale)) {
      const rel = `${locale}/${board}/index.html`;
      await desktop.goto(fileUrl(siteDir, rel));
      const hidden = await hiddenColumns(desktop);
      check(`${rel}: every column in view at 1280 px`, hidden.length === 0, hidden.join(', '));
      await phone.goto(fileUrl(siteDir, rel));
      const over = await pageOverflow(phone);
      check(`${rel}: the page does not scroll sideways at 390 px`, over <= 0, `overflow ${over}px`);
      boardPages++;
    }
  }
  check('the benchmark board (13 columns) was among them',
        (await (async () => { await desktop.goto(fileUrl(siteDir, 'en/opensource/index.html'));
                              return desktop.$$eval('table.board thead th', t => t.length); })()) === 13);
  check(`${boardPages} board pages checked`, boardPages >= 9 * 14, boardPages);

  // The header row stays in view after scrolling far down a long table
  // (row 65 of the 70 of Arena-Hard-Auto; the Arena boards show their top
  // 30 or 50), on both.
  for (const [name, p] of [['1280 px', desktop], ['390 px', phone]]) {
    await p.goto(fileUrl(siteDir, 'en/arena-hard/index.html'));
    const where = await p.evaluate(() => {
      const row = document.querySelectorAll('table.board tbody tr')[64];
      row.scrollIntoView({ block: 'end' }); /* as scrolling down to it would */
      /* The header cells stick (a thead itself stays where it was). */
      const head = document.querySelector('table.board thead th').getBoundingClientRect();
      const r = row.getBoundingClientRect();
      return { headTop: head.top, headBottom: head.bottom, rowTop: r.top, rowBottom: r.bottom,
               height: innerHeight, scrolled: scrollY + document.querySelector('.table-wrap').scrollTop };
    });
    check(`${name}: after scrolling to row 65 the header row is on screen, above it`,
          where.scrolled > 1000 && where.headTop >= -1 && where.headBottom <= where.rowTop + 1
          && where.rowBottom <= where.height + 1, JSON.stringify(where));
  }

  // On a phone the model column stays in view while the table scrolls
  // sideways, and the chart's labels keep a legible size.
  await phone.goto(fileUrl(siteDir, 'en/text/index.html'));
  const side = await phone.evaluate(() => {
    const wrap = document.querySelector('.table-wrap');
    wrap.scrollLeft = 400;
    const cell = document.querySelector('table.board tbody th.model').getBoundingClientRect();
    const box = wrap.getBoundingClientRect();
    return { scrolled: wrap.scrollLeft, cellLeft: cell.left, cellRight: cell.right, boxLeft: box.left };
  });
  check('on a phone the table scrolls sideways in its box', side.scrolled > 100, JSON.stringify(side));
  check('... and the model column stays in view', side.cellLeft >= side.boxLeft - 1
        && side.cellRight > side.boxLeft + 50, JSON.stringify(side));
  const label = await phone.$eval('svg.forest text.name', t => t.getBoundingClientRect().height);
  check('on a phone the chart labels stay legible (at least 11 px)', label >= 11, `${label}px`);

  // Search and filters, on a category page (its top 50 of about 280, with
  // licenses from the Arena's JSON).
  await desktop.goto(fileUrl(siteDir, 'en/text/english/index.html'));
  const all = (await visibleRows(desktop)).length;
  check('with JavaScript the search box is shown', await desktop.isVisible('#board-search'));
  await desktop.type('#board-search', 'claude');
  let rows = await visibleRows(desktop);
  check('typing in the search box filters the rows as you type',
        rows.length > 5 && rows.length < all && rows.every(r => /claude/i.test(r.q)),
        `${rows.length} of ${all}`);
  const count = await desktop.textContent('output.count');
  check('the count follows', count === text('en', 'filter.count').replace('{shown}', rows.length)
        .replace('{total}', all.toLocaleString('en')), count);
  await desktop.fill('#board-search', 'anthropic');
  rows = await visibleRows(desktop);
  check('the search matches organizations', rows.length > 5 && rows.every(r => /anthropic/i.test(r.q)),
        rows.length);
  await desktop.fill('#board-search', 'apache');
  rows = await visibleRows(desktop);
  check('the search matches licenses', rows.length >= 3 && rows.every(r => /apache/i.test(r.q)),
        rows.length);
  await desktop.fill('#board-search', 'no-such-model-anywhere');
  check('no match: no row, and a line says so',
        (await visibleRows(desktop)).length === 0 && await desktop.isVisible('#board-empty'));
  await desktop.fill('#board-search', '');
  check('clearing the search shows every row', (await visibleRows(desktop)).length === all);
  await desktop.check('input[data-filter="open"]');
  rows = await visibleRows(desktop);
  check('"open licenses only" keeps only open licenses',
        rows.length >= 5 && rows.length < all && rows.every(r => r.open && !/Proprietary/.test(r.q)),
        rows.length);
  await desktop.uncheck('input[data-filter="open"]');
  // The text board has a preliminary row.
  await desktop.goto(fileUrl(siteDir, 'en/text/index.html'));
  const allText = (await visibleRows(desktop)).length;
  await desktop.check('input[data-filter="prelim"]');
  rows = await visibleRows(desktop);
  check('"hide preliminary" hides the preliminary rows',
        rows.length < allText && rows.every(r => !r.prelim), `${rows.length} of ${allText}`);

  // Numbers sort as numbers: sizes such as 109B, scores.
  await desktop.goto(fileUrl(siteDir, 'en/opensource/index.html'));
  const sizeLabel = text('en', 'col.size');
  await desktop.click(`table.board thead th:has-text("${sizeLabel}") button`);
  const sizes = await desktop.$$eval('table.board tbody tr', rows => rows.map(r => r.cells[3].textContent));
  const sizeValues = await columnValues(desktop, sizeLabel);
  check('sizes sort by value, largest first (671B before 72B before 7B)',
        sizes[0] === '671B' && sizeValues.every((v, i) => i === 0 || sizeValues[i - 1] >= v),
        sizes.slice(0, 6).join(','));

  // With JavaScript off: the whole table, in rank order; no controls.
  const noJs = await browser.newContext({ javaScriptEnabled: false, viewport: DESKTOP });
  const plain = await noJs.newPage();
  await plain.goto(fileUrl(siteDir, 'en/text/index.html'));
  const plainRows = await plain.$$eval('table.board tbody tr', r => r.length);
  check('without JavaScript the whole table is there', plainRows === 30, plainRows);
  check('without JavaScript the search and filters are hidden', !(await plain.isVisible('#board-controls')));
  const ranks = await plain.$$eval('table.board tbody tr', r => r.map(x => Number(x.cells[0].getAttribute('data-sort'))));
  check('without JavaScript the table is in rank order', ranks.every((v, i) => i === 0 || ranks[i - 1] <= v));
  await noJs.close();

  // The pages across boards fit a phone; a model name leads to its page.
  await desktop.goto(fileUrl(siteDir, 'en/text/index.html'));
  const first = (await desktop.textContent('table.board tbody tr th.model a')).trim();
  const link = await desktop.getAttribute('table.board tbody tr th.model a', 'href');
  await desktop.click('table.board tbody tr th.model a');
  await desktop.waitForLoadState('load');
  const modelUrl = desktop.url();
  check('a model name leads to its page', /\/en\/model\/[^/]+\/index\.html$/.test(modelUrl)
        && (await desktop.textContent('h1')) === first, `${link} ${modelUrl}`);
  const modelRel = modelUrl.slice(modelUrl.indexOf('/en/model/') + 1);
  for (const rel of ['en/overview/index.html', 'fr/overview/index.html', modelRel,
                     modelRel.replace(/^en\//, 'fr/')]) {
    await phone.goto(fileUrl(siteDir, rel));
    const over = await pageOverflow(phone);
    check(`${rel}: the page does not scroll sideways at 390 px`, over <= 0, `overflow ${over}px`);
  }
  await desktop.goto(fileUrl(siteDir, 'en/overview/index.html'));
  const matrixHidden = await hiddenColumns(desktop);
  check('the overview\'s rank matrix shows every board at 1280 px', matrixHidden.length === 0,
        matrixHidden.join(', '));

  // History charts and the value chart (a site with history and prices).
  if (readersDir) {
    await phone.goto(fileUrl(readersDir, 'en/model/alpha-pro/index.html'));
    const over = await pageOverflow(phone);
    check('a model page with history charts fits a phone', over <= 0, `overflow ${over}px`);
    const tick = await phone.$eval('svg.history text.tick-label', t => t.getBoundingClientRect().height);
    check('on a phone the history chart\'s labels stay legible (at least 11 px)', tick >= 11, `${tick}px`);
    await phone.goto(fileUrl(readersDir, 'en/overview/index.html'));
    check('the overview with its value chart fits a phone', await pageOverflow(phone) <= 0);
    const pick = await phone.$eval('svg.value text.point-label', t => t.getBoundingClientRect().height);
    check('on a phone the value chart\'s labels stay legible (at least 11 px)', pick >= 11, `${pick}px`);
    const picked = await phone.$$eval('svg.value .point.pick', p => p.length);
    check('the value chart picks out the cheapest models near the leader', picked === 3, picked);
  }
} catch (e) {
  failures++;
  console.log(`not ok - browser test threw: ${e.message.split('\n')[0]}`);
} finally {
  await browser.close();
}
process.exit(failures ? 1 : 0);
