// Opens a page in real headless Chromium (Debian's `chromium`, or $CHROMIUM_PATH) and reports, as JSON
// lines on stdout, the text of every element with an id each time the page's DOM changes
// (a MutationObserver inside the page; no polling). Usage: node probe/browser.mjs <url> [width height]
// Lines: {"type":"ready"} {"type":"dom","values":{id:text,…}} {"type":"console","level":…,"text":…}
//        {"type":"error",…} {"type":"request_failed","url":…,"error":…} {"type":"http_error","url":…,"status":…}
//        {"type":"eval","id":…,"value":…} {"type":"screenshot","id":…,"path":…} {"type":"viewport","id":…}
// Commands, one JSON object per stdin line: {"cmd":"eval","id":…,"expression":"…"} (awaited in the page),
// {"cmd":"screenshot","id":…,"path":"…"} (full page PNG), {"cmd":"viewport","id":…,"width":…,"height":…}.
import puppeteer from 'puppeteer-core';
import { createInterface } from 'node:readline';

const [url, width = '1280', height = '900'] = process.argv.slice(2);
const out = (m) => process.stdout.write(JSON.stringify({ ...m, at: Date.now() }) + '\n');

const browser = await puppeteer.launch({
  executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
  headless: true,
  args: ['--headless', '--no-sandbox', '--disable-background-networking', '--disable-gpu', '--disable-dev-shm-usage'],
});
const page = await browser.newPage();
await page.setViewport({ width: Number(width), height: Number(height) });
page.on('console', (m) => out({ type: 'console', level: m.type(), text: m.text() }));
page.on('pageerror', (e) => out({ type: 'error', error: String(e?.message ?? e) }));
page.on('requestfailed', (r) => out({ type: 'request_failed', url: r.url(), error: r.failure()?.errorText ?? '' }));
page.on('response', (r) => { if (r.status() >= 400) out({ type: 'http_error', url: r.url(), status: r.status() }); });
await page.exposeFunction('__report', (values) => out({ type: 'dom', values }));
await page.evaluateOnNewDocument(() => {
  const snapshot = () => {
    const values = {};
    document.querySelectorAll('[id]').forEach((el) => {
      if (el.children.length === 0 || el.tagName === 'SELECT') values[el.id] = el.tagName === 'SELECT' ? el.value : el.textContent;
    });
    window.__report(values);
  };
  document.addEventListener('DOMContentLoaded', () => {
    snapshot();
    new MutationObserver(snapshot).observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
  });
});
await page.goto(url, { waitUntil: 'domcontentloaded' });
out({ type: 'ready' });

const commands = createInterface({ input: process.stdin });
commands.on('line', async (line) => {
  let command;
  try {
    command = JSON.parse(line);
    if (command.cmd === 'eval') {
      const value = await page.evaluate(`(async () => (${command.expression}))()`);
      out({ type: 'eval', id: command.id, value: value === undefined ? null : value });
    } else if (command.cmd === 'screenshot') {
      await page.screenshot({ path: command.path, fullPage: true });
      out({ type: 'screenshot', id: command.id, path: command.path });
    } else if (command.cmd === 'viewport') {
      await page.setViewport({ width: command.width, height: command.height });
      out({ type: 'viewport', id: command.id });
    } else {
      out({ type: 'command_error', id: command.id, error: `unknown cmd ${command.cmd}` });
    }
  } catch (e) {
    out({ type: 'command_error', id: command?.id, error: String(e?.message ?? e) });
  }
});
commands.on('close', async () => { await browser.close(); process.exit(0); });
