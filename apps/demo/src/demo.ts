import { createIvrApp, type IvrApp } from '@bw/app-ivr';
import { routeNumber } from '@bw/app-kit';
import { type AutoReplyApp, createAutoReplyApp } from '@bw/app-sms-auto-reply';
import { type Emulator, startEmulator } from '@bw/emulator';
import { type ClientOptions, client } from '@bw/sdk';
import { sendACampaign } from './bulk-step';
import { type CheckResult, Checks } from './checks';
import { printKeepInstructions } from './keep';
import type { DemoOptions } from './options';
import {
  autoReplyToAnInboundSms,
  callAndSpeakToAlice,
  NUMBERS,
  type Story,
  sendAnSms,
  walkTheIvrIntoVoicemail,
} from './story';
import { type ApiRequestRecord, Timeline } from './timeline';

/** How the demo went. */
export interface DemoResult {
  /** True when every step ran and every check held. */
  ok: boolean;
  checks: CheckResult[];
  /** Wall time of the story, ms. */
  durationMs: number;
  /** With `keep`: what is still running, and how to stop it. */
  running?: DemoServices;
}

/** The emulator and the apps the demo started. */
export interface DemoServices {
  emulator: Emulator;
  autoReply: AutoReplyApp;
  ivr: IvrApp;
  /** Stops the apps, then the emulator. */
  close(): Promise<void>;
}

const STEPS = [
  { name: 'send an SMS', run: sendAnSms },
  { name: 'auto-reply', run: autoReplyToAnInboundSms },
  { name: 'call and speak', run: callAndSpeakToAlice },
  { name: 'IVR voicemail', run: walkTheIvrIntoVoicemail },
  { name: 'bulk campaign', run: sendACampaign },
] as const;

/**
 * Runs the story: starts the emulator and the sample apps on free local ports, routes the
 * demo numbers to the apps, runs the five steps, prints the timeline and the check of every
 * effect, and stops everything it started (unless `keep`).
 */
export async function runDemo(options: DemoOptions = {}): Promise<DemoResult> {
  const write = options.write ?? ((line: string) => console.log(line));
  const speed = options.speed ?? (options.keep ? 1 : 20);
  const startedAt = Date.now();
  const requests: ApiRequestRecord[] = [];
  const services = await startServices(speed, options, requests);
  const timeline = new Timeline(write);
  const checks = new Checks(write);
  const { emulator, autoReply, ivr } = services;
  let kept = false;
  try {
    const { userId, apiToken, apiSecret } = emulator.credentials;
    const clientOptions = loggedOptions(emulator.url, requests);
    const story: Story = {
      emulator,
      sms: client('messaging', userId, apiToken, apiSecret, clientOptions),
      voice: client('voice', userId, apiToken, apiSecret, clientOptions),
      autoReply,
      ivr,
      timeline,
      checks,
      requests,
      stepTimeoutMs: options.stepTimeoutMs ?? 15_000,
    };

    timeline.line(`bw demo — the @bw SDK end to end against a local emulator (speed ${speed}×)`);
    timeline.line();
    timeline.line(`   emulator        ${emulator.url}  (user ${userId})`);
    timeline.line(`   sms-auto-reply  ${autoReply.url}  (texts to ${NUMBERS.sms})`);
    timeline.line(`   ivr             ${ivr.url}  (calls to ${NUMBERS.ivr}, BXML)`);
    timeline.line();
    timeline.line(
      '   → API request by an app   ← callback to an app   ▶ BXML verb run   ☎ the far end',
    );

    for (const step of STEPS) {
      timeline.line();
      try {
        await step.run(story);
      } catch (error) {
        checks.step(step.name);
        checks.fail(`step "${step.name}" did not finish`, error);
      }
    }

    const durationMs = Date.now() - timeline.startedAt;
    const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
    const took = `the story took ${seconds(durationMs)}, ${seconds(Date.now() - startedAt)} with start-up`;
    const failures = checks.failures;
    timeline.line();
    if (failures.length === 0) {
      timeline.line(`✓ All ${checks.results.length} checks held — ${took}.`);
    } else {
      timeline.line(`✗ ${failures.length} of ${checks.results.length} checks failed — ${took}:`);
      for (const failure of failures) {
        timeline.line(
          `   ✗ [${failure.step}] ${failure.label}${failure.detail ? ` — ${failure.detail}` : ''}`,
        );
      }
    }
    const result: DemoResult = { ok: failures.length === 0, checks: checks.results, durationMs };
    if (options.keep) {
      printKeepInstructions(write, services, speed);
      result.running = services;
      kept = true;
    }
    return result;
  } finally {
    if (!kept) await services.close();
  }
}

async function startServices(
  speed: number,
  options: DemoOptions,
  requests: ApiRequestRecord[],
): Promise<DemoServices> {
  const emulator = await startEmulator({
    speed,
    seed: 2026,
    faults: options.faults,
    users: [
      {
        userId: 'u-emulator',
        apiToken: 't-emulator',
        apiSecret: 's-emulator',
        numbers: [NUMBERS.sms, NUMBERS.caller, NUMBERS.ivr],
      },
    ],
  });
  const started: Array<{ close(): Promise<void> }> = [];
  const close = async () => {
    for (const service of started.reverse()) await service.close();
    await emulator.close();
  };
  try {
    const { userId, apiToken, apiSecret } = emulator.credentials;
    const clientOptions = loggedOptions(emulator.url, requests);
    const autoReply = await createAutoReplyApp({
      messaging: client('messaging', userId, apiToken, apiSecret, clientOptions),
    });
    started.push(autoReply);
    const ivr = await createIvrApp({ salesNumber: NUMBERS.sales });
    started.push(ivr);
    // Set-up requests are not part of the story's timeline.
    const accounts = client('account', userId, apiToken, apiSecret, { baseUrl: emulator.url });
    await routeNumber(accounts, {
      number: NUMBERS.sms,
      name: 'demo sms-auto-reply',
      incomingMessageUrl: autoReply.incomingMessageUrl,
    });
    await routeNumber(accounts, {
      number: NUMBERS.ivr,
      name: 'demo ivr',
      incomingCallUrl: ivr.incomingCallUrl,
      callbackHttpMethod: 'GET',
    });
    return { emulator, autoReply, ivr, close };
  } catch (error) {
    await close();
    throw error;
  }
}

/** Client options that record every API response (method, URL, status, created id). */
function loggedOptions(baseUrl: string, requests: ApiRequestRecord[]): ClientOptions {
  return {
    baseUrl,
    hooks: {
      afterResponse: [
        (request, response) => {
          const location = response.headers.get('location');
          const record: ApiRequestRecord = {
            at: Date.now(),
            method: request.method,
            url: request.url,
            status: response.status,
          };
          if (location) record.created = location.split('/').pop();
          requests.push(record);
          return undefined;
        },
      ],
    },
  };
}
