#!/usr/bin/env node
// Requests/s of a small JSON POST sent through a `@bw/core` transport against raw `fetch`, to one
// local keep-alive node:http server (in a worker thread, so it does not share the client's event
// loop), 16 requests in flight. Rounds alternate between the two clients after a warm-up, and each
// side's figure is its median round.
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { Transport } from '@bw/core/internal';

const IN_FLIGHT = 16;
const PER_ROUND = 4000;
const ROUNDS = 5;
const WARM_UP = 2000;
const MESSAGE = { from: '+19195551212', to: '+19195551213', text: 'Hello from the benchmark' };
const ANSWER = JSON.stringify({ id: 'm-123', state: 'accepted' });

const serverSource = `
const { createServer } = require('node:http');
const { parentPort } = require('node:worker_threads');
const answer = ${JSON.stringify(ANSWER)};
const server = createServer({ keepAliveTimeout: 30000 }, (req, res) => {
  req.resume();
  req.on('end', () => {
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(answer) });
    res.end(answer);
  });
});
server.listen(0, '127.0.0.1', () => parentPort.postMessage(server.address().port));
parentPort.on('message', () => server.close(() => process.exit(0)));
`;

async function startServer() {
  const worker = new Worker(serverSource, { eval: true });
  const port = await new Promise((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
  });
  return { port, stop: () => worker.terminate() };
}

/** Sends `count` requests with `send`, `IN_FLIGHT` at a time; returns requests/s. */
async function measure(send, count) {
  let next = 0;
  const started = performance.now();
  const lane = async () => {
    while (next < count) {
      next++;
      await send();
    }
  };
  await Promise.all(Array.from({ length: IN_FLIGHT }, lane));
  return count / ((performance.now() - started) / 1000);
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

export default async function run() {
  const { port, stop } = await startServer();
  const baseUrl = `http://127.0.0.1:${port}`;
  const transport = new Transport({
    userId: 'u-bench',
    apiToken: 't-bench',
    apiSecret: 's-bench',
    baseUrl,
  });
  const path = transport.userPath('messages');
  const authorization = `Basic ${Buffer.from('t-bench:s-bench').toString('base64')}`;
  const url = `${baseUrl}/v1${path}`;

  const viaCore = async () => {
    const answer = await transport.json({ method: 'POST', path, json: MESSAGE });
    if (answer.id !== 'm-123') throw new Error('unexpected answer through @bw/core');
  };
  const viaFetch = async () => {
    const response = await fetch(url, {
      method: 'POST',
      headers: { authorization, accept: 'application/json', 'content-type': 'application/json' },
      body: JSON.stringify(MESSAGE),
    });
    const answer = await response.json();
    if (answer.id !== 'm-123') throw new Error('unexpected answer through fetch');
  };

  try {
    await measure(viaCore, WARM_UP);
    await measure(viaFetch, WARM_UP);
    const core = [];
    const raw = [];
    for (let round = 0; round < ROUNDS; round++) {
      // Alternate which side goes first so neither always runs on a warmer machine.
      if (round % 2 === 0) {
        core.push(await measure(viaCore, PER_ROUND));
        raw.push(await measure(viaFetch, PER_ROUND));
      } else {
        raw.push(await measure(viaFetch, PER_ROUND));
        core.push(await measure(viaCore, PER_ROUND));
      }
    }
    const value = median(core);
    const baseline = median(raw);
    const ratio = value / baseline;
    console.log(
      `@bw/core ${value.toFixed(0)} req/s, fetch ${baseline.toFixed(0)} req/s, ratio ${ratio.toFixed(2)}`,
    );
    return [
      {
        name: 'JSON POST via @bw/core transport (16 in flight)',
        value,
        unit: 'req/s',
        baselineName: 'raw fetch',
        baseline,
        ratio,
        target: '≥ 0.9',
      },
    ];
  } finally {
    await stop();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  await run();
}
