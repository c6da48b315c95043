// Browser test of Swagger UI at /docs against the built server (`npm run build` first):
// every operation of openapi.yaml is listed, and "Try it out" on GET /livez returns 200 under the CSP.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { chromium } from 'playwright-core';
import { parse } from 'yaml';

const port = Number(process.env.BROWSER_TEST_PORT ?? 18089);
const base = `http://127.0.0.1:${port}`;
const spec = parse(readFileSync(new URL('../../openapi.yaml', import.meta.url), 'utf8'));
const operations = Object.entries(spec.paths).flatMap(([path, item]) =>
  Object.keys(item)
    .filter((m) => ['get', 'post', 'put', 'patch', 'delete'].includes(m))
    .map((m) => `${m.toUpperCase()} ${path}`),
);

const server = spawn(process.execPath, ['dist/main.js'], {
  env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn' },
  stdio: 'inherit',
});

let failures = 0;
const check = (ok, message) => {
  console.log(`${ok ? 'ok' : 'not ok'} - ${message}`);
  if (!ok) failures++;
};

let browser;
try {
  for (let i = 0; ; i++) {
    try {
      if ((await fetch(`${base}/livez`)).ok) break;
    } catch {
      // not up yet
    }
    if (i > 100) throw new Error('server did not start');
    await sleep(100);
  }
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-quic',
      '--no-first-run',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  const page = await browser.newPage();
  const cspErrors = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error' && /Content Security Policy/i.test(msg.text()))
      cspErrors.push(msg.text());
  });
  await page.goto(`${base}/docs`, { waitUntil: 'networkidle' });
  await page.waitForSelector('.opblock', { timeout: 15_000 });

  const listed = await page.$$eval('.opblock', (blocks) =>
    blocks.map((b) => {
      const method = b.querySelector('.opblock-summary-method')?.textContent?.trim() ?? '';
      const path =
        b.querySelector('.opblock-summary-path')?.getAttribute('data-path') ??
        b.querySelector('.opblock-summary-path')?.textContent?.trim() ??
        '';
      return `${method} ${path.replace(/\u200b/g, '')}`;
    }),
  );
  const missing = operations.filter((op) => !listed.includes(op));
  check(
    missing.length === 0,
    `all ${operations.length} operations listed${missing.length ? `; missing: ${missing.join(', ')}` : ''}`,
  );

  // Both request forms of the validate operation (issue 14): multipart and the JSON examples.
  const validate = page.locator('.opblock', {
    has: page.locator('.opblock-summary-path[data-path="/v1/manifests/validate"]'),
  });
  await validate.locator('.opblock-summary').click();
  const bodyTypes = validate.locator('.opblock-section-request-body select').first();
  await bodyTypes.waitFor({ timeout: 10_000 });
  const types = await bodyTypes.locator('option').allTextContents();
  check(
    types.includes('multipart/form-data') && types.includes('application/json'),
    `validate lists multipart/form-data and application/json bodies (${types.join(', ')})`,
  );
  await bodyTypes.selectOption('application/json');
  const examples = await validate.locator('.examples-select option').allTextContents();
  check(
    examples.some((text) => /whole application/i.test(text)),
    `validate shows the multi-file JSON example (${examples.join(' | ')})`,
  );
  await bodyTypes.selectOption('multipart/form-data');
  await validate.getByRole('button', { name: 'Try it out' }).click();
  const fileInput = validate.locator('input[type="file"]');
  check((await fileInput.count()) >= 1, 'validate offers file inputs for multipart/form-data');

  const livez = page.locator('.opblock', {
    has: page.locator('.opblock-summary-path[data-path="/livez"]'),
  });
  await livez.locator('.opblock-summary').click();
  await livez.getByRole('button', { name: 'Try it out' }).click();
  await livez.getByRole('button', { name: 'Execute' }).click();
  const status = livez.locator('.live-responses-table tbody .response-col_status').first();
  await status.waitFor({ timeout: 10_000 });
  const code = (await status.textContent())?.trim();
  check(code === '200', `"Try it out" on GET /livez answered ${code}`);
  check(
    cspErrors.length === 0,
    `no Content-Security-Policy violations${cspErrors.length ? `: ${cspErrors[0]}` : ''}`,
  );
  await page.screenshot({
    path: process.env.BROWSER_SCREENSHOT ?? '/tmp/podwire-docs.png',
    fullPage: false,
  });
} catch (error) {
  check(false, `browser test crashed: ${error instanceof Error ? error.message : error}`);
} finally {
  await browser?.close();
  server.kill('SIGTERM');
}
console.log(failures === 0 ? 'browser: all checks passed' : `browser: ${failures} check(s) failed`);
process.exit(failures === 0 ? 0 : 1);
