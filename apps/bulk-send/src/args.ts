import { parseArgs } from 'node:util';

/** What the command line asks for. */
export interface BulkSendArgs {
  /** CSV file: a header row with `to`, and `key`, `text` or any column the text names. */
  csv: string;
  /** Text for every row (`{column}` placeholders); default the CSV's `text` column. */
  text: string | undefined;
  /** Sending numbers. */
  senders: string[];
  /** Redis URL: share the campaign among worker processes through BullMQ. */
  redis: string | undefined;
  /** Worker processes to start (with `redis`). */
  workers: number;
  /** API base URL (default `BANDWIDTH_BASE_URL`, else an embedded emulator). */
  baseUrl: string | undefined;
  /** Campaign name (Redis keys, message tags). */
  name: string;
  /** Messages per second per number, averaged over 10 s. */
  perNumberRate: number;
  /** Messages per second for the account, averaged over 10 s. */
  accountRate: number;
}

export const USAGE = `usage: bulk-send --csv recipients.csv --senders +19195551212,+19195551213 [--text "Hi {name}"]
                 [--redis redis://127.0.0.1:6379] [--workers N] [--base-url URL] [--name campaign]
                 [--per-number-rate 1] [--account-rate 1]
credentials: BANDWIDTH_USER_ID, BANDWIDTH_API_TOKEN, BANDWIDTH_API_SECRET (none: an embedded emulator)`;

/** Reads the command line; throws with the usage on anything wrong. */
export function readArgs(argv: string[]): BulkSendArgs {
  const { values } = parseArgs({
    args: argv,
    options: {
      csv: { type: 'string' },
      text: { type: 'string' },
      senders: { type: 'string' },
      redis: { type: 'string' },
      workers: { type: 'string' },
      'base-url': { type: 'string' },
      name: { type: 'string' },
      'per-number-rate': { type: 'string' },
      'account-rate': { type: 'string' },
    },
    strict: true,
  });
  const fail = (why: string): never => {
    throw new Error(`${why}\n${USAGE}`);
  };
  const positive = (name: string, text: string | undefined, fallback: number) => {
    if (text === undefined) return fallback;
    const value = Number(text);
    if (!Number.isFinite(value) || value <= 0) fail(`--${name} must be a positive number`);
    return value;
  };
  if (!values.csv) fail('--csv is required');
  const senders = (values.senders ?? '')
    .split(',')
    .map((number) => number.trim())
    .filter(Boolean);
  if (senders.length === 0) fail('--senders is required (comma-separated E.164 numbers)');
  const workers = positive('workers', values.workers, 1);
  if (!Number.isInteger(workers)) fail('--workers must be a whole number');
  if (workers > 1 && !values.redis)
    fail('--workers needs --redis: worker processes share a campaign through Redis');
  return {
    csv: values.csv as string,
    text: values.text,
    senders,
    redis: values.redis,
    workers,
    baseUrl: values['base-url'],
    name: values.name ?? 'bulk-send',
    perNumberRate: positive('per-number-rate', values['per-number-rate'], 1),
    accountRate: positive('account-rate', values['account-rate'], 1),
  };
}
