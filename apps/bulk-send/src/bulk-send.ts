import { type ChildProcess, spawn } from 'node:child_process';
import { createReadStream } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  type BulkQueue,
  type CampaignReport,
  createBulkSender,
  memoryQueue,
  type Progress,
  recipientsFromCsv,
  type SendLimits,
} from '@bw/bulk';
import { bullmqQueue } from '@bw/bulk/bullmq';
import { type Emulator, type RateLimitConfig, startEmulator } from '@bw/emulator';
import { MessagingClient } from '@bw/messaging';
import type { BulkSendArgs } from './args';

/** Where the campaign's requests go and with which credentials. */
export interface ApiSettings {
  baseUrl: string;
  userId: string | undefined;
  apiToken: string | undefined;
  apiSecret: string | undefined;
}

/** What {@link runCampaign} reports. */
export interface CampaignOutcome {
  report: CampaignReport;
  /** Seconds from the first send to the last final key. */
  seconds: number;
  /** Limit answers the embedded emulator gave (undefined against a real API). */
  limitAnswers: number | undefined;
  /** Where requests went. */
  target: string;
}

/** Options of {@link runCampaign}. */
export interface RunCampaignOptions extends BulkSendArgs {
  env?: Record<string, string | undefined>;
  /** Sees progress about twice a second. */
  onProgress?: (progress: Progress) => void;
}

/** The pacing the rates ask for: `rate` per second as `10 × rate` per 10 s. */
export function limitsOf(args: Pick<BulkSendArgs, 'perNumberRate' | 'accountRate'>): SendLimits {
  return {
    perNumber: { limit: Math.max(1, Math.round(args.perNumberRate * 10)), windowMs: 10_000 },
    perAccount: { limit: Math.max(1, Math.round(args.accountRate * 10)), windowMs: 10_000 },
  };
}

/**
 * Sends the CSV campaign: to the API at `--base-url`/`BANDWIDTH_BASE_URL` with `BANDWIDTH_*`
 * credentials, or to an embedded emulator (owning the senders, enforcing the same limits) when
 * there are none; in this process (in-memory queue) or, with `--redis`, from `--workers` worker
 * processes sharing the campaign through BullMQ.
 */
export async function runCampaign(options: RunCampaignOptions): Promise<CampaignOutcome> {
  const env = options.env ?? process.env;
  const limits = limitsOf(options);
  let emulator: Emulator | undefined;
  let api: ApiSettings;
  const baseUrl = options.baseUrl ?? env.BANDWIDTH_BASE_URL;
  if (env.BANDWIDTH_API_TOKEN || baseUrl) {
    api = {
      baseUrl: baseUrl ?? 'https://api.catapult.inetwork.com/v1',
      userId: env.BANDWIDTH_USER_ID,
      apiToken: env.BANDWIDTH_API_TOKEN,
      apiSecret: env.BANDWIDTH_API_SECRET,
    };
  } else {
    const rateLimits: RateLimitConfig = {
      messages: limits as NonNullable<RateLimitConfig['messages']>,
    };
    emulator = await startEmulator({
      speed: 100,
      rateLimits,
      users: [
        {
          userId: 'u-bulk-send',
          apiToken: 't-bulk-send',
          apiSecret: 's-bulk-send',
          numbers: options.senders,
          balance: '1000000.00',
        },
      ],
    });
    api = { baseUrl: emulator.url, ...emulator.credentials };
  }
  const client = new MessagingClient({
    userId: api.userId,
    apiToken: api.apiToken,
    apiSecret: api.apiSecret,
    baseUrl: api.baseUrl,
  } as ConstructorParameters<typeof MessagingClient>[0]);
  const queue: BulkQueue = options.redis
    ? bullmqQueue({ connection: options.redis, name: options.name })
    : memoryQueue({ name: options.name });
  const sender = createBulkSender({ client, senders: options.senders, limits, queue });
  const workers: ChildProcess[] = [];
  try {
    await sender.enqueue(recipientsFromCsv(createReadStream(options.csv), { text: options.text }));
    const started = Date.now();
    if (options.redis) {
      for (let index = 0; index < options.workers; index += 1) {
        workers.push(startWorker(options, api, limits));
      }
    } else {
      await sender.start();
    }
    const stop = options.onProgress ? sender.onProgress(options.onProgress) : undefined;
    const report = await sender.drained();
    stop?.();
    const refusals = await emulator?.control.rateLimitRefusals();
    return {
      report,
      seconds: (Date.now() - started) / 1000,
      limitAnswers: refusals
        ? refusals['message-rate-limit-per-tn'] + refusals['message-rate-limit-overall']
        : undefined,
      target: emulator ? `embedded emulator at ${emulator.url}` : `API at ${api.baseUrl}`,
    };
  } finally {
    for (const worker of workers) worker.kill('SIGTERM');
    await Promise.all(
      workers.map((worker) =>
        worker.exitCode === null
          ? new Promise((resolve) => worker.once('exit', resolve))
          : undefined,
      ),
    );
    await sender.close();
    await emulator?.close();
  }
}

/** A worker process: this module's `worker.js` sibling, told everything through its environment. */
function startWorker(
  options: RunCampaignOptions,
  api: ApiSettings,
  limits: SendLimits,
): ChildProcess {
  const script = fileURLToPath(
    new URL(import.meta.url.endsWith('.ts') ? './worker.ts' : './worker.js', import.meta.url),
  );
  const execArgv = script.endsWith('.ts') ? ['--import', 'tsx'] : [];
  return spawn(process.execPath, [...execArgv, script], {
    stdio: ['ignore', 'ignore', 'inherit'],
    env: {
      ...process.env,
      BULK_SEND_WORKER: JSON.stringify({
        redis: options.redis,
        name: options.name,
        senders: options.senders,
        limits,
        api,
      }),
    },
  });
}
