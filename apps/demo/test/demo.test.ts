import { fileURLToPath } from 'node:url';
import { runScript, startScript, withoutBandwidthSettings } from '@bw/app-kit';
import { describe, expect, test } from 'vitest';
import { parseArguments, runDemo } from '../src/index';

const main = fileURLToPath(new URL('../src/main.ts', import.meta.url));
const childEnv = () => withoutBandwidthSettings(process.env);

/** The URLs the demo prints in its header. */
function urlsIn(output: string): string[] {
  return [...output.matchAll(/^ {3}(?:emulator|sms-auto-reply|ivr) +(http:\/\/\S+)/gm)].map(
    (match) => match[1] as string,
  );
}

describe('runDemo', () => {
  test('tells the whole story, every check holds, and nothing is left listening', async () => {
    const lines: string[] = [];
    const result = await runDemo({ write: (line) => lines.push(line) });
    const output = lines.join('\n');

    expect(result.ok).toBe(true);
    expect(result.checks.length).toBeGreaterThanOrEqual(17);
    expect(result.checks.filter((check) => !check.ok)).toEqual([]);
    expect(result.running).toBeUndefined();
    for (const expected of [
      /1\. Send an SMS/,
      /→ API POST \/v1\/users\/u-emulator\/messages → 201 \(m-\S+\)/,
      /← callback POST \/message-status {2}sms out sent \+19195551212 → \+14045550100 {2}→ 200/,
      /☎ \+14045550111 texts \+19195551212: "Hi! Are you open today\?"/,
      /← callback POST \/messages {2}sms in received .*→ 200/,
      /← callback POST \/call-events {2}speak done {2}→ 200/,
      /← callback POST \/call-events {2}hangup NORMAL_CLEARING {2}→ 200/,
      /▶ BXML Gather maxDigits=1 .*→ digits "2"/,
      /☎ caller presses 2/,
      /▶ BXML Record → recording \S+ \(silence, \d+ ms\)/,
      /← callback GET \/voicemail {2}recording \S+ complete {2}→ 200/,
      /▶ BXML Hangup/,
      /✓ All \d+ checks held — the story took [\d.]+ s/,
    ]) {
      expect(output).toMatch(expected);
    }
    expect(output).not.toContain('✗');

    const urls = urlsIn(output);
    expect(urls).toHaveLength(3);
    for (const url of urls) await expect(fetch(url)).rejects.toThrow();
  }, 30_000);

  test('a failing step is reported with its cause, the rest still runs, and ok is false', async () => {
    const lines: string[] = [];
    const result = await runDemo({
      write: (line) => lines.push(line),
      // The first message POST fails: send-sms cannot send; the auto-reply later can.
      faults: [
        { type: 'status', status: 503, method: 'POST', path: '/v1/users/*/messages', times: 1 },
      ],
    });
    const output = lines.join('\n');

    expect(result.ok).toBe(false);
    const failures = result.checks.filter((check) => !check.ok);
    expect(failures).toEqual([
      expect.objectContaining({ step: 'send an SMS', label: 'step "send an SMS" did not finish' }),
    ]);
    expect(failures[0]?.detail).toMatch(/^ServerError: .*503/);
    expect(output).toMatch(/✗ 1 of \d+ checks failed/);
    expect(output).toContain(
      '✓ the call ran Gather → SpeakSentence → Record → SpeakSentence → Hangup',
    );
  }, 30_000);
});

test('parseArguments reads --keep and --speed and refuses anything else', () => {
  expect(parseArguments([])).toEqual({});
  expect(parseArguments(['--keep', '--speed', '5'])).toEqual({ keep: true, speed: 5 });
  expect(parseArguments(['--', '--speed=2.5'])).toEqual({ speed: 2.5 });
  expect(() => parseArguments(['--speed', 'fast'])).toThrow('--speed needs a positive number');
  expect(() => parseArguments(['--kep'])).toThrow('Unknown option "--kep"');
});

describe('as a command', () => {
  test('pnpm demo: exits 0 by itself after the timeline', async () => {
    const run = await runScript(main, { env: childEnv() });

    expect(run.stderr).toBe('');
    expect(run.signal).toBeNull();
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(
      /^bw demo — the @bw SDK end to end against a local emulator \(speed 20×\)/,
    );
    expect(run.stdout).toMatch(/✓ All \d+ checks held/);
  }, 60_000);

  test('pnpm demo --keep: the emulator stays reachable with the printed credentials until Ctrl+C', async () => {
    const script = startScript(main, { args: ['--keep', '--speed', '20'], env: childEnv() });
    try {
      const [, api, token, secret] = (await script.waitForOutput(
        /emulator API {5}(\S+)\/… {3}\(Basic auth: apiToken (\S+), apiSecret (\S+)\)/,
      )) as unknown as [string, string, string, string];
      const answer = await fetch(`${api}/messages`, {
        headers: { authorization: `Basic ${Buffer.from(`${token}:${secret}`).toString('base64')}` },
      });
      expect(answer.status).toBe(200);
      const messages = (await answer.json()) as Array<{ text: string }>;
      expect(messages.map((message) => message.text)).toContain('Hello World');
      expect(script.stdout).toContain('Ctrl+C stops it');
    } finally {
      script.kill('SIGINT');
    }
    const result = await script.exited;
    expect(result.code).toBe(0);
  }, 60_000);
});
