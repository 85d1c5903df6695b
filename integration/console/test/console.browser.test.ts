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
/** With 200 live calls no single task may hold the page this long, … */
const LONG_TASK_BUDGET_MS = 500;
/** … nor may long tasks take this share of the time (the page must keep up). */
const BUSY_SHARE_BUDGET = 0.3;

/** `Calls (12 · 3 live)` → 12. */
function callCount(heading: string | null): number {
  return Number(/\((\d+)/.exec(heading ?? '')?.[1] ?? 0);
}
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
/** The call call-and-speak placed (the keyboard test opens it). */
let spokenCallId = '';

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

/**
 * Serious and critical axe violations of the page. `only` limits the rules (the dark scheme
 * changes colours only, so only the colour rule can tell it from the light one).
 */
async function seriousViolations(only?: string[]): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window)))
    await page.addScriptTag({ path: requireFrom.resolve('axe-core/axe.min.js') });
  return page.evaluate(async (rules) => {
    const axe = (
      window as unknown as {
        axe: {
          run(
            context: Document,
            options: object,
          ): Promise<{
            violations: Array<{ id: string; impact: string; nodes: Array<{ target: string[] }> }>;
          }>;
        };
      }
    ).axe;
    const result = await axe.run(
      document,
      // Only violations are wanted: axe skips collecting every passing node (much faster).
      {
        resultTypes: ['violations'],
        ...(rules ? { runOnly: { type: 'rule', values: rules } } : {}),
      },
    );
    return result.violations
      .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
      .map(
        (violation) =>
          `${violation.id} (${violation.nodes.length}): ${violation.nodes
            .slice(0, 3)
            .map((node) => node.target.join(' '))
            .join(', ')}`,
      );
  }, only);
}

/** Presses Tab (or Shift+Tab) until the focused element matches `selector`. */
async function tabTo(selector: string, backwards = false, limit = 60): Promise<void> {
  for (let presses = 0; presses < limit; presses++) {
    if (await page.evaluate((css) => document.activeElement?.matches(css) ?? false, selector))
      return;
    await page.keyboard.press(backwards ? 'Shift+Tab' : 'Tab');
  }
  throw new Error(`Tab never reached ${selector}`);
}

/** The focused element shows a focus ring (an outline of some width). */
async function expectVisibleFocus(): Promise<void> {
  const ring = await page.evaluate(() => {
    const focused = document.activeElement as HTMLElement | null;
    if (!focused || focused === document.body) return 'nothing focused';
    const style = getComputedStyle(focused);
    return style.outlineStyle === 'none' || style.outlineWidth === '0px'
      ? `no focus ring on ${focused.outerHTML.slice(0, 80)}`
      : 'ring';
  });
  expect(ring).toBe('ring');
}

/** What does not fit a narrow window: page-wide horizontal scroll, controls out of view. */
async function overflowAtWidth(): Promise<string[]> {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const problems: string[] = [];
    if (document.documentElement.scrollWidth > width)
      problems.push(`page scrolls sideways (${document.documentElement.scrollWidth} > ${width})`);
    for (const control of Array.from(
      document.querySelectorAll<HTMLElement>('a[href], button, input, select, summary'),
    )) {
      if (control.closest('.table-scroll, pre') || control.getClientRects().length === 0) continue;
      const box = control.getBoundingClientRect();
      if (box.left < -1 || box.right > width + 1)
        problems.push(`${control.outerHTML.slice(0, 60)} at ${box.left}–${box.right}`);
    }
    return problems;
  });
}

/** Answers from the control API, for the test's own checks. */
async function autoAnswerPolicy(): Promise<unknown> {
  const text = await (await fetch(`${emulator.url}/_emulator/calls/auto-answer`)).text();
  return text.startsWith('{') ? JSON.parse(text) : text;
}

beforeAll(async () => {
  const executablePath = ensureChromium();
  emulator = await startConsoleEmulator();
  port = Number(new URL(emulator.url).port);
  autoReply = await createAutoReplyApp({ messaging: sdk.messaging() });
  ivr = await createIvrApp({ salesNumber: NUMBERS.sales, salesRingSeconds: 5 });
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

  it('dials the IVR, reads the menu, presses 1; sales does not answer, so the trace advances to the voicemail and its recording appears', async () => {
    // Nobody answers for sales: after its ring time the IVR offers the voicemail box.
    await emulator.control.setAutoAnswer('never');
    await view('phone');
    await page.getByLabel('Owned number to reach').selectOption(NUMBERS.ivr);
    await page.getByRole('button', { name: `Call ${NUMBERS.ivr}` }).click();
    const heard = page.getByRole('list', { name: 'What the call hears' });
    await expect
      .poll(() => heard.textContent(), { timeout: 20_000 })
      .toContain('Press 1 for sales');
    await page.getByRole('button', { name: 'Key 1' }).click();
    await expect
      .poll(() => heard.textContent(), { timeout: 20_000 })
      .toContain('Connecting you to sales');
    await view('calls');
    await page
      .getByTestId('call-rows')
      .locator('button', { hasText: `${NUMBERS.phone} → ${NUMBERS.ivr}` })
      .first()
      .click();
    const running = page.locator('.bxml li.running');
    await expect.poll(() => running.textContent(), { timeout: 20_000 }).toContain('Transfer');
    expect(await page.locator('article.detail').textContent()).toContain('digits 1');
    await page.screenshot({ path: join(SHOTS, 'call-transferring.png') });
    await expect.poll(() => running.textContent(), { timeout: 20_000 }).toContain('Record');
    expect(await page.locator('article.detail').textContent()).toContain(
      'Sales is not available right now.',
    );
    await page.screenshot({ path: join(SHOTS, 'call-voicemail.png') });
    // The caller stays silent: the recording ends after its silence timeout and is saved.
    await page.getByRole('link', { name: /Download .*\.(wav|mp3)/ }).waitFor({ timeout: 20_000 });
    const href = await page
      .getByRole('link', { name: /Download/ })
      .first()
      .getAttribute('href');
    const media = await fetch(`${emulator.url}${href}`);
    expect(media.status).toBe(200);
    expect(media.headers.get('content-type')).toMatch(/^audio\//);
    expect(ivr.voicemails).toHaveLength(1);
    await emulator.control.setAutoAnswer({ afterMs: 2000 });
  });

  it('rings the phone for an outbound call from call-and-speak; answering shows the sentence; the call’s sequence shows app, emulator and callbacks in order', async () => {
    await view('phone');
    await page.getByLabel("This phone's number").fill(NUMBERS.alice);
    const ringHere = page.getByLabel('Let calls ring here (turns auto-answer off)');
    await expect.poll(() => ringHere.isChecked()).toBe(false);
    await ringHere.click();
    await expect.poll(autoAnswerPolicy).toBe('never');
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
    const { callId, answered } = await result;
    spokenCallId = callId;
    expect(answered).toBe(true);
    // Off again: the policy in force before comes back.
    await ringHere.click();
    await expect.poll(autoAnswerPolicy).toEqual({ afterMs: 2000 });

    await page.evaluate((id) => {
      location.hash = `#/calls/${id}`;
    }, callId);
    const sequence = page.getByRole('list', { name: `Sequence of call ${callId}` });
    await expect.poll(() => sequence.textContent(), { timeout: 15_000 }).toMatch(/hangup · POST/);
    const steps = (await sequence.getByRole('listitem').allTextContents()).map((text) =>
      text.replace(/^\d\d:\d\d:\d\d\.\d{3}/, ''),
    );
    const at = (pattern: RegExp) => steps.findIndex((step) => pattern.test(step));
    // The app's create, answered 201; the far end answered; the answer callback; the app's
    // speak request; the hangup callback — in that order.
    const created = at(/^your app to emulator: POST \/calls, answered 201/);
    const answer = at(
      /^Emulator to your app: answer · POST http:\/\/127\.0\.0\.1:\d+\/call-events, answered 200/,
    );
    const speak = at(
      new RegExp(`^your app to emulator: POST /calls/${callId}/audio, answered 200`),
    );
    const hangup = at(/^Emulator to your app: hangup/);
    expect(created, steps.join('\n')).toBeGreaterThanOrEqual(0);
    expect(answer).toBeGreaterThan(created);
    expect(speak).toBeGreaterThan(answer);
    expect(hangup).toBeGreaterThan(speak);
    expect(steps).toContain('Call state: active');
    await page.locator('.sequence').screenshot({ path: join(SHOTS, 'sequence.png') });
  });

  it('keeps “Let calls ring here” true to the emulator’s auto-answer policy: changed elsewhere, clicked quickly, after a reload', async () => {
    await view('phone');
    const ringHere = page.getByLabel('Let calls ring here (turns auto-answer off)');
    // Changed from elsewhere (the Controls view, a test, curl): the box follows.
    await emulator.control.setAutoAnswer('never');
    await expect.poll(() => ringHere.isChecked()).toBe(true);
    await emulator.control.setAutoAnswer({ afterMs: 300 });
    await expect.poll(() => ringHere.isChecked()).toBe(false);
    // One click: the box stays on, with no error (its answer, a plain `never`, is understood).
    await ringHere.click();
    await expect.poll(autoAnswerPolicy).toBe('never');
    await page.waitForTimeout(700);
    expect(await ringHere.isChecked()).toBe(true);
    expect(await page.getByRole('alert').count()).toBe(0);
    await ringHere.click();
    await expect.poll(autoAnswerPolicy).toEqual({ afterMs: 300 });
    // Three quick clicks: the emulator ends where the box does.
    await ringHere.click();
    await ringHere.click();
    await ringHere.click();
    await expect.poll(autoAnswerPolicy).toBe('never');
    await page.waitForTimeout(700);
    expect(await ringHere.isChecked()).toBe(true);
    // Off: the policy in force before (not a made-up one) comes back.
    await ringHere.click();
    await expect.poll(autoAnswerPolicy).toEqual({ afterMs: 300 });
    await page.waitForTimeout(700);
    expect(await ringHere.isChecked()).toBe(false);
    // A reloaded page shows what the emulator does.
    await emulator.control.setAutoAnswer('never');
    await page.reload();
    await page.locator('.connection.live').waitFor();
    await view('phone');
    await expect.poll(() => ringHere.isChecked()).toBe(true);
    await ringHere.click();
    // The page that turned it on is gone: the emulator's start policy comes back.
    await expect.poll(autoAnswerPolicy).toEqual({ afterMs: 2000 });
    await page.getByLabel("This phone's number").fill(NUMBERS.phone);
  });

  it('opens a timeline entry by clicking it: a callback answered 500 opens its message, red with its body; a fault shows its details', async () => {
    const { port: failingPort } = failing.address() as AddressInfo;
    const messageId = await sdk.messaging().sendMessage({
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
          headers: { authorization: basicAuth },
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
    await expect.poll(() => page.evaluate(() => location.hash)).toBe(`#/messages/${messageId}`);
    const opened = page.locator('.bubble[aria-current="true"]');
    await expect.poll(() => opened.textContent()).toContain('Receipt please');
    const callback = opened.locator('.callbacks li.failure').first();
    expect(await callback.textContent()).toContain('the handler exploded');
    expect(
      await callback.locator('summary').evaluate((node) => getComputedStyle(node).color),
    ).not.toBe(await page.locator('h1').evaluate((h1) => getComputedStyle(h1).color));
    await page.screenshot({ path: join(SHOTS, 'callback-500.png') });
    await view('timeline');
    await page.getByLabel('Kind').selectOption('fault');
    await page.locator('.row.failure', { hasText: 'fault status 503' }).first().click();
    const details = page.getByRole('complementary', { name: 'Entry details' });
    await expect.poll(() => details.textContent()).toContain('"status": 503');
    await page.getByLabel('Kind').selectOption('');
  });

  it('is usable with the keyboard alone: timeline → open a call → phone keypad → controls, focus always visible', async () => {
    await view('timeline');
    const callId = spokenCallId;
    expect(callId).toMatch(/^c-/);
    await page.locator('h1').click();
    await tabTo('input[placeholder="c-… or m-…"]');
    await expectVisibleFocus();
    await page.keyboard.type(String(callId));
    await tabTo('.row-button');
    await expectVisibleFocus();
    await page.keyboard.press('End');
    await page.keyboard.press('Home');
    await page.keyboard.press('ArrowDown');
    await expect
      .poll(() =>
        page.evaluate(() => document.activeElement?.closest('li')?.getAttribute('aria-posinset')),
      )
      .toBe('2');
    await expectVisibleFocus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.evaluate(() => location.hash)).toBe(`#/calls/${callId}`);
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.textContent))
      .toBe(`Call ${callId}`);
    await expectVisibleFocus();

    await tabTo('nav a[href="#/phone"]', true);
    await expectVisibleFocus();
    await page.keyboard.press('Enter');
    await page.locator('nav a[aria-current="page"][href="#/phone"]').waitFor();
    await tabTo('select');
    await page.keyboard.press('Home');
    const options = await page.locator('select option').allTextContents();
    for (let step = 0; step < options.indexOf(NUMBERS.ivr); step++)
      await page.keyboard.press('ArrowDown');
    expect(await page.locator('select').inputValue()).toBe(NUMBERS.ivr);
    await tabTo(`button.dial`);
    await expectVisibleFocus();
    await page.keyboard.press('Enter');
    const heard = page.getByRole('list', { name: 'What the call hears' });
    await expect
      .poll(() => heard.textContent(), { timeout: 20_000 })
      .toContain('Press 1 for sales');
    await tabTo('.keypad button[tabindex="0"]');
    await expectVisibleFocus();
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe(
      'Key 3',
    );
    await expectVisibleFocus();
    await page.keyboard.press('Space');
    await expect
      .poll(() => heard.textContent(), { timeout: 20_000 })
      .toContain('Thank you for calling. Goodbye.');

    await tabTo('nav a[href="#/controls"]', true);
    await page.keyboard.press('Enter');
    await page.locator('nav a[aria-current="page"][href="#/controls"]').waitFor();
    await tabTo('input[step="0.01"]');
    await expectVisibleFocus();
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.type('42.5');
    await page.keyboard.press('Enter');
    await expect
      .poll(() => page.locator('form[aria-labelledby="balance-title"] output').textContent())
      .toContain('"balance":"42.5');
  });

  it('stays smooth with 200 live calls: long tasks and frames measured in the page, the call list windowed, the timeline scrollable', async () => {
    await view('calls');
    const callsBefore = callCount(await page.locator('.list h2').textContent());
    await page.evaluate(() => {
      const perf = {
        longTasks: [] as number[],
        maxFrameGap: 0,
        frames: 0,
        started: performance.now(),
      };
      (window as unknown as { perf: typeof perf }).perf = perf;
      new PerformanceObserver((list) => {
        for (const task of list.getEntries()) perf.longTasks.push(task.duration);
      }).observe({ type: 'longtask' });
      let last = performance.now();
      const frame = (now: number) => {
        perf.maxFrameGap = Math.max(perf.maxFrameGap, now - last);
        perf.frames += 1;
        last = now;
        requestAnimationFrame(frame);
      };
      requestAnimationFrame(frame);
    });
    await fetch(`${emulator.url}/_emulator/balance`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ balance: 1_000_000 }),
    });
    await emulator.control.setAutoAnswer({ afterMs: 0 });
    const started = Date.now();
    // Outbound calls the far end answers at once: all 200 stay up until they are hung up.
    const placed = await Promise.all(
      Array.from({ length: 200 }, async (_, index) => {
        const response = await fetch(`${emulator.url}/v1/users/${USER.userId}/calls`, {
          method: 'POST',
          headers: { authorization: basicAuth, 'content-type': 'application/json' },
          body: JSON.stringify({
            from: NUMBERS.caller,
            to: `+1555010${String(index).padStart(4, '0')}`,
          }),
        });
        expect(response.status).toBe(201);
        return String(response.headers.get('location')).split('/').pop() as string;
      }),
    );
    const placedMs = Date.now() - started;
    await expect
      .poll(async () => callCount(await page.locator('.list h2').textContent()), {
        timeout: 20_000,
      })
      .toBeGreaterThanOrEqual(callsBefore + 200);
    await expect
      .poll(() => page.locator('.list h2').textContent(), { timeout: 20_000 })
      .toContain('· 200 live');
    const callRows = page.getByTestId('call-rows');
    expect(await callRows.locator('li').count()).toBeLessThan(60);
    for (const fraction of [1, 0.5, 0]) {
      await callRows.evaluate((element, at) => {
        element.scrollTop = (element.scrollHeight - element.clientHeight) * at;
      }, fraction);
      await page.waitForTimeout(100);
    }
    await view('timeline');
    const rows = page.getByTestId('timeline-rows');
    await rows.evaluate((element) => {
      element.scrollTop = (element.scrollHeight - element.clientHeight) / 2;
    });
    await page.waitForTimeout(100);
    const middle = await rows.evaluate((element) => {
      const at = Math.ceil(element.scrollTop / 28) + 1;
      return { at, shown: element.querySelector(`li[aria-posinset="${at}"] .time`)?.textContent };
    });
    expect(middle.shown, `row ${middle.at}`).toMatch(/^\d\d:\d\d:\d\d/);
    await Promise.all(
      placed.map((callId) =>
        fetch(`${emulator.url}/_emulator/calls/${callId}/hangup`, { method: 'POST' }),
      ),
    );
    await emulator.control.setAutoAnswer({ afterMs: 2000 });
    await view('calls');
    await expect
      .poll(() => page.locator('.list h2').textContent(), { timeout: 20_000 })
      .toContain('· 0 live');
    const perf = await page.evaluate(() => {
      const { longTasks, maxFrameGap, frames, started } = (
        window as unknown as {
          perf: { longTasks: number[]; maxFrameGap: number; frames: number; started: number };
        }
      ).perf;
      return {
        elapsedMs: Math.round(performance.now() - started),
        frames,
        maxFrameGapMs: Math.round(maxFrameGap),
        longTasks: longTasks.length,
        longTaskMs: Math.round(longTasks.reduce((sum, duration) => sum + duration, 0)),
        maxLongTaskMs: Math.round(Math.max(0, ...longTasks)),
      };
    });
    console.log(`200 live calls (placed in ${placedMs} ms): ${JSON.stringify(perf)}`);
    expect(perf.maxLongTaskMs).toBeLessThan(LONG_TASK_BUDGET_MS);
    expect(perf.longTaskMs / perf.elapsedMs).toBeLessThan(BUSY_SHARE_BUDGET);
  });

  it('fits a narrow window and passes axe on every view at 1280 and 400 px, light and dark; no secret; a screenshot of each', async () => {
    for (const width of [1280, 400]) {
      await page.setViewportSize({ width, height: 800 });
      for (const scheme of ['light', 'dark'] as const) {
        await page.emulateMedia({ colorScheme: scheme });
        for (const name of VIEWS) {
          await view(name);
          await page.waitForTimeout(100);
          const label = `${name} ${width}px ${scheme}`;
          if (scheme === 'light') {
            expect(await page.content()).not.toContain(USER.apiSecret);
            expect(await seriousViolations(), label).toEqual([]);
            if (width < 640) expect(await overflowAtWidth(), label).toEqual([]);
          } else {
            expect(await seriousViolations(['color-contrast']), label).toEqual([]);
          }
          // JPEG: half the time of a PNG, and these are for people to look at.
          await page.screenshot({
            path: join(SHOTS, `${name}-${width}-${scheme}.jpg`),
            quality: 85,
          });
        }
      }
    }
    await page.emulateMedia({ colorScheme: 'light' });
    await page.setViewportSize({ width: 1280, height: 800 });
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
