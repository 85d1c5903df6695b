// A campaign worker in its own process, as a user would run several: node --import tsx worker-process.ts
// Configuration comes in BULK_WORKER (JSON). It works until SIGTERM (or is killed).
import { MessagingClient } from '@bw/messaging';
import { bullmqQueue } from '../src/bullmq';
import { createBulkSender, type SendLimits } from '../src/index';

interface WorkerConfig {
  redisUrl: string;
  name: string;
  baseUrl: string;
  credentials: { userId: string; apiToken: string; apiSecret: string };
  senders: string[];
  limits: SendLimits;
  settleMs: number;
  lockDurationMs: number;
  concurrency: number;
  requestTimeoutMs: number;
}

const config = JSON.parse(process.env.BULK_WORKER ?? '{}') as WorkerConfig;
const client = new MessagingClient({ ...config.credentials, baseUrl: config.baseUrl });
const sender = createBulkSender({
  client,
  senders: config.senders,
  limits: config.limits,
  settleMs: config.settleMs,
  concurrency: config.concurrency,
  requestTimeoutMs: config.requestTimeoutMs,
  queue: bullmqQueue({
    connection: config.redisUrl,
    name: config.name,
    lockDurationMs: config.lockDurationMs,
  }),
});
await sender.start();
process.stdout.write('ready\n');
process.once('SIGTERM', () => {
  void sender.close().then(() => process.exit(0));
});
