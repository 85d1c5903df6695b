#!/usr/bin/env node
// Many BXML calls at once on the emulator, the way a voice platform is judged. Each call is
// created through `@bw/voice` with GET callbacks to an app built on
// `createVoiceCallbackHandler(...).node`; the far end answers by itself, the app answers a Gather
// (1 digit) around a SpeakSentence prompt, the far end presses 5 one simulated second after the
// Gather starts (barging into the prompt), the app answers the gather with a Redirect and the
// redirect with Hangup. Speed 50 (a 30 s Gather window is 600 ms).
//
// Three processes, as a real setup has them: the emulator, the app (node:http) and the driver
// (this process: creates the calls and waits for each flow's end). The emulator and the app
// report their own event-loop lag and peak RSS. The measured runs each start fresh processes.
//
// The three share the machine's cores, with the V8 threads of each (compiling hot code, collecting
// garbage in parallel). So each run also prints the CPU time of all three and, where Linux reports
// it (/proc/thread-self/schedstat), how long the emulator's main thread was ready to run but
// waited for a core: when all three together keep every core busy, the callbacks/s figure is the
// machine's, not the emulator's.
//
// Printed per run: how many flows completed exactly (digit 5 by max-digits, redirect, hangup),
// callbacks/s the app served, the emulator's event-loop lag p99 and max, its peak RSS (the app's
// beside it), the CPU time the emulator used (what a loaded machine changes least), wall time.
// Default: 5 runs of 1,000 calls, then one of 5,000, after warm-up runs that are not counted
// (the driver's HTTP stack and code warm, as in every other benchmark's warm-up): 200 calls, whose
// requests go out through the SDK's interim `node:http` fetch while it loads undici, then four as
// large as a measured run, through undici as every measured run's requests are. The driver's CPU
// per run keeps falling over its first four or five runs of 1,000 (1.2–1.5 s, then 0.7–1.0, to
// 0.4–0.5 s): it shares the two cores with the processes measured, so with one such warm-up the
// first measured run was the slowest in most runs of the benchmark.
//
// Then the steady state: the same runs on one emulator and one app that keep running (as a test
// suite's emulator does), after one unmeasured run that compiles their hot code and opens their
// connections, the emulator reset before each run. Their emulator CPU against the fresh
// processes' shows what a fresh process spends warming up; their peak RSS includes the heap that
// earlier runs' garbage made V8 grow.
//
// Last, the fresh-process runs again on each other supported Node.js release (3 runs each after
// the same warm-ups; all three processes on that release): V8's compilers and the young
// generation it keeps differ between releases, and users run them all. Each run's peak RSS is
// printed with the largest young generation V8 kept meanwhile.
//
// The far end is the emulator's own (`autoAnswer` and `autoPress` options): both run on its
// simulated clock, so a loaded machine slows the run down but cannot make the digit miss the
// Gather's window (a driver that pressed through the control API would race the window with real
// load). Only real-time limits still turn extreme load into failures: a callback's 10 s timeout,
// the driver's 60 s per `createCall`.
//
// Usage: node bench/voice-calls.bench.mjs [--quick] [--runs 5] [--calls 1000] [--big 5000]
//          [--steady 5] [--speed 50] [--releases others] [--release-runs 3] [--warm-ups 4]
//          [--profile]
//   --quick    one run of 1,000 calls, no steady-state, 5,000-call or other-release runs
//              (BW_BENCH_QUICK=1)
//   --steady 0 skips the steady-state runs
//   --releases none skips the other releases (or names them: 22.23.5,24.22.3)
//   --big 0    skips the 5,000-call run; --runs 0 runs only the big one
//   --warm-ups the unmeasured runs of 1,000 calls after the 200-call one (1 under --quick)
//   --profile  the emulator process writes a CPU profile to .tmp/bench/profiles, the app to
//              .tmp/bench/profiles/app
import { fork } from 'node:child_process';
import { createServer } from 'node:http';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { getHeapSpaceStatistics } from 'node:v8';
import { nodeBinary, nodeReleases } from '../scripts/smoke/runtimes.mjs';
import { childResult, median, threadSchedule } from './lib/measure.mjs';

const SELF = fileURLToPath(import.meta.url);
const flag = (name, fallback) => {
  const index = process.argv.indexOf(`--${name}`);
  return index === -1 ? fallback : process.argv[index + 1];
};
const QUICK = process.argv.includes('--quick') || process.env.BW_BENCH_QUICK === '1';
const PROFILE = process.argv.includes('--profile');
const CALLS = Number(flag('calls', process.env.BW_BENCH_CALLS ?? 1000));
const RUNS = Number(flag('runs', QUICK ? 1 : 5));
const BIG = Number(flag('big', QUICK ? 0 : 5000));
const STEADY = Number(flag('steady', QUICK ? 0 : 5));
/** Other supported Node.js releases to repeat the fresh-process runs on (`none`: only this one). */
const RELEASES = releasesToRun(flag('releases', QUICK ? 'none' : 'others'));
/** Fresh-process runs on each of the other releases. */
const RELEASE_RUNS = Number(flag('release-runs', 3));
/** `--summary`: print the fresh-process runs' figures as one JSON line (a release's child). */
const SUMMARY = process.argv.includes('--summary');
const SUMMARY_PREFIX = 'BW_VOICE_SUMMARY ';
const SPEED = Number(flag('speed', 50));
const USER = { userId: 'u-bench', apiToken: 't-bench', apiSecret: 's-bench' };
const FROM = '+19195551212';
const TARGETS = { callbacksPerSecond: 2000, lagP99Ms: 50, rssMb: 200 };
const CORES = availableParallelism();
/** Calls of the unmeasured run that warms the driver up. */
const WARM_UP_CALLS = 200;
/** Unmeasured runs as large as a measured one that follow it. */
const WARM_UP_RUNS = Number(flag('warm-ups', QUICK ? 1 : 4));
/** Real ms a flow may take before it counts as lost. */
const FLOW_TIMEOUT_MS = 120_000;
const EXPECTED = ['answer', 'gather:5:max-digits', 'redirect', 'hangup'].join(' → ');
/** The far end's key: pressed one simulated second into each Gather, during its prompt. */
const AUTO_PRESS = { digits: '5', afterMs: 1000 };

/**
 * The releases of `--releases`: `others` (the supported releases, scripts/smoke/runtimes.mjs,
 * whose major is not this process's), `none`, or a comma-separated list of versions.
 */
function releasesToRun(value) {
  if (value === 'none') return [];
  if (value !== 'others') return value.split(',');
  const major = process.versions.node.split('.')[0];
  return nodeReleases.filter((version) => version.split('.')[0] !== major);
}

/** Seconds of CPU (user and system) of this process since `since` (a `process.cpuUsage()`). */
const cpuSecondsSince = (since) => {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / 1e6;
};

/** Bytes V8 has reserved for its young generation now (new space and its large objects). */
function youngGenerationBytes() {
  let bytes = 0;
  for (const space of getHeapSpaceStatistics()) {
    if (space.space_name.startsWith('new_')) bytes += space.space_size;
  }
  return bytes;
}

/**
 * Child side, common to the emulator and the app: event-loop lag, peak RSS (and the largest
 * young generation V8 kept meanwhile, part of it), CPU time of the process and of its main thread
 * between `start` and `stats`; `stop` runs `close` and exits.
 */
function reportOwnFigures(close) {
  const lag = monitorEventLoopDelay({ resolution: 10 });
  let peakRss = 0;
  let peakYoung = 0;
  let sampler;
  let cpuAtStart;
  let scheduleAtStart;
  const sample = () => {
    peakRss = Math.max(peakRss, process.memoryUsage.rss());
    peakYoung = Math.max(peakYoung, youngGenerationBytes());
  };
  process.on('message', async (message) => {
    if (message.type === 'start') {
      peakRss = 0;
      peakYoung = 0;
      sample();
      sampler = setInterval(sample, 100);
      lag.reset();
      lag.enable();
      cpuAtStart = process.cpuUsage();
      scheduleAtStart = threadSchedule();
    } else if (message.type === 'stats') {
      lag.disable();
      clearInterval(sampler);
      sample();
      const schedule = threadSchedule();
      process.send({
        cpuSeconds: cpuSecondsSince(cpuAtStart),
        mainThread: schedule && {
          cpuSeconds: schedule.running - scheduleAtStart.running,
          waitSeconds: schedule.waiting - scheduleAtStart.waiting,
        },
        type: 'stats',
        lagP99Ms: lag.percentile(99) / 1e6,
        lagMaxMs: lag.max / 1e6,
        rssMb: peakRss / 2 ** 20,
        youngMb: peakYoung / 2 ** 20,
      });
    } else if (message.type === 'stop') {
      await close();
      process.disconnect();
    }
  });
}

/** The emulator process. */
async function serveEmulator() {
  const { startEmulator } = await import('@bw/emulator');
  const emulator = await startEmulator({
    users: [{ ...USER, numbers: [FROM], balance: '1000000' }],
    speed: SPEED,
    autoPress: AUTO_PRESS,
  });
  reportOwnFigures(() => emulator.close());
  process.send({ type: 'ready', url: emulator.url });
}

/** The app process: one document per step; tells the driver what each call went through. */
async function serveApp() {
  const { gather, hangup, redirect, response, speakSentence } = await import('@bw/bxml');
  const { createVoiceCallbackHandler } = await import('@bw/voice/callbacks');
  const steps = new Map();
  let callbacks = 0;
  const stepsOf = (callId) => {
    let list = steps.get(callId);
    if (!list) {
      list = [];
      steps.set(callId, list);
    }
    return list;
  };
  let url = '';
  // Flows that ended in this turn of the loop, told to the driver in one message at its end: a
  // message per call would cost the app a pipe write, and the driver a read, a thousand times a
  // run, on the cores the run is measured on.
  let ended = [];
  const reportEnded = () => {
    process.send({ type: 'flows', flows: ended });
    ended = [];
  };
  const reportFlow = (callId, flow) => {
    if (ended.length === 0) setImmediate(reportEnded);
    ended.push([callId, flow]);
  };
  const handler = createVoiceCallbackHandler({
    onEvent: (event) => {
      callbacks++;
      const list = stepsOf(event.callId);
      switch (event.eventType) {
        case 'answer':
          list.push('answer');
          // The prompt inside the Gather: a digit pressed while it speaks counts (barge-in).
          return response(
            gather(
              { requestUrl: `${url}/gather`, maxDigits: 1, interDigitTimeout: 30 },
              speakSentence('Welcome to the benchmark line. Press any key.'),
            ),
          );
        case 'gather':
          list.push(`gather:${event.digits ?? ''}:${event.reason ?? ''}`);
          return response(redirect({ requestUrl: `${url}/next`, requestUrlTimeout: 10_000 }));
        case 'redirect':
          list.push('redirect');
          return response(hangup());
        case 'hangup':
          list.push('hangup');
          steps.delete(event.callId);
          reportFlow(event.callId, list.join(' → '));
          return undefined;
        default:
          // The far end's digit (`dtmf`) and other events need no answer.
          return undefined;
      }
    },
  });
  const server = createServer({ keepAliveTimeout: 30_000 }, handler.node);
  // Room for the emulator's burst of callback connections (Node's default backlog is 511).
  await new Promise((resolve) =>
    server.listen({ port: 0, host: '127.0.0.1', backlog: 4096 }, resolve),
  );
  url = `http://127.0.0.1:${server.address().port}`;
  process.on('message', (message) => {
    if (message.type === 'callbacks') process.send({ type: 'callbacks', count: callbacks });
  });
  reportOwnFigures(() => {
    server.closeAllConnections();
    return new Promise((resolve) => server.close(resolve));
  });
  process.send({ type: 'ready', url });
}

/** Forks this file in `role`; resolves once the child listens. */
async function startChild(role, execArgv = []) {
  const child = fork(SELF, ['--role', role, '--speed', String(SPEED)], {
    execArgv,
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const ready = await new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`${role} exited ${code}`)));
    child.once('message', resolve);
  });
  const ask = (type, answerType = type) =>
    new Promise((resolve) => {
      const onMessage = (message) => {
        if (message.type !== answerType) return;
        child.off('message', onMessage);
        resolve(message);
      };
      child.on('message', onMessage);
      child.send({ type });
    });
  return {
    child,
    url: ready.url,
    ask,
    start: () => child.send({ type: 'start' }),
    stop: async () => {
      child.removeAllListeners('exit');
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.send({ type: 'stop' });
      await exited;
    },
  };
}

/** Starts the emulator and the app processes (with CPU profiles under `--profile`). */
async function startProcesses() {
  const profileDir = path.join(path.dirname(SELF), '..', '.tmp', 'bench', 'profiles');
  const emulator = await startChild(
    'emulator',
    PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [],
  );
  const app = await startChild(
    'app',
    PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}/app`] : [],
  );
  return { emulator, app };
}

/**
 * One run of `calls` calls; returns its figures. On fresh processes, stopped after the run; or
 * on `kept` ones (already warm), whose emulator is reset first, as a test suite resets it
 * between tests, and which keep running.
 */
async function runOnce(calls, kept) {
  const { VoiceClient } = await import('@bw/voice');
  const { emulator, app } = kept ?? (await startProcesses());
  if (kept) {
    const reset = await fetch(`${emulator.url}/_emulator/reset`, { method: 'POST' });
    if (!reset.ok) throw new Error(`emulator reset answered ${reset.status}`);
  }
  const { count: callbacksBefore } = await app.ask('callbacks');
  const finished = new Map();
  const waiting = new Map();
  const onFlow = (message) => {
    if (message.type !== 'flows') return;
    for (const [callId, flow] of message.flows) {
      const resolve = waiting.get(callId);
      if (resolve) resolve(flow);
      else finished.set(callId, flow);
    }
  };
  app.child.on('message', onFlow);
  const flowOf = (callId) => {
    const steps = finished.get(callId);
    if (steps !== undefined) return Promise.resolve(steps);
    return new Promise((resolve) => {
      const timer = setTimeout(() => resolve('(no hangup in time)'), FLOW_TIMEOUT_MS);
      waiting.set(callId, (value) => {
        clearTimeout(timer);
        resolve(value);
      });
    });
  };
  const voice = new VoiceClient({ ...USER, baseUrl: emulator.url, timeout: 60_000 });
  const runOne = async (index) => {
    const callId = await voice.createCall({
      from: FROM,
      to: `+1404555${String(index % 10_000).padStart(4, '0')}`,
      callbackUrl: `${app.url}/calls`,
      callbackHttpMethod: 'GET',
      callTimeout: 300,
    });
    const steps = await flowOf(callId);
    return steps === EXPECTED ? 'ok' : steps;
  };
  emulator.start();
  app.start();
  const started = performance.now();
  const driverCpuAtStart = process.cpuUsage();
  const outcomes = await Promise.all(
    Array.from({ length: calls }, (_, index) =>
      runOne(index).catch((error) => `failed: ${error.cause?.code ?? error.message}`),
    ),
  );
  const seconds = (performance.now() - started) / 1000;
  const driverCpuSeconds = cpuSecondsSince(driverCpuAtStart);
  const emulatorFigures = await emulator.ask('stats');
  const appFigures = await app.ask('stats');
  const { count: callbacksAfter } = await app.ask('callbacks');
  const callbacks = callbacksAfter - callbacksBefore;
  app.child.off('message', onFlow);
  if (!kept) {
    await app.stop();
    await emulator.stop();
  }

  const completed = outcomes.filter((outcome) => outcome === 'ok').length;
  const wrong = new Map();
  for (const outcome of outcomes) {
    // Counted by kind: call ids left out, so one line stands for all calls that failed alike.
    const kind = outcome.replace(/\bc-[a-z0-9]+/g, 'c-…');
    if (outcome !== 'ok') wrong.set(kind, (wrong.get(kind) ?? 0) + 1);
  }
  return {
    calls,
    completion: (completed / calls) * 100,
    seconds,
    callbacks,
    callbacksPerSecond: callbacks / seconds,
    lagP99Ms: emulatorFigures.lagP99Ms,
    lagMaxMs: emulatorFigures.lagMaxMs,
    rssMb: emulatorFigures.rssMb,
    youngMb: emulatorFigures.youngMb,
    cpuSeconds: emulatorFigures.cpuSeconds,
    mainThread: emulatorFigures.mainThread,
    app: appFigures,
    driverCpuSeconds,
    /** Cores the three processes kept busy on average (their CPU time per second of wall). */
    coresBusy: (emulatorFigures.cpuSeconds + appFigures.cpuSeconds + driverCpuSeconds) / seconds,
    wrong,
  };
}

/** ` (main thread x s, waited y s for a core)` where the system reports it. */
function mainThreadText(mainThread) {
  if (!mainThread) return '';
  return ` (main thread ${mainThread.cpuSeconds.toFixed(1)} s, waited ${mainThread.waitSeconds.toFixed(1)} s for a core)`;
}

function printRun(label, figures) {
  console.log(
    `${label}: ${figures.calls} calls, ${figures.completion.toFixed(1)} % complete in ${figures.seconds.toFixed(1)} s, ` +
      `${figures.callbacks} callbacks (${Math.round(figures.callbacksPerSecond)}/s); emulator lag p99 ` +
      `${figures.lagP99Ms.toFixed(0)} ms (max ${figures.lagMaxMs.toFixed(0)}), RSS ${figures.rssMb.toFixed(0)} MB ` +
      `(young generation ${figures.youngMb.toFixed(0)} MB), ` +
      `CPU ${figures.cpuSeconds.toFixed(1)} s${mainThreadText(figures.mainThread)}; app lag p99 ` +
      `${figures.app.lagP99Ms.toFixed(0)} ms, RSS ${figures.app.rssMb.toFixed(0)} MB, CPU ` +
      `${figures.app.cpuSeconds.toFixed(1)} s; driver CPU ${figures.driverCpuSeconds.toFixed(1)} s; ` +
      `the three kept ${figures.coresBusy.toFixed(2)} of ${CORES} cores busy`,
  );
  for (const [outcome, count] of figures.wrong) {
    console.log(`  ${count} × ${outcome || '(no callback)'}`);
  }
}

/** `count` runs in fresh processes, after the driver's warm-up runs; their figures. */
async function freshRuns(count) {
  // The driver is the load generator: its first bursts of `createCall`s would go out through a
  // cold HTTP stack and make the first measured run the driver's, not the emulator's. The SDK
  // sends through `node:http` until undici has loaded (started after its first answer): the first
  // warm-up run's requests take that path, the next ones' (as large as a measured run) the one
  // every measured run takes, until its hot code is optimized.
  printRun('warm-up run 1 (not counted)', await runOnce(Math.min(WARM_UP_CALLS, CALLS)));
  for (let index = 0; index < WARM_UP_RUNS; index++) {
    printRun(`warm-up run ${index + 2} (not counted)`, await runOnce(CALLS));
  }
  const runs = [];
  for (let index = 0; index < count; index++) {
    const figures = await runOnce(CALLS);
    printRun(`run ${index + 1} of ${count}`, figures);
    runs.push(figures);
  }
  return runs;
}

/** What a release's child reports of each run (`--summary`). */
function summaryOf(figures) {
  const { completion, callbacksPerSecond, lagP99Ms, rssMb, youngMb, cpuSeconds } = figures;
  return { completion, callbacksPerSecond, lagP99Ms, rssMb, youngMb, cpuSeconds };
}

/**
 * The fresh-process runs on another Node.js release: this file run by that release's `node`
 * (installed on first use, as the runtime matrix installs it), whose emulator and app processes
 * are forked from it and so run on it too. Resolves with `{ version, runs }` (the runs'
 * summaries), or `{ version, error }` when the release cannot be installed or its run fails.
 */
async function onRelease(version) {
  let binary;
  try {
    binary = await nodeBinary(version);
  } catch (error) {
    return { version, error: error.message };
  }
  const args = [SELF, '--summary', '--runs', String(RELEASE_RUNS), '--calls', String(CALLS)];
  args.push('--speed', String(SPEED), '--warm-ups', String(WARM_UP_RUNS));
  const { code, result: runs } = await childResult(binary, args, {
    prefix: SUMMARY_PREFIX,
    label: `[Node.js ${version}] `,
  });
  return code === 0 && runs ? { version, runs } : { version, error: `exited ${code}` };
}

/** Runs the calls; returns the rows. */
export default async function run() {
  const runs = await freshRuns(RUNS);
  // The same calls on an emulator and an app that keep running: one unmeasured run compiles their
  // hot code and opens their connections, then each measured run starts from a reset emulator.
  // What the fresh processes' runs spend beyond these is their warm-up.
  const steady = [];
  if (STEADY > 0) {
    const kept = await startProcesses();
    printRun('steady state, warm-up run (not counted)', await runOnce(CALLS, kept));
    for (let index = 0; index < STEADY; index++) {
      const figures = await runOnce(CALLS, kept);
      printRun(`steady state, run ${index + 1} of ${STEADY} (reset emulator)`, figures);
      steady.push(figures);
    }
    await kept.app.stop();
    await kept.emulator.stop();
  }
  let big;
  if (BIG > 0) {
    big = await runOnce(BIG);
    printRun(`${BIG}-call run`, big);
  }
  // The same fresh-process runs on the other supported releases, one after the other.
  const releases = [];
  for (const version of RELEASES) releases.push(await onRelease(version));
  const tableRow = (run, figures) => ({
    run,
    'complete %': figures.completion.toFixed(1),
    'callbacks/s': Math.round(figures.callbacksPerSecond),
    'lag p99 ms': figures.lagP99Ms.toFixed(0),
    'lag max ms': figures.lagMaxMs.toFixed(0),
    'RSS MB': figures.rssMb.toFixed(0),
    'emulator CPU s': figures.cpuSeconds.toFixed(1),
    'main thread s': figures.mainThread?.cpuSeconds.toFixed(1) ?? '—',
    'waited for core s': figures.mainThread?.waitSeconds.toFixed(1) ?? '—',
    'cores busy': `${figures.coresBusy.toFixed(2)}/${CORES}`,
    'wall s': figures.seconds.toFixed(1),
  });
  const table = runs.map((figures, index) => tableRow(`${index + 1} × ${figures.calls}`, figures));
  for (const [index, figures] of steady.entries()) {
    table.push(tableRow(`steady ${index + 1} × ${figures.calls}`, figures));
  }
  if (big) table.push(tableRow(`${big.calls}`, big));
  console.table(table);

  /** A row measured against one of `TARGETS`. */
  const againstTarget = (name, value, unit, key, target) => ({
    name,
    value,
    unit,
    baselineName: 'target',
    baseline: TARGETS[key],
    ratio: value / TARGETS[key],
    target,
  });
  /** The run of `list` with the lowest, or highest, `pick`. */
  const runWith = (list, pick, direction) =>
    list.reduce((a, b) => ((pick(b) - pick(a)) * direction > 0 ? b : a));
  /**
   * `label`'s runs against the callbacks/s target (the slowest run) and the RSS target (the run
   * of the highest peak RSS, with the young generation V8 kept in it).
   */
  const rateAndRss = (label, list, rateTarget, rssTarget) => {
    const slowest = runWith(list, (figures) => figures.callbacksPerSecond, -1);
    const fattest = runWith(list, (figures) => figures.rssMb, 1);
    return [
      againstTarget(
        `${CALLS} BXML calls${label}: callbacks/s served by the app, slowest run`,
        slowest.callbacksPerSecond,
        '/s',
        'callbacksPerSecond',
        rateTarget,
      ),
      againstTarget(
        `${CALLS} BXML calls${label}: emulator peak RSS, worst run (V8's young generation ${fattest.youngMb.toFixed(0)} MB of it)`,
        fattest.rssMb,
        'MB',
        'rssMb',
        rssTarget,
      ),
    ];
  };
  /** `(n of m runs 100 % complete)`. */
  const completeOf = (list) =>
    `${list.filter((figures) => figures.completion === 100).length} of ${list.length} runs 100 % complete`;
  const rows = [];
  // `--runs 0` (only the big run): no rows of the 1,000-call runs.
  if (runs.length > 0) {
    const complete = runs.filter((figures) => figures.completion === 100).length;
    const slowest = runWith(runs, (figures) => figures.callbacksPerSecond, -1);
    const lagRun = runWith(runs, (figures) => figures.lagP99Ms, 1);
    rows.push(
      {
        name: `${CALLS} concurrent BXML calls: runs 100 % complete`,
        value: complete,
        unit: 'runs',
        baselineName: 'runs',
        baseline: RUNS,
        ratio: complete / RUNS,
        target: '≥ 1',
      },
      ...rateAndRss('', runs, '≥ 1', '≤ 1'),
      againstTarget(
        `${CALLS} BXML calls: emulator event-loop lag p99, worst run (max ${Math.max(...runs.map((figures) => figures.lagMaxMs)).toFixed(0)} ms)`,
        lagRun.lagP99Ms,
        'ms',
        'lagP99Ms',
        '≤ 1',
      ),
      {
        name: `${CALLS} BXML calls, slowest run: emulator + app + driver CPU per second of wall`,
        value: slowest.coresBusy,
        unit: 'cores',
        baselineName: 'cores of this machine',
        baseline: CORES,
        ratio: slowest.coresBusy / CORES,
        target: '(near 1: no core to spare)',
      },
      // Where Linux reports it: how long the emulator's main thread was ready but had no core.
      ...(slowest.mainThread
        ? [
            {
              name: `${CALLS} BXML calls, slowest run: emulator main thread ready but waiting for a core`,
              value: slowest.mainThread.waitSeconds,
              unit: 's',
              baselineName: 'its CPU time',
              baseline: slowest.mainThread.cpuSeconds,
              ratio: slowest.mainThread.waitSeconds / slowest.mainThread.cpuSeconds,
              target: '(CPU time: what the emulator needed)',
            },
          ]
        : []),
    );
  }
  if (steady.length > 0) {
    rows.push(
      ...rateAndRss(
        `, steady state (same processes, reset between runs; ${completeOf(steady)})`,
        steady,
        '(for comparison: warm processes)',
        '(for comparison: heap sized by earlier runs)',
      ),
    );
    if (runs.length > 0) {
      const steadyCpu = median(steady.map((figures) => figures.cpuSeconds));
      const freshCpu = median(runs.map((figures) => figures.cpuSeconds));
      rows.push({
        name: `${CALLS} BXML calls, steady state: emulator CPU per run, median`,
        value: steadyCpu,
        unit: 's',
        baselineName: 'same, fresh processes',
        baseline: freshCpu,
        ratio: steadyCpu / freshCpu,
        target: '(the rest: a fresh process warming up)',
      });
    }
  }
  for (const { version, runs: releaseRuns, error } of releases) {
    if (error) {
      console.log(`Node.js ${version}: not measured (${error})`);
      continue;
    }
    const target = '(for comparison: a supported release)';
    rows.push(
      ...rateAndRss(
        ` on Node.js ${version}, fresh processes (${completeOf(releaseRuns)})`,
        releaseRuns,
        target,
        target,
      ),
    );
  }
  if (big) {
    rows.push({
      name: `${big.calls} concurrent BXML calls: completed (wall ${big.seconds.toFixed(1)} s)`,
      value: big.completion,
      unit: '%',
      baselineName: 'all calls',
      baseline: 100,
      ratio: big.completion / 100,
      target: '≥ 1',
    });
  }
  return rows;
}

const role = flag('role', undefined);
if (role === 'emulator') await serveEmulator();
else if (role === 'app') await serveApp();
else if (process.argv[1] === SELF && SUMMARY) {
  const runs = await freshRuns(RUNS);
  process.stdout.write(`${SUMMARY_PREFIX}${JSON.stringify(runs.map(summaryOf))}\n`);
} else if (process.argv[1] === SELF) console.table(await run());
