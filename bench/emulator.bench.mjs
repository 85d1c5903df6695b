#!/usr/bin/env node
// Requests/s and p99 latency of the emulator for `POST /messages` (no callbackUrl) and
// `GET /messages/{id}`, 32 keep-alive connections, a fixed number of requests per round after a
// warm-up, rounds interleaved with the baselines'. The emulator runs in a worker thread so it does not share the client's event loop.
// Baselines: a bare node:http server (same worker, same client, same concurrency) and, for the
// GET, the 3,000 req/s target. Also the worker thread's CPU time per POST (the emulator's and,
// as baseline, the bare server's), which load changes far less than latency: the thread's own
// CPU where Linux reports it (/proc/thread-self/schedstat), else its event loop's busy time.
// And the garbage-collection pauses of the server thread during each round's requests (count,
// longest, total): a round's p99 is about its second-longest pause plus the usual latency. Each
// series also prints how many of its slowest 1 % of requests were in flight while the server
// thread paused, and the p99 of the requests during which it did not pause (the tail that is
// not the collector's).
// The p99 compared is that of all five rounds' requests together (20,000 per series): one round's
// p99 rests on its 40 slowest requests, two or three pauses' worth, and moves from round to
// round with where the pauses fell; each round's is printed beside it.
// For comparison, the bare server spending 20 µs more CPU per request (busy, allocating and
// keeping nothing more): what the emulator's extra CPU alone does to the tail. And a web
// framework doing nothing else: a one-route Fastify app (the body read as a string and given to
// JSON.parse, as the emulator reads it; a 201 with a `Location`). The emulator runs on
// `node:http` with its own small HTTP layer.
// The `POST` is measured twice, in the same rounds: the emulator started on the server worker
// like the baselines (`startEmulator()`, which runs it on the thread that starts it: the target
// row), and for comparison the emulator started from this thread with `worker: true` (a thread
// and heap of its own). The CPU, GC and pause figures are the first's. Last, `sendMessage` from a
// thread that also runs the emulator, against the same client and an emulator on its own thread.
import { Agent, createServer, request } from 'node:http';
import { PerformanceObserver } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import Fastify from 'fastify';
import { median, percentile, threadSchedule } from './lib/measure.mjs';

const CONNECTIONS = 32;
/**
 * Requests of each series before the measured rounds: enough for V8 to have compiled the
 * emulator's own route code (with 2,000, its TurboFan compilations of the request path still ran
 * in the first measured round, ~35 of them against bare's ~8, and that round was the slowest).
 */
const WARM_UP = 10_000;
const PER_ROUND = 4000;
const ROUNDS = 5;
const GET_TARGET = 3000;
/** CPU the spinning baseline spends per request (µs): more than the emulator's own. */
const SPIN_US = 20;
/** After a round of `POST /messages`: its messages' state changes (300 ms at speed 1) run. */
const POST_SETTLE_MS = 500;
const USER = { userId: 'u-bench', apiToken: 't-bench', apiSecret: 's-bench' };
const FROM = '+19195551212';
const AUTHORIZATION = `Basic ${Buffer.from(`${USER.apiToken}:${USER.apiSecret}`).toString('base64')}`;
const MESSAGE = JSON.stringify({
  from: FROM,
  to: '+14045550100',
  text: 'Hello from the benchmark',
});

/** Milliseconds of CPU the calling thread has used (or, without schedstat, its busy time). */
function threadCpuClock() {
  if (threadSchedule()) return () => threadSchedule().running * 1000;
  return () => performance.eventLoopUtilization().active;
}

/** Worker side: the emulator and a bare node:http server, reporting their URLs. */
async function serve() {
  const { startEmulator } = await import('@bw/emulator');
  // Every message is charged: a balance for far more than the rounds send.
  const emulator = await startEmulator({
    users: [{ ...USER, numbers: [FROM], balance: '100000' }],
    speed: 1,
  });
  const answer = JSON.stringify({ id: 'm-123', state: 'sent' });
  /** A bare server that reads the body and answers a fixed document, after `spinUs` of CPU. */
  const bareServer = async (spinUs) => {
    const server = createServer({ keepAliveTimeout: 30_000 }, (req, res) => {
      req.resume();
      req.on('end', () => {
        // The baseline itself (0) makes no clock call.
        if (spinUs > 0) {
          const until = performance.now() + spinUs / 1000;
          while (performance.now() < until);
        }
        res.writeHead(200, {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(answer),
        });
        res.end(answer);
      });
    });
    await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
    return server;
  };
  const bare = await bareServer(0);
  // The bare server's answer after SPIN_US of CPU: what the emulator's extra CPU per request
  // alone does to the tail, without its allocation or what it keeps.
  const spin = await bareServer(SPIN_US);
  const framework = Fastify({ keepAliveTimeout: 30_000 });
  framework.removeAllContentTypeParsers();
  framework.addContentTypeParser('application/json', { parseAs: 'string' }, (_req, body, done) =>
    done(null, JSON.parse(body)),
  );
  let sent = 0;
  framework.post('/v1/users/:userId/messages', (req, reply) => {
    sent += 1;
    reply
      .status(201)
      .header('location', `/v1/users/${req.params.userId}/messages/m-${sent}`)
      .send();
  });
  await framework.listen({ port: 0, host: '127.0.0.1' });
  parentPort.postMessage({
    emulator: emulator.url,
    bare: `http://127.0.0.1:${bare.address().port}`,
    spin: `http://127.0.0.1:${spin.address().port}`,
    framework: `http://127.0.0.1:${framework.server.address().port}/v1/users/${USER.userId}/messages`,
  });
  const cpuMs = threadCpuClock();
  // Pauses of this thread's garbage collector since the last `gc` question: when each began
  // (ms since the epoch, as the client's request times are counted) and how long it took.
  let pauses = [];
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      pauses.push({ at: performance.timeOrigin + entry.startTime, ms: entry.duration });
    }
  }).observe({ entryTypes: ['gc'] });
  parentPort.on('message', async (message) => {
    if (message === 'cpu') {
      parentPort.postMessage({ cpuMs: cpuMs() });
      return;
    }
    if (message === 'gc') {
      // Entries are delivered on a later turn: let those of the last requests arrive first.
      await new Promise((resolve) => setImmediate(resolve));
      parentPort.postMessage({ pauses });
      pauses = [];
      return;
    }
    for (const server of [bare, spin]) {
      server.closeAllConnections();
      server.close();
    }
    await framework.close();
    await emulator.close();
    parentPort.postMessage('closed');
  });
}

function startWorker() {
  const worker = new Worker(fileURLToPath(import.meta.url), { workerData: { role: 'server' } });
  return new Promise((resolve, reject) => {
    worker.once('error', reject);
    worker.once('message', (urls) =>
      resolve({
        ...urls,
        /** The worker thread's CPU milliseconds so far. */
        cpuMs: () =>
          new Promise((done) => {
            worker.once('message', (answer) => done(answer.cpuMs));
            worker.postMessage('cpu');
          }),
        /** The worker's GC pauses since the last call (`at`: ms since the epoch, `ms`). */
        gcPauses: () =>
          new Promise((done) => {
            worker.once('message', (answer) => done(answer.pauses));
            worker.postMessage('gc');
          }),
        stop: async () => {
          const closed = new Promise((done) => worker.once('message', done));
          worker.postMessage('stop');
          await closed;
          await worker.terminate();
        },
      }),
    );
  });
}

/** One request over the shared keep-alive agent; resolves with its status. */
function send(agent, url, method, body) {
  return new Promise((resolve, reject) => {
    const headers = { authorization: AUTHORIZATION };
    if (body) {
      headers['content-type'] = 'application/json';
      headers['content-length'] = Buffer.byteLength(body);
    }
    const outgoing = request(url, { method, agent, headers }, (response) => {
      response.resume();
      response.on('end', () => resolve(response.statusCode));
    });
    outgoing.on('error', reject);
    outgoing.end(body);
  });
}

/**
 * `count` requests, `CONNECTIONS` in flight; returns requests/s, per-request latencies and when
 * each request was sent (ms since the epoch).
 */
async function load(agent, count, makeRequest, expectedStatus) {
  const latencies = new Float64Array(count);
  const sent = new Float64Array(count);
  let next = 0;
  const started = performance.now();
  const lane = async () => {
    while (next < count) {
      const index = next++;
      const sentAt = performance.now();
      const status = await makeRequest(agent);
      latencies[index] = performance.now() - sentAt;
      sent[index] = performance.timeOrigin + sentAt;
      if (status !== expectedStatus) throw new Error(`unexpected status ${status}`);
    }
  };
  await Promise.all(Array.from({ length: CONNECTIONS }, lane));
  const seconds = (performance.now() - started) / 1000;
  return { rps: count / seconds, latencies, sent };
}

/** Count, longest, second-longest and total of a round's GC pauses (ms). */
function summarizePauses(pauses) {
  const sorted = pauses.map((pause) => pause.ms).sort((a, b) => b - a);
  return {
    count: sorted.length,
    longest: sorted[0] ?? 0,
    second: sorted[1] ?? 0,
    total: sorted.reduce((sum, pause) => sum + pause, 0),
  };
}

/**
 * Of a series' requests (latencies and send times, ms) and the server thread's pauses during
 * them: the share of its slowest 1 % in flight during a pause, and the p99 of the requests
 * during which the server thread did not pause.
 */
function pauseShare(latencies, sent, pauses) {
  const sorted = [...pauses].sort((a, b) => a.at - b.at);
  const starts = Float64Array.from(sorted, (pause) => pause.at);
  const ends = Float64Array.from(sorted, (pause) => pause.at + pause.ms);
  // One thread's pauses never overlap: a request overlaps one when the last pause that began
  // before it ended, ended after it began.
  const overlaps = (index) => {
    const from = sent[index];
    const to = from + latencies[index];
    let low = 0;
    let high = starts.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (starts[middle] < to) low = middle + 1;
      else high = middle;
    }
    return low > 0 && ends[low - 1] > from;
  };
  const p99 = percentile(latencies, 0.99);
  let slowest = 0;
  let slowestPaused = 0;
  const unpaused = [];
  for (let index = 0; index < latencies.length; index++) {
    const paused = overlaps(index);
    if (latencies[index] >= p99) {
      slowest++;
      if (paused) slowestPaused++;
    }
    if (!paused) unpaused.push(latencies[index]);
  }
  return {
    slowestPaused: slowestPaused / slowest,
    unpausedP99: percentile(Float64Array.from(unpaused), 0.99),
  };
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Runs the series side by side: after a warm-up of each, one round of every series per turn,
 * so that a burst of load on the machine hits all of them alike. Each series' figures are
 * those of its median round (by requests/s), but its p99, that of all its rounds' requests
 * together, and its CPU per request (µs) of the server thread, the median of its rounds',
 * counted until `settleMs` after the round.
 */
async function interleaved(series, { cpuMs, gcPauses }) {
  const agent = new Agent({ keepAlive: true, maxSockets: CONNECTIONS });
  for (const entry of series) await load(agent, WARM_UP, entry.send, entry.status);
  await sleep(POST_SETTLE_MS);
  const rounds = series.map(() => []);
  /** Every measured request's latency and send time, and the server's pauses, per series. */
  const pooled = series.map(() => new Float64Array(ROUNDS * PER_ROUND));
  const pooledSent = series.map(() => new Float64Array(ROUNDS * PER_ROUND));
  const pooledPauses = series.map(() => []);
  for (let round = 0; round < ROUNDS; round++) {
    for (const [index, entry] of series.entries()) {
      // A series served by another thread than the worker's: no CPU or pauses of its own.
      const measured = entry.ownThread !== true;
      const cpuBefore = measured ? await cpuMs() : Number.NaN;
      if (measured) await gcPauses();
      const { rps, latencies, sent } = await load(agent, PER_ROUND, entry.send, entry.status);
      const pauses = measured ? await gcPauses() : [];
      const gc = summarizePauses(pauses);
      if (entry.settleMs) await sleep(entry.settleMs);
      const cpuUs = measured ? ((await cpuMs()) - cpuBefore) * 1000 : Number.NaN;
      pooled[index].set(latencies, round * PER_ROUND);
      pooledSent[index].set(sent, round * PER_ROUND);
      pooledPauses[index].push(...pauses);
      rounds[index].push({
        rps,
        p50: percentile(latencies, 0.5),
        p99: percentile(latencies, 0.99),
        cpuUs: cpuUs / PER_ROUND,
        gc,
      });
    }
  }
  agent.destroy();
  return series.map((entry, index) => {
    const sorted = [...rounds[index]].sort((a, b) => a.rps - b.rps);
    // The median round (by requests/s) with the median CPU per request of all rounds, and the
    // p99 of all rounds' requests together.
    const middle = {
      ...sorted[Math.floor(sorted.length / 2)],
      cpuUs: median(rounds[index].map((item) => item.cpuUs)),
      p99: percentile(pooled[index], 0.99),
      ...pauseShare(pooled[index], pooledSent[index], pooledPauses[index]),
    };
    // In the order the rounds ran.
    const roundP99s = rounds[index].map((item) => item.p99.toFixed(2)).join(', ');
    const figures = `${entry.label}: ${Math.round(middle.rps)} req/s, p50 ${middle.p50.toFixed(2)} ms, p99 ${middle.p99.toFixed(2)} ms (rounds: ${roundP99s})`;
    if (entry.ownThread) {
      console.log(`${figures} (its own thread: no CPU or pause figures)`);
      return middle;
    }
    console.log(
      `${figures}, ${middle.cpuUs.toFixed(1)} µs CPU per request; ` +
        `GC pauses in the median round: ${middle.gc.count}, longest ${middle.gc.longest.toFixed(1)} ms, second ${middle.gc.second.toFixed(1)} ms, total ${middle.gc.total.toFixed(1)} ms; ` +
        `the slowest 1 % in flight during a pause: ${(middle.slowestPaused * 100).toFixed(0)} %, p99 of the requests no pause overlapped ${middle.unpausedP99.toFixed(2)} ms`,
    );
    return middle;
  });
}

/**
 * `sendMessage` through `@bw/messaging` (32 in flight) from this thread, to an emulator running on
 * this thread (`startEmulator()`) and to one on its own (`worker: true`), in alternating rounds:
 * the median sends/s of each.
 */
async function sendsFromCaller() {
  const { startEmulator } = await import('@bw/emulator');
  const { MessagingClient } = await import('@bw/messaging');
  const users = [{ ...USER, numbers: [FROM], balance: '100000' }];
  const emulators = [await startEmulator({ users }), await startEmulator({ users, worker: true })];
  try {
    const clients = emulators.map(
      (emulator) => new MessagingClient({ ...USER, baseUrl: emulator.url }),
    );
    await clients[0].ready();
    const sends = async (client, count) => {
      let next = 0;
      const started = performance.now();
      const lane = async () => {
        while (next++ < count) {
          await client.sendMessage({ from: FROM, to: '+14045550100', text: 'Hello' });
        }
      };
      await Promise.all(Array.from({ length: CONNECTIONS }, lane));
      return count / ((performance.now() - started) / 1000);
    };
    for (const client of clients) await sends(client, WARM_UP);
    const rates = clients.map(() => []);
    for (let round = 0; round < 3; round++) {
      for (const [index, client] of clients.entries()) {
        rates[index].push(await sends(client, PER_ROUND));
        await sleep(POST_SETTLE_MS);
      }
    }
    const [sameThread, ownThread] = rates.map(median);
    console.log(
      `sendMessage from the emulator's thread: ${rates[0].map(Math.round).join(', ')}/s; to worker: true: ${rates[1].map(Math.round).join(', ')}/s`,
    );
    return { sameThread, ownThread };
  } finally {
    await Promise.all(emulators.map((emulator) => emulator.close()));
  }
}

/** Runs the benchmark and returns its rows. */
export default async function run() {
  const servers = await startWorker();
  const { startEmulator } = await import('@bw/emulator');
  const threaded = await startEmulator({
    users: [{ ...USER, numbers: [FROM], balance: '100000' }],
    speed: 1,
    worker: true,
  });
  try {
    const messages = `${servers.emulator}/v1/users/${USER.userId}/messages`;
    // A message to read back: created once, fetched by every GET.
    const setup = new Agent({ keepAlive: true });
    const id = await new Promise((resolve, reject) => {
      const outgoing = request(
        messages,
        {
          method: 'POST',
          agent: setup,
          headers: { authorization: AUTHORIZATION, 'content-type': 'application/json' },
        },
        (response) => {
          response.resume();
          resolve(response.headers.location.split('/').pop());
        },
      );
      outgoing.on('error', reject);
      outgoing.end(MESSAGE);
    });
    setup.destroy();
    const threadedMessages = `${threaded.url}/v1/users/${USER.userId}/messages`;
    const [barePost, post, ownPost, spinPost, frameworkPost, bareGet, get] = await interleaved(
      [
        {
          label: 'bare node:http POST',
          send: (agent) => send(agent, servers.bare, 'POST', MESSAGE),
          status: 200,
        },
        {
          label: 'POST /messages',
          send: (agent) => send(agent, messages, 'POST', MESSAGE),
          status: 201,
          settleMs: POST_SETTLE_MS,
        },
        {
          label: 'POST /messages, worker: true',
          send: (agent) => send(agent, threadedMessages, 'POST', MESSAGE),
          status: 201,
          settleMs: POST_SETTLE_MS,
          ownThread: true,
        },
        {
          label: `bare node:http POST + ${SPIN_US} µs of CPU`,
          send: (agent) => send(agent, servers.spin, 'POST', MESSAGE),
          status: 200,
        },
        {
          label: 'one-route Fastify POST',
          send: (agent) => send(agent, servers.framework, 'POST', MESSAGE),
          status: 201,
        },
        {
          label: 'bare node:http GET',
          send: (agent) => send(agent, servers.bare, 'GET'),
          status: 200,
        },
        {
          label: 'GET /messages/{id}',
          send: (agent) => send(agent, `${messages}/${id}`, 'GET'),
          status: 200,
        },
      ],
      servers,
    );
    const caller = await sendsFromCaller();
    return [
      {
        name: 'POST /messages (no callbackUrl), 32 connections',
        value: post.rps,
        unit: 'req/s',
        baselineName: 'bare node:http POST',
        baseline: barePost.rps,
        ratio: post.rps / barePost.rps,
        target: '—',
      },
      {
        name: `POST /messages p99 latency (${ROUNDS} rounds' ${ROUNDS * PER_ROUND} requests)`,
        value: post.p99,
        unit: 'ms',
        baselineName: 'bare node:http POST',
        baseline: barePost.p99,
        ratio: post.p99 / barePost.p99,
        target: '≤ 1.5',
      },
      {
        name: 'POST /messages p99 latency, same rounds, the emulator on a thread of its own (worker: true)',
        value: ownPost.p99,
        unit: 'ms',
        baselineName: 'bare node:http POST',
        baseline: barePost.p99,
        ratio: ownPost.p99 / barePost.p99,
        target: '(for comparison)',
      },
      {
        name: `POST /messages p99 of the requests no server GC pause overlapped (of its slowest 1 %, ${Math.round(post.slowestPaused * 100)} % overlapped one; bare: ${Math.round(barePost.slowestPaused * 100)} %)`,
        value: post.unpausedP99,
        unit: 'ms',
        baselineName: 'bare node:http POST',
        baseline: barePost.unpausedP99,
        ratio: post.unpausedP99 / barePost.unpausedP99,
        target: "(the tail that is not the collector's)",
      },
      {
        name: 'POST /messages median latency (p50)',
        value: post.p50,
        unit: 'ms',
        baselineName: 'bare node:http POST',
        baseline: barePost.p50,
        ratio: post.p50 / barePost.p50,
        target: '(for comparison: the p99 is the tail)',
      },
      {
        name: `bare node:http POST + ${SPIN_US} µs of CPU per request: p99 latency, same rounds (CPU alone, ${Math.round(spinPost.cpuUs)} µs against bare's ${Math.round(barePost.cpuUs)})`,
        value: spinPost.p99,
        unit: 'ms',
        baselineName: 'bare node:http POST',
        baseline: barePost.p99,
        ratio: spinPost.p99 / barePost.p99,
        target: '(for comparison)',
      },
      {
        name: 'one-route Fastify POST p99 latency, same rounds (a framework alone)',
        value: frameworkPost.p99,
        unit: 'ms',
        baselineName: 'bare node:http POST',
        baseline: barePost.p99,
        ratio: frameworkPost.p99 / barePost.p99,
        target: '(for comparison)',
      },
      {
        name: 'one-route Fastify POST: server thread CPU per request (a framework alone)',
        value: frameworkPost.cpuUs,
        unit: 'µs',
        baselineName: 'bare node:http POST',
        baseline: barePost.cpuUs,
        ratio: frameworkPost.cpuUs / barePost.cpuUs,
        target: '(for comparison)',
      },
      {
        name: 'POST /messages: server thread CPU per request, state changes included',
        value: post.cpuUs,
        unit: 'µs',
        baselineName: 'bare node:http POST',
        baseline: barePost.cpuUs,
        ratio: post.cpuUs / barePost.cpuUs,
        target: '(CPU time: load changes it least)',
      },
      {
        name: `POST /messages: server thread GC pauses during the median round (${post.gc.count}, second-longest ${post.gc.second.toFixed(1)} ms; bare: ${barePost.gc.count}, ${barePost.gc.second.toFixed(1)} ms)`,
        value: post.gc.total,
        unit: 'ms',
        baselineName: 'bare node:http POST',
        baseline: barePost.gc.total,
        ratio: post.gc.total / barePost.gc.total,
        target: '(pauses: what the p99 follows)',
      },
      {
        name: `sendMessage from the thread that runs the emulator (${CONNECTIONS} in flight): to an emulator on its own thread (worker: true)`,
        value: caller.ownThread,
        unit: 'sends/s',
        baselineName: 'the emulator on the same thread',
        baseline: caller.sameThread,
        ratio: caller.ownThread / caller.sameThread,
        target: '(the caller and the emulator on two cores)',
      },
      {
        name: 'GET /messages/{id}, 32 connections',
        value: get.rps,
        unit: 'req/s',
        baselineName: `target ${GET_TARGET} req/s`,
        baseline: GET_TARGET,
        ratio: get.rps / GET_TARGET,
        target: '≥ 1',
      },
      {
        name: `GET /messages/{id} p99 latency (${ROUNDS} rounds' ${ROUNDS * PER_ROUND} requests)`,
        value: get.p99,
        unit: 'ms',
        baselineName: 'bare node:http GET',
        baseline: bareGet.p99,
        ratio: get.p99 / bareGet.p99,
        target: '—',
      },
    ];
  } finally {
    await threaded.close();
    await servers.stop();
  }
}

if (!isMainThread && workerData?.role === 'server') {
  await serve();
} else if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const rows = await run();
  console.table(
    rows.map((row) => ({
      figure: row.name,
      value: `${row.value.toFixed(row.unit === 'ms' ? 2 : 0)} ${row.unit}`,
      baseline: `${row.baselineName}: ${row.baseline.toFixed(row.unit === 'ms' ? 2 : 0)} ${row.unit}`,
      ratio: `${row.ratio.toFixed(2)}×`,
      target: row.target,
    })),
  );
}
