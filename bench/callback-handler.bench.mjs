#!/usr/bin/env node
// Requests/s of the message callback handler of `@bw/messaging` mounted on `node:http`
// (`createMessagingCallbackHandler(...).node`, Basic credentials checked), against a bare
// `node:http` handler that reads the body, parses the JSON and answers 200. Both servers run in one
// worker thread; the load (keep-alive `node:http` agent, 32 in flight) comes from the main thread.
// Rounds alternate after a warm-up; the ratio is the median of the per-round ratios.
import { Agent, createServer, request } from 'node:http';
import { fileURLToPath } from 'node:url';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { interleave } from './lib/measure.mjs';

const IN_FLIGHT = 32;
const SHAPE = { warmUp: 2000, perRound: 4000, rounds: 7, inFlight: IN_FLIGHT };
const CREDENTIALS = { username: 'hook-user', password: 'hook-pass' };
const AUTHORIZATION = `Basic ${Buffer.from(`${CREDENTIALS.username}:${CREDENTIALS.password}`).toString('base64')}`;
const EVENT = JSON.stringify({
  eventType: 'sms',
  direction: 'in',
  messageId: 'm-abc123',
  messageUri: 'https://api.catapult.inetwork.com/v1/users/u-1/messages/m-abc123',
  from: '+19195551212',
  to: '+19195551213',
  text: 'Hello from the benchmark',
  applicationId: 'a-123',
  time: '2026-12-05T12:00:00Z',
  state: 'received',
});

/** Worker side: both servers; posts their URLs. */
async function serve() {
  const { createMessagingCallbackHandler } = await import('@bw/messaging/callbacks');
  let received = 0;
  const handler = createMessagingCallbackHandler({
    credentials: CREDENTIALS,
    onEvent: (event) => {
      if (event.eventType === 'sms') received++;
    },
  });
  const sdk = createServer({ keepAliveTimeout: 30_000 }, handler.node);
  const bare = createServer({ keepAliveTimeout: 30_000 }, (req, res) => {
    const chunks = [];
    req.on('data', (chunk) => chunks.push(chunk));
    req.on('end', () => {
      const event = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      if (event.eventType === 'sms') received++;
      res.writeHead(200, { 'content-length': 0 });
      res.end();
    });
  });
  await Promise.all(
    [sdk, bare].map((server) => new Promise((resolve) => server.listen(0, '127.0.0.1', resolve))),
  );
  parentPort.postMessage({
    sdk: `http://127.0.0.1:${sdk.address().port}/callbacks/messages`,
    bare: `http://127.0.0.1:${bare.address().port}/callbacks/messages`,
  });
  parentPort.on('message', () => parentPort.postMessage(received));
}

/** One POST of the event; rejects unless it is answered 200. */
function post(agent, url) {
  return new Promise((resolve, reject) => {
    const outgoing = request(
      url,
      {
        method: 'POST',
        agent,
        headers: {
          authorization: AUTHORIZATION,
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(EVENT),
        },
      },
      (response) => {
        response.resume();
        response.on('end', () =>
          response.statusCode === 200
            ? resolve()
            : reject(new Error(`unexpected status ${response.statusCode}`)),
        );
      },
    );
    outgoing.on('error', reject);
    outgoing.end(EVENT);
  });
}

/** Measures both; returns the row. */
export default async function run() {
  const worker = new Worker(fileURLToPath(import.meta.url), { workerData: { role: 'server' } });
  const urls = await new Promise((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
  });
  const agent = new Agent({ keepAlive: true, maxSockets: IN_FLIGHT });
  try {
    const [bare, sdk] = await interleave(
      [
        { label: 'bare node:http JSON handler', send: () => post(agent, urls.bare) },
        { label: '@bw/messaging callback handler', send: () => post(agent, urls.sdk) },
      ],
      SHAPE,
    );
    worker.postMessage('count');
    const received = await new Promise((resolve) => worker.once('message', resolve));
    const sent = 2 * (SHAPE.warmUp + SHAPE.perRound * SHAPE.rounds);
    if (received !== sent) throw new Error(`${received} events reached onEvent, ${sent} were sent`);
    return [
      {
        name: 'messaging callback handler on node:http, 32 in flight',
        value: sdk.rps,
        unit: 'req/s',
        baselineName: 'bare node:http JSON handler',
        baseline: bare.rps,
        ratio: sdk.rpsRatio,
        target: '≥ 0.8',
      },
    ];
  } finally {
    agent.destroy();
    await worker.terminate();
  }
}

if (!isMainThread && workerData?.role === 'server') {
  await serve();
} else if (process.argv[1] === fileURLToPath(import.meta.url)) {
  console.table(await run());
}
