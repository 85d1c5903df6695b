#!/usr/bin/env node
// `sendMessage` of `@bw/messaging` against raw `fetch` sending the same JSON POST, 16 requests in
// flight, to one local keep-alive node:http server in a worker thread (so it does not share the
// client's event loop) that answers as the API does: 201, a `Location`, no body. Requests/s and
// p99 latency; the ratios are medians of per-round ratios, rounds alternating after a warm-up.
import { pathToFileURL } from 'node:url';
import { MessagingClient } from '@bw/messaging';
import { interleave, startServerWorker } from './lib/measure.mjs';

const IN_FLIGHT = 16;
const SHAPE = { warmUp: 2000, perRound: 4000, rounds: 7, inFlight: IN_FLIGHT };
const MESSAGE = { from: '+19195551212', to: '+19195551213', text: 'Hello from the benchmark' };

const serverSource = `
const { createServer } = require('node:http');
const { parentPort } = require('node:worker_threads');
const server = createServer({ keepAliveTimeout: 30000 }, (req, res) => {
  req.resume();
  req.on('end', () => {
    res.writeHead(201, { location: 'http://127.0.0.1/v1/users/u-bench/messages/m-123', 'content-length': 0 });
    res.end();
  });
});
server.listen(0, '127.0.0.1', () => parentPort.postMessage({ port: server.address().port }));
`;

/** Measures both; returns the rows. */
export default async function run() {
  const { port, stop } = await startServerWorker(serverSource);
  const baseUrl = `http://127.0.0.1:${port}`;
  const messaging = new MessagingClient({
    userId: 'u-bench',
    apiToken: 't-bench',
    apiSecret: 's-bench',
    baseUrl,
  });
  const url = `${baseUrl}/v1/users/u-bench/messages`;
  const authorization = `Basic ${Buffer.from('t-bench:s-bench').toString('base64')}`;
  const viaFetch = async () => {
    const response = await fetch(url, {
      method: 'POST',
      headers: { authorization, accept: 'application/json', 'content-type': 'application/json' },
      body: JSON.stringify(MESSAGE),
    });
    await response.arrayBuffer();
    const id = response.headers.get('location')?.split('/').pop();
    if (id !== 'm-123') throw new Error('unexpected answer through fetch');
  };
  const viaMessaging = async () => {
    if ((await messaging.sendMessage(MESSAGE)) !== 'm-123') {
      throw new Error('unexpected answer through @bw/messaging');
    }
  };
  try {
    const [raw, sdk] = await interleave(
      [
        { label: 'raw fetch', send: viaFetch },
        { label: '@bw/messaging sendMessage', send: viaMessaging },
      ],
      SHAPE,
    );
    return rows(raw, sdk);
  } finally {
    await stop();
  }
}

/** The bench rows: the figures of the SDK, the baseline's, and the median per-round ratios. */
function rows(raw, sdk) {
  return [
    {
      name: `sendMessage via @bw/messaging (${IN_FLIGHT} in flight)`,
      value: sdk.rps,
      unit: 'req/s',
      baselineName: 'raw fetch',
      baseline: raw.rps,
      ratio: sdk.rpsRatio,
      target: '≥ 1.5',
    },
    {
      name: 'sendMessage p99 latency',
      value: sdk.p99,
      unit: 'ms',
      baselineName: 'raw fetch',
      baseline: raw.p99,
      ratio: sdk.p99Ratio,
      target: '≤ 1.0',
    },
  ];
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  console.table(await run());
}
