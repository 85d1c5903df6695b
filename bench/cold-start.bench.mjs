#!/usr/bin/env node
// Cold start as a serverless function or a CLI pays it: a fresh Node.js process imports the SDK,
// constructs a client and sends its first message to a loopback server, against Twilio's SDK
// doing the same (`twilio(accountSid, authToken).messages.create`, its API base URL pointed at the
// same server). Each sample is a new process timing its own work from its first line to the answer
// (Node.js's own start-up is the same for both and left out); samples alternate between the two
// and the median of each is reported.
import { createServer } from 'node:http';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { median, msInFreshProcess } from './lib/measure.mjs';

const benchDir = path.dirname(fileURLToPath(import.meta.url));
const SAMPLES = Number(process.env.BW_COLD_START_SAMPLES ?? 15);
const WARMUP_ROUNDS = 2;

const bwScript = `
const started = performance.now();
const { MessagingClient } = await import('@bw/messaging');
const messaging = new MessagingClient({ userId: 'u-bench', apiToken: 't-bench', apiSecret: 's-bench', baseUrl: process.argv[1] });
const id = await messaging.sendMessage({ from: '+19195551212', to: '+19195551213', text: 'Hello' });
if (id !== 'm-123') throw new Error('unexpected id ' + id);
process.stdout.write(String(performance.now() - started));
`;

const twilioScript = `
const started = performance.now();
const { default: twilio } = await import('twilio');
const client = twilio('AC00000000000000000000000000000000', 'bench-token');
client.api.baseUrl = process.argv[1];
const message = await client.messages.create({ from: '+19195551212', to: '+19195551213', body: 'Hello' });
if (message.sid !== 'SM123') throw new Error('unexpected sid ' + message.sid);
process.stdout.write(String(performance.now() - started));
`;

/** The loopback API: Bandwidth's answer (201 + Location) or Twilio's (201 + JSON) by path. */
function startServer() {
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      if (req.url.startsWith('/2010-04-01/')) {
        const body = JSON.stringify({ sid: 'SM123', status: 'queued', body: 'Hello' });
        res.writeHead(201, { 'content-type': 'application/json' });
        res.end(body);
      } else {
        res.writeHead(201, { location: 'http://127.0.0.1/v1/users/u-bench/messages/m-123' });
        res.end();
      }
    });
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({ url: `http://127.0.0.1:${server.address().port}`, server }),
    ),
  );
}

/** One fresh process running `script`; resolves with the ms it reported. */
function sampleOnce(script, url) {
  return msInFreshProcess(script, url, { cwd: benchDir, what: 'cold-start sample' });
}

/** Measures both; returns the row. */
export default async function run() {
  const { url, server } = await startServer();
  const bw = [];
  const tw = [];
  try {
    for (let round = 0; round < WARMUP_ROUNDS + SAMPLES; round++) {
      // Alternate which goes first, so neither always meets a warmer disk cache.
      let first;
      let second;
      if (round % 2 === 0) {
        first = await sampleOnce(bwScript, url);
        second = await sampleOnce(twilioScript, url);
      } else {
        second = await sampleOnce(twilioScript, url);
        first = await sampleOnce(bwScript, url);
      }
      if (round < WARMUP_ROUNDS) continue;
      bw.push(first);
      tw.push(second);
    }
  } finally {
    server.close();
  }
  const value = median(bw);
  const baseline = median(tw);
  console.log(
    `${SAMPLES} fresh processes each: @bw/messaging ${value.toFixed(1)} ms, twilio ${baseline.toFixed(1)} ms`,
  );
  return [
    {
      name: 'cold start: import + client + first sendMessage, median',
      value,
      unit: 'ms',
      baselineName: 'same with twilio',
      baseline,
      ratio: value / baseline,
      target: '≤ 0.35',
    },
  ];
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  console.table(await run());
}
