// The 404 page at any depth, as GitHub Pages serves it: a loopback server
// answers every missing path under a site's prefix with that site's
// 404.html (status 404), and headless Chromium opens such addresses. Two
// builds of the same configuration: without a base URL (the page's script
// finds the site root by probing for assets/style.css) and with one
// (absolute links; the same files served under another prefix still
// work); both also opened from disk (file://).
// Usage: node notfound-test.mjs LBGEN CONFIG OUT_DIR
// Prints TAP lines ("ok - ..." / "not ok - ...") for tests/run.sh.
import { chromium } from 'playwright-core';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const [lbgen, config, out] = process.argv.slice(2);
let failures = 0;
function check(desc, cond, detail) {
  if (cond) console.log(`ok - ${desc}`);
  else { failures++; console.log(`not ok - ${desc}`); if (detail !== undefined) console.log(`#   ${detail}`); }
}

const mounts = {}; // prefix -> directory
const server = http.createServer((req, res) => {
  const url = new URL(req.url, 'http://x');
  const prefix = Object.keys(mounts).find(p => url.pathname.startsWith(p));
  if (!prefix) { res.writeHead(404); res.end('no site here'); return; }
  const dir = mounts[prefix];
  let file = path.join(dir, decodeURIComponent(url.pathname.slice(prefix.length)));
  if (!file.startsWith(dir)) { res.writeHead(403); res.end(); return; }
  if (existsSync(file) && statSync(file).isDirectory()) file = path.join(file, 'index.html');
  const found = existsSync(file) && statSync(file).isFile();
  const body = readFileSync(found ? file : path.join(dir, '404.html'));
  const type = /\.css$/.test(file) ? 'text/css' : /\.js$/.test(file) ? 'text/javascript'
    : found && !/\.html$/.test(file) ? 'application/octet-stream' : 'text/html; charset=utf-8';
  res.writeHead(found ? 200 : 404, { 'Content-Type': type });
  res.end(req.method === 'HEAD' ? undefined : body);
});
await new Promise(resolve => server.listen(0, '127.0.0.1', resolve));
const origin = `http://127.0.0.1:${server.address().port}`;
const base = `${origin}/repo/`;

const plain = path.join(out, 'plain'), based = path.join(out, 'based');
execFileSync(lbgen, ['build', '--config', config, '--out', plain, '-q']);
execFileSync(lbgen, ['build', '--config', config, '--out', based, '--base-url', base, '-q']);
mounts['/plain/'] = plain;
mounts['/repo/'] = based;
mounts['/mirror/'] = based;

async function status(url) {
  if (url.startsWith('file:')) return existsSync(fileURLToPath(url)) ? 200 : 404;
  return new Promise(resolve => http.get(url, r => { r.resume(); resolve(r.statusCode); }));
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run',
         '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});

// The links of a 404.html as they must end up when the site root is
// `root`: the file's relative links from the root, its absolute ones (the
// base URL it was built with) moved to the root; the skip link (#main)
// aside.
function expectedLinks(file, root, builtBase) {
  const html = readFileSync(file, 'utf8');
  return [...html.matchAll(/<(?:a|link)\b[^>]*\shref="([^"#][^"]*)"/g)].map(m => {
    const href = m[1].replace(/&amp;/g, '&');
    return builtBase && href.startsWith(builtBase) ? root + href.slice(builtBase.length)
      : /^[a-z]+:/.test(href) ? href : root + href;
  });
}

// Opens `url`, waits until its links are what they must be for the site
// root `root`, and checks that each lands on an existing page and that the
// style applies.
async function visit(label, url, root, file, builtBase) {
  const page = await browser.newPage();
  try {
    const resp = await page.goto(url);
    if (!url.startsWith('file:'))
      check(`${label}: the server answers 404`, resp.status() === 404, resp.status());
    const want = expectedLinks(file, root, builtBase);
    const settled = await page.waitForFunction(w => {
      const have = Array.from(document.querySelectorAll('a[href]:not([href^="#"]), link[href]'),
                              e => e.href);
      return have.length === w.length && have.every((h, i) => h === w[i]);
    }, want, { timeout: 10000 }).then(() => true, () => false);
    const hrefs = await page.$$eval('a[href]:not([href^="#"]), link[href]', els => els.map(e => e.href));
    check(`${label}: all ${want.length} links lead from the site root ${root}`, settled,
          hrefs.filter((h, i) => h !== want[i]).join(' '));
    const broken = [];
    for (const h of new Set(hrefs)) if (await status(h) !== 200) broken.push(h);
    check(`${label}: every link lands on a page`, broken.length === 0, broken.join(' '));
    const styled = await page.waitForFunction(() =>
      getComputedStyle(document.querySelector('.skip')).position === 'absolute',
      null, { timeout: 10000 }).then(() => true, () => false);
    check(`${label}: the stylesheet applies`, styled);
    const fr = await page.$('a[hreflang="fr"]');
    if (fr) {
      await Promise.all([page.waitForLoadState('load'), fr.click()]);
      check(`${label}: the French link opens the French index`,
            page.url() === `${root}fr/index.html`, page.url());
    }
  } catch (e) {
    check(`${label}: no exception`, false, e.message.split('\n')[0]);
  } finally {
    await page.close();
  }
}

try {
  const plain404 = path.join(plain, '404.html'), based404 = path.join(based, '404.html');
  await visit('no base URL, three levels down', `${origin}/plain/a/b/c/`, `${origin}/plain/`, plain404);
  await visit('no base URL, under a locale', `${origin}/plain/fr/nothing-here.html`,
              `${origin}/plain/`, plain404);
  await visit('no base URL, at the root', `${origin}/plain/missing.html`, `${origin}/plain/`, plain404);
  await visit('base URL, three levels down', `${base}a/b/c/`, base, based404, base);
  await visit('base URL, the same files elsewhere', `${origin}/mirror/x/y/`, `${origin}/mirror/`,
              based404, base);
  await visit('no base URL, from disk', pathToFileURL(plain404).href,
              pathToFileURL(plain).href + '/', plain404);
  await visit('base URL, from disk', pathToFileURL(based404).href,
              pathToFileURL(based).href + '/', based404, base);
  const html = readFileSync(path.join(based, '404.html'), 'utf8');
  check('with a base URL the links in the file are absolute',
        html.includes(`href="${base}fr/index.html"`));
} finally {
  await browser.close();
  server.close();
}
process.exit(failures ? 1 : 0);
