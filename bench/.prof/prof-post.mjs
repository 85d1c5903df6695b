import { Agent, request } from 'node:http';
import { isMainThread, Worker, workerData, parentPort } from 'node:worker_threads';
import { fileURLToPath } from 'node:url';
const USER = { userId: 'u-bench', apiToken: 't-bench', apiSecret: 's-bench' };
const FROM = '+19195551212';
const AUTH = `Basic ${Buffer.from(`${USER.apiToken}:${USER.apiSecret}`).toString('base64')}`;
const BODY = JSON.stringify({ from: FROM, to: '+14045550100', text: 'Hello from the benchmark' });
if (isMainThread) {
  const { startEmulator } = await import('@bw/emulator');
  const emulator = await startEmulator({ users: [{ ...USER, numbers: [FROM], balance: '100000' }], speed: 1 });
  const w = new Worker(fileURLToPath(import.meta.url), { workerData: emulator.url });
  await new Promise((r) => w.once('message', r));
  await emulator.close(); process.exit(0);
} else {
  const agent = new Agent({ keepAlive: true, maxSockets: 32 });
  const url = `${workerData}/v1/users/${USER.userId}/messages`;
  const send = () => new Promise((res, rej) => { const o = request(url, { method: 'POST', agent, headers: { authorization: AUTH, 'content-type': 'application/json', 'content-length': Buffer.byteLength(BODY) } }, (r) => { r.resume(); r.on('end', () => res(r.statusCode)); }); o.on('error', rej); o.end(BODY); });
  let n = 0; const N = Number(process.env.N ?? 20000);
  const t = performance.now();
  await Promise.all(Array.from({ length: 32 }, async () => { while (n < N) { n++; const s = await send(); if (s !== 202 && s !== 201) throw new Error('status ' + s); } }));
  console.log('req/s', Math.round(N / ((performance.now() - t) / 1000)));
  parentPort.postMessage('done');
}
