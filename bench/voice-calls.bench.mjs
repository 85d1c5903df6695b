#!/usr/bin/env node
// Many BXML calls at once on the emulator, the way a voice platform is judged. Each call is
// created through `@bw/voice` with GET callbacks to an app built on
// `createVoiceCallbackHandler(...).node`; the far end answers by itself, the app answers
// SpeakSentence → Gather (1 digit), the far end presses 5 once the Gather runs, the app answers the
// gather with a Redirect and the redirect with Hangup. Speed 50 (a 30 s Gather window is 600 ms).
// Emulator, app and driver share one process, so its event loop carries all of them.
//
// Printed: how many flows completed exactly (digit 5 by max-digits, redirect, hangup), callbacks/s
// the app served, event-loop lag p99 and max, peak RSS, wall time.
//
// The far end presses its digit once a long poll of the call's trace shows the Gather running; a
// digit that comes after the Gather's window (600 ms of real time at speed 50) is a lost flow.
//
// Usage: node bench/voice-calls.bench.mjs [--calls 5000] [--speed 50]   (or BW_BENCH_CALLS=5000)
import { Agent, createServer, request } from 'node:http';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { gather, hangup, redirect, response, speakSentence } from '@bw/bxml';
import { startEmulator } from '@bw/emulator';
import { VoiceClient } from '@bw/voice';
import { createVoiceCallbackHandler } from '@bw/voice/callbacks';

const callsFlag = process.argv.indexOf('--calls');
const CALLS = Number(
  callsFlag !== -1 ? process.argv[callsFlag + 1] : (process.env.BW_BENCH_CALLS ?? 1000),
);
const speedFlag = process.argv.indexOf('--speed');
const SPEED = Number(speedFlag !== -1 ? process.argv[speedFlag + 1] : 50);
const USER = { userId: 'u-bench', apiToken: 't-bench', apiSecret: 's-bench' };
const FROM = '+19195551212';
const TARGETS = { callbacksPerSecond: 2000, lagP99Ms: 50, rssMb: 200 };
/** Real ms a flow may take before it counts as lost. */
const FLOW_TIMEOUT_MS = 120_000;

/** The app: one document per step; records what each call went through. */
async function startApp() {
  const flows = new Map();
  let callbacks = 0;
  const flowOf = (callId) => {
    let flow = flows.get(callId);
    if (!flow) {
      flow = { steps: [], done: undefined, resolve: undefined };
      flow.done = new Promise((resolve) => {
        flow.resolve = resolve;
      });
      flows.set(callId, flow);
    }
    return flow;
  };
  let url = '';
  const handler = createVoiceCallbackHandler({
    onEvent: (event) => {
      callbacks++;
      const flow = flowOf(event.callId);
      switch (event.eventType) {
        case 'answer':
          flow.steps.push('answer');
          // The prompt inside the Gather: a digit pressed while it speaks counts (barge-in).
          return response(
            gather(
              { requestUrl: `${url}/gather`, maxDigits: 1, interDigitTimeout: 30 },
              speakSentence('Welcome to the benchmark line. Press any key.'),
            ),
          );
        case 'gather':
          flow.steps.push(`gather:${event.digits ?? ''}:${event.reason ?? ''}`);
          return response(redirect({ requestUrl: `${url}/next`, requestUrlTimeout: 10_000 }));
        case 'redirect':
          flow.steps.push('redirect');
          return response(hangup());
        case 'hangup':
          flow.steps.push('hangup');
          flow.resolve();
          return undefined;
        default:
          // The far end's digit (`dtmf`) and other events need no answer.
          return undefined;
      }
    },
  });
  const server = createServer({ keepAliveTimeout: 30_000 }, handler.node);
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${server.address().port}`;
  return {
    url,
    flowOf,
    callbacks: () => callbacks,
    close: () => {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(resolve));
    },
  };
}

/** One GET of the control API over the bench's own keep-alive agent: status, version, entries. */
function getTrace(url) {
  return new Promise((resolve, reject) => {
    const outgoing = request(url, { agent: controlAgent }, (incoming) => {
      const chunks = [];
      incoming.on('data', (chunk) => chunks.push(chunk));
      incoming.on('end', () =>
        resolve({
          version: incoming.headers['x-emulator-trace-version'] ?? '0',
          entries: JSON.parse(Buffer.concat(chunks).toString('utf8')),
        }),
      );
    });
    outgoing.on('error', reject);
    outgoing.end();
  });
}

const controlAgent = new Agent({ keepAlive: true });

/** Long-polls the call's verb trace until its Gather runs (the far end's cue to press). */
async function gatherRunning(emulatorUrl, callId) {
  const deadline = Date.now() + FLOW_TIMEOUT_MS;
  let after = '';
  while (Date.now() < deadline) {
    const wait = after === '' ? '' : '&wait=30000';
    const { version, entries } = await getTrace(
      `${emulatorUrl}/_emulator/calls/${callId}/trace?type=verb&after=${after || 0}${wait}`,
    );
    if (entries.some((entry) => entry.verb === 'Gather' && entry.outcome === 'running')) return;
    if (entries.some((entry) => entry.verb === 'Gather')) throw new Error('the Gather ended first');
    after = version;
  }
  throw new Error('the Gather never ran');
}

const EXPECTED = ['answer', 'gather:5:max-digits', 'redirect', 'hangup'].join(' → ');

/** Runs the calls; returns the rows. */
export default async function run() {
  const emulator = await startEmulator({
    users: [{ ...USER, numbers: [FROM], balance: '1000000' }],
    speed: SPEED,
  });
  const app = await startApp();
  const voice = new VoiceClient({ ...USER, baseUrl: emulator.url, timeout: 60_000 });
  const lag = monitorEventLoopDelay({ resolution: 10 });
  let peakRss = process.memoryUsage.rss();
  const rssSampler = setInterval(() => {
    peakRss = Math.max(peakRss, process.memoryUsage.rss());
  }, 100);
  const runOne = async (index) => {
    const callId = await voice.createCall({
      from: FROM,
      to: `+1404555${String(index % 10_000).padStart(4, '0')}`,
      callbackUrl: `${app.url}/calls`,
      callbackHttpMethod: 'GET',
      callTimeout: 300,
    });
    const flow = app.flowOf(callId);
    await gatherRunning(emulator.url, callId);
    await emulator.control.sendDtmf(callId, '5');
    let timer;
    const finished = await Promise.race([
      flow.done.then(() => true),
      new Promise((resolve) => {
        timer = setTimeout(() => resolve(false), FLOW_TIMEOUT_MS);
      }),
    ]);
    clearTimeout(timer);
    return finished && flow.steps.join(' → ') === EXPECTED ? 'ok' : flow.steps.join(' → ');
  };
  lag.enable();
  const started = performance.now();
  let outcomes;
  try {
    outcomes = await Promise.all(
      Array.from({ length: CALLS }, (_, index) =>
        runOne(index).catch((error) => `failed: ${error.message}`),
      ),
    );
  } finally {
    lag.disable();
    clearInterval(rssSampler);
  }
  const seconds = (performance.now() - started) / 1000;
  const callbacks = app.callbacks();
  await app.close();
  await emulator.close();

  const completed = outcomes.filter((outcome) => outcome === 'ok').length;
  const wrong = new Map();
  for (const outcome of outcomes) {
    // Counted by kind: call ids left out, so one line stands for all calls that failed alike.
    const kind = outcome.replace(/\bc-[a-z0-9]+/g, 'c-…');
    if (outcome !== 'ok') wrong.set(kind, (wrong.get(kind) ?? 0) + 1);
  }
  const completion = (completed / CALLS) * 100;
  const callbacksPerSecond = callbacks / seconds;
  const lagP99 = lag.percentile(99) / 1e6;
  const lagMax = lag.max / 1e6;
  const rssMb = peakRss / 2 ** 20;
  console.log(
    `${CALLS} calls (${EXPECTED}), speed ${SPEED}: ${completed} completed (${completion.toFixed(1)} %) in ${seconds.toFixed(1)} s, ` +
      `${callbacks} callbacks (${Math.round(callbacksPerSecond)}/s), event-loop lag p99 ${lagP99.toFixed(0)} ms ` +
      `(max ${lagMax.toFixed(0)}), peak RSS ${rssMb.toFixed(0)} MB`,
  );
  for (const [outcome, count] of wrong) console.log(`  ${count} × ${outcome || '(no callback)'}`);
  return [
    {
      name: `${CALLS} concurrent BXML calls: completed`,
      value: completion,
      unit: '%',
      baselineName: 'all calls',
      baseline: 100,
      ratio: completion / 100,
      target: '≥ 1',
    },
    {
      name: `${CALLS} BXML calls: callbacks/s served by the app`,
      value: callbacksPerSecond,
      unit: '/s',
      baselineName: 'target',
      baseline: TARGETS.callbacksPerSecond,
      ratio: callbacksPerSecond / TARGETS.callbacksPerSecond,
      target: '≥ 1',
    },
    {
      name: `${CALLS} BXML calls: event-loop lag p99 (max ${lagMax.toFixed(0)} ms)`,
      value: lagP99,
      unit: 'ms',
      baselineName: 'target',
      baseline: TARGETS.lagP99Ms,
      ratio: lagP99 / TARGETS.lagP99Ms,
      target: '≤ 1',
    },
    {
      name: `${CALLS} BXML calls: peak RSS (wall ${seconds.toFixed(1)} s)`,
      value: rssMb,
      unit: 'MB',
      baselineName: 'target',
      baseline: TARGETS.rssMb,
      ratio: rssMb / TARGETS.rssMb,
      target: '≤ 1',
    },
  ];
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  console.table(await run());
}
