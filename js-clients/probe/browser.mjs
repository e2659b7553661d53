// Opens a page in real headless Chromium (Debian's `chromium`, or $CHROMIUM_PATH) and reports, as JSON
// lines on stdout, the text of every element with an id each time the page's DOM changes
// (a MutationObserver inside the page; no polling). Usage: node probe/browser.mjs <url>
// Lines: {"type":"ready"} {"type":"dom","values":{id:text,…}} {"type":"console","text":…} {"type":"error",…}
import puppeteer from 'puppeteer-core';

const url = process.argv[2];
const out = (m) => process.stdout.write(JSON.stringify({ ...m, at: Date.now() }) + '\n');

const browser = await puppeteer.launch({
  executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
  headless: true,
  args: ['--headless', '--no-sandbox', '--disable-background-networking', '--disable-gpu', '--disable-dev-shm-usage'],
});
const page = await browser.newPage();
page.on('console', (m) => out({ type: 'console', text: m.text() }));
page.on('pageerror', (e) => out({ type: 'error', error: String(e?.message ?? e) }));
await page.exposeFunction('__report', (values) => out({ type: 'dom', values }));
await page.evaluateOnNewDocument(() => {
  const snapshot = () => {
    const values = {};
    document.querySelectorAll('[id]').forEach((el) => {
      if (el.children.length === 0 || el.tagName === 'SELECT') values[el.id] = el.textContent;
    });
    window.__report(values);
  };
  document.addEventListener('DOMContentLoaded', () => {
    snapshot();
    new MutationObserver(snapshot).observe(document.body, { subtree: true, childList: true, characterData: true });
  });
});
await page.goto(url, { waitUntil: 'domcontentloaded' });
out({ type: 'ready' });

process.stdin.on('data', () => {});
process.stdin.on('end', async () => { await browser.close(); process.exit(0); });
