import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { callAndSpeak } from '@bw/app-call-and-speak';
import { createIvrApp, type IvrApp } from '@bw/app-ivr';
import { routeNumber } from '@bw/app-kit';
import { type AutoReplyApp, createAutoReplyApp } from '@bw/app-sms-auto-reply';
import { type Emulator, startEmulator } from '@bw/emulator';
import { client } from '@bw/sdk';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureChromium } from '../../../test-support/chromium';

const NUMBERS = {
  sms: '+19195551212',
  caller: '+19195551313',
  ivr: '+19195551414',
  sales: '+19195550199',
  alice: '+14045550100',
  phone: '+15555550100',
};
const USER = { userId: 'u-console', apiToken: 't-console', apiSecret: 's-console-secret' };
const SHOTS = join(import.meta.dirname, '..', '..', '..', '.tmp', 'console-screenshots');
const VIEWS = ['timeline', 'calls', 'messages', 'state', 'controls', 'phone'] as const;
const requireFrom = createRequire(import.meta.url);
const basicAuth = `Basic ${Buffer.from(`${USER.apiToken}:${USER.apiSecret}`).toString('base64')}`;

let emulator: Emulator;
let port: number;
let autoReply: AutoReplyApp;
let ivr: IvrApp;
let browser: BrowserContext;
let page: Page;
let profile: string;
let failing: Server;

function startConsoleEmulator(listenPort = 0) {
  return startEmulator({
    port: listenPort,
    speed: 5,
    seed: 15,
    users: [{ ...USER, numbers: [NUMBERS.sms, NUMBERS.caller, NUMBERS.ivr] }],
  });
}

const sdk = {
  messaging: () =>
    client('messaging', USER.userId, USER.apiToken, USER.apiSecret, { baseUrl: emulator.url }),
  voice: () =>
    client('voice', USER.userId, USER.apiToken, USER.apiSecret, { baseUrl: emulator.url }),
  account: () =>
    client('account', USER.userId, USER.apiToken, USER.apiSecret, { baseUrl: emulator.url }),
};

async function view(name: (typeof VIEWS)[number]) {
  await page.evaluate((hash) => {
    location.hash = hash;
  }, `#/${name}`);
  await page.locator(`nav a[aria-current="page"][href="#/${name}"]`).waitFor();
}

async function seriousViolations(): Promise<string[]> {
  await page.addScriptTag({ path: requireFrom.resolve('axe-core/axe.min.js') });
  return page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: {
          run(
            context: Document,
          ): Promise<{ violations: Array<{ id: string; impact: string; nodes: unknown[] }> }>;
        };
      }
    ).axe;
    const result = await axe.run(document);
    return result.violations
      .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
      .map((violation) => `${violation.id} (${violation.nodes.length})`);
  });
}

beforeAll(async () => {
  const executablePath = ensureChromium();
  emulator = await startConsoleEmulator();
  port = Number(new URL(emulator.url).port);
  autoReply = await createAutoReplyApp({ messaging: sdk.messaging() });
  ivr = await createIvrApp({ salesNumber: NUMBERS.sales });
  const accounts = sdk.account();
  await routeNumber(accounts, {
    number: NUMBERS.sms,
    name: 'sms-auto-reply',
    incomingMessageUrl: autoReply.incomingMessageUrl,
  });
  await routeNumber(accounts, {
    number: NUMBERS.ivr,
    name: 'ivr',
    incomingCallUrl: ivr.incomingCallUrl,
    callbackHttpMethod: 'GET',
  });
  failing = createServer((_request, response) => {
    response.writeHead(500, { 'content-type': 'application/json' });
    response.end('{"error":"the handler exploded"}');
  });
  await new Promise<void>((resolve) => failing.listen(0, '127.0.0.1', resolve));
  profile = mkdtempSync(join(tmpdir(), 'bw-console-chromium-'));
  mkdirSync(SHOTS, { recursive: true });
  // One browser for every test, with a fresh profile (passed as userDataDir = --user-data-dir).
  browser = await chromium.launchPersistentContext(profile, {
    executablePath,
    viewport: { width: 1280, height: 800 },
    // axe is injected as an inline script, which the console's Content-Security-Policy forbids.
    bypassCSP: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  page = browser.pages()[0] ?? (await browser.newPage());
  await page.goto(`${emulator.url}/_emulator/console/`);
  await page.locator('.connection.live').waitFor();
});

afterAll(async () => {
  await browser?.close();
  await autoReply?.close();
  await ivr?.close();
  await new Promise((resolve) => failing?.close(resolve));
  await emulator?.close();
  if (profile) rmSync(profile, { recursive: true, force: true });
});

describe('the console in a browser', () => {
  it('texts the auto-reply app from the phone and shows the reply bubble', async () => {
    await view('phone');
    await page.getByLabel("This phone's number").fill(NUMBERS.phone);
    await page.getByLabel('Owned number to reach').selectOption(NUMBERS.sms);
    await page.getByLabel('Message', { exact: true }).fill('Are you open today?');
    await page.getByRole('button', { name: 'Send' }).click();
    await expect
      .poll(() => page.locator('.bubble.mine').first().textContent())
      .toContain('Are you open today?');
    await page.locator('.bubble.theirs').first().waitFor({ timeout: 15_000 });
    expect(await page.locator('.bubble.theirs').first().textContent()).toContain(NUMBERS.sms);
  });

  it('dials the IVR, reads the menu, presses 2, and sees the trace advance and the voicemail recording', async () => {
    await view('phone');
    await page.getByLabel('Owned number to reach').selectOption(NUMBERS.ivr);
    await page.getByRole('button', { name: `Call ${NUMBERS.ivr}` }).click();
    const heard = page.getByRole('list', { name: 'What the call hears' });
    await expect
      .poll(() => heard.textContent(), { timeout: 20_000 })
      .toContain('Press 1 for sales');
    await page.getByRole('button', { name: 'Key 2' }).click();
    await expect
      .poll(() => heard.textContent(), { timeout: 20_000 })
      .toContain('Please leave a message');
    await view('calls');
    await expect
      .poll(() => page.locator('.bxml li.running').textContent(), { timeout: 20_000 })
      .toContain('Record');
    expect(await page.locator('article.detail').textContent()).toContain('digits 2');
    await page.screenshot({ path: join(SHOTS, 'call-running.png') });
    // The caller stays silent: the recording ends after its silence timeout and is saved.
    await page.getByRole('link', { name: /Download .*\.(wav|mp3)/ }).waitFor({ timeout: 20_000 });
    const href = await page
      .getByRole('link', { name: /Download/ })
      .first()
      .getAttribute('href');
    const media = await fetch(`${emulator.url}${href}`);
    expect(media.status).toBe(200);
    expect(media.headers.get('content-type')).toMatch(/^audio\//);
  });

  it('rings the phone for an outbound call from call-and-speak; answering shows the sentence', async () => {
    await view('phone');
    await page.getByLabel("This phone's number").fill(NUMBERS.alice);
    await page.getByLabel('Let calls ring here (turns auto-answer off)').click();
    await expect
      .poll(async () => (await fetch(`${emulator.url}/_emulator/calls/auto-answer`)).text())
      .toContain('never');
    const sentence = 'Your table for two is ready.';
    const result = callAndSpeak({
      voice: sdk.voice(),
      from: NUMBERS.caller,
      to: NUMBERS.alice,
      sentence,
      stepTimeoutMs: 30_000,
    });
    const ringing = page.getByRole('alertdialog', { name: 'Incoming call' });
    await ringing.waitFor({ timeout: 20_000 });
    await ringing.getByRole('button', { name: 'Answer' }).click();
    const heard = page.getByRole('list', { name: 'What the call hears' });
    await expect.poll(() => heard.textContent(), { timeout: 20_000 }).toContain(sentence);
    expect((await result).answered).toBe(true);
  });

  it('shows a callback answered 500 in red with its body, and an injected fault', async () => {
    const { port: failingPort } = failing.address() as AddressInfo;
    await sdk.messaging().sendMessage({
      from: NUMBERS.sms,
      to: NUMBERS.alice,
      text: 'Receipt please',
      callbackUrl: `http://127.0.0.1:${failingPort}/status`,
    });
    await emulator.control.setFaults([
      { type: 'status', status: 503, path: '/v1/users/*/account', times: 1 },
    ]);
    expect(
      (
        await fetch(`${emulator.url}/v1/users/${USER.userId}/account`, {
          headers: {
            authorization: `Basic ${Buffer.from(`${USER.apiToken}:${USER.apiSecret}`).toString('base64')}`,
          },
        })
      ).status,
    ).toBe(503);
    await view('timeline');
    await page.getByLabel('Kind').selectOption('callback');
    const failed = page.locator('.row.failure', { hasText: `127.0.0.1:${failingPort}` }).first();
    await failed.waitFor({ timeout: 15_000 });
    expect(
      await failed.evaluate(
        (row) => getComputedStyle(row.querySelector('button') as Element).color,
      ),
    ).not.toBe(await page.locator('h1').evaluate((h1) => getComputedStyle(h1).color));
    await failed.locator('button').click();
    const details = page.getByRole('complementary', { name: 'Entry details' });
    await expect.poll(() => details.textContent()).toContain('the handler exploded');
    await page.screenshot({ path: join(SHOTS, 'callback-500.png') });
    await page.getByLabel('Kind').selectOption('fault');
    await page.locator('.row.failure', { hasText: 'fault status 503' }).first().waitFor();
    await page.getByLabel('Kind').selectOption('');
  });

  it('never shows the API secret; axe finds nothing serious on any view; a screenshot of each', async () => {
    for (const name of VIEWS) {
      await view(name);
      await page.waitForTimeout(300);
      expect(await page.content()).not.toContain(USER.apiSecret);
      expect(await seriousViolations(), name).toEqual([]);
      await page.screenshot({ path: join(SHOTS, `${name}.png`) });
    }
    await page.emulateMedia({ colorScheme: 'dark' });
    await view('timeline');
    expect(await seriousViolations(), 'dark timeline').toEqual([]);
    await page.screenshot({ path: join(SHOTS, 'timeline-dark.png') });
    await page.emulateMedia({ colorScheme: 'light' });
  });

  it('keeps 10,000 entries scrollable in a windowed list', async () => {
    await view('timeline');
    const before = await page.evaluate(() => document.querySelectorAll('.row').length);
    // Batches of 50 texts: each message is queued, sending and sent (three entries).
    await fetch(`${emulator.url}/_emulator/balance`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ balance: 1_000_000 }),
    });
    const batch = Array.from({ length: 50 }, (_, index) => ({
      from: NUMBERS.sms,
      to: NUMBERS.alice,
      text: `bulk ${index}`,
    }));
    for (let round = 0; round < 70; round++) {
      const response = await fetch(`${emulator.url}/v1/users/${USER.userId}/messages`, {
        method: 'POST',
        headers: { authorization: basicAuth, 'content-type': 'application/json' },
        body: JSON.stringify(batch),
      });
      expect(response.status).toBe(202);
    }
    await expect
      .poll(() => page.locator('.count').textContent(), { timeout: 30_000 })
      .toMatch(/^1\d{4} of|^\d{5} of/);
    const rows = page.getByTestId('timeline-rows');
    const rendered = await page.evaluate(() => document.querySelectorAll('.row').length);
    expect(rendered).toBeLessThan(150);
    expect(rendered).toBeGreaterThan(Math.min(before, 5));
    const started = Date.now();
    for (const fraction of [0, 0.25, 0.5, 0.75, 1]) {
      await rows.evaluate((element, at) => {
        element.scrollTop = (element.scrollHeight - element.clientHeight) * at;
      }, fraction);
      await page.waitForTimeout(50);
      const first = await page.locator('.row .time').first().textContent();
      expect(first).toBeTruthy();
    }
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it('reconnects by itself when the emulator restarts on the same port', async () => {
    await view('timeline');
    await emulator.close();
    await page.locator('.connection.reconnecting').waitFor({ timeout: 10_000 });
    emulator = await startConsoleEmulator(port);
    await page.locator('.connection.live').waitFor({ timeout: 15_000 });
    await fetch(`${emulator.url}/v1/users/${USER.userId}/account`, {
      headers: {
        authorization: `Basic ${Buffer.from(`${USER.apiToken}:${USER.apiSecret}`).toString('base64')}`,
      },
    });
    await page
      .locator('.row', { hasText: `GET /v1/users/${USER.userId}/account → 200` })
      .last()
      .waitFor();
    expect(Number((await page.locator('.count').textContent())?.split(' of ')[1])).toBeLessThan(
      100,
    );
  });
});
