#!/usr/bin/env node
import { parseArgs } from 'node:util';
import { DEFAULT_USER, type EmulatorOptions } from './options';
import { startEmulator } from './server';

const USAGE = `Usage: bw-emulator [options]

A local emulator of Bandwidth's v1 (Catapult) Voice & Messaging API.

Options:
  --host <host>         interface to listen on (default 127.0.0.1)
  --port <port>         port to listen on (default 4010; 0 = any free port)
  --public-url <url>    base URL clients reach it at, for Location and Link (default: its address)
  --user-id <id>        user id (default ${DEFAULT_USER.userId})
  --api-token <token>   API token (default ${DEFAULT_USER.apiToken})
  --api-secret <secret> API secret (default ${DEFAULT_USER.apiSecret})
  --number <e164>       a number the user owns from the start (repeatable)
  --speed <factor>      time scale of simulated durations (default 1; 10 = ten times faster)
  --seed <n>            make ids, numbers and faults deterministic
  --log-requests        one JSON line per answered request on stdout
  -h, --help            show this help
`;

/** Parses the command line into emulator options; throws `TypeError` on bad input. */
function optionsFrom(argv: string[]): EmulatorOptions | undefined {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: {
      host: { type: 'string', default: '127.0.0.1' },
      port: { type: 'string', default: '4010' },
      'public-url': { type: 'string' },
      'user-id': { type: 'string', default: DEFAULT_USER.userId },
      'api-token': { type: 'string', default: DEFAULT_USER.apiToken },
      'api-secret': { type: 'string', default: DEFAULT_USER.apiSecret },
      number: { type: 'string', multiple: true, default: [] },
      speed: { type: 'string' },
      seed: { type: 'string' },
      'log-requests': { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) return undefined;
  const number = (name: string, text: string | undefined) => {
    if (text === undefined) return undefined;
    const parsed = Number(text);
    if (text.trim() === '' || !Number.isFinite(parsed)) {
      throw new TypeError(`--${name} must be a number, got "${text}"`);
    }
    return parsed;
  };
  const options: EmulatorOptions = {
    host: values.host,
    port: number('port', values.port) as number,
    ...(values['public-url'] === undefined ? {} : { publicUrl: values['public-url'] }),
    users: [
      {
        userId: values['user-id'],
        apiToken: values['api-token'],
        apiSecret: values['api-secret'],
        numbers: values.number,
      },
    ],
    logRequests: values['log-requests'],
  };
  const speed = number('speed', values.speed);
  if (speed !== undefined) options.speed = speed;
  const seed = number('seed', values.seed);
  if (seed !== undefined) options.seed = seed;
  return options;
}

async function main(): Promise<void> {
  let options: EmulatorOptions | undefined;
  try {
    options = optionsFrom(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(`bw-emulator: ${(error as Error).message}\n\n${USAGE}`);
    process.exitCode = 2;
    return;
  }
  if (!options) {
    process.stdout.write(USAGE);
    return;
  }
  const emulator = await startEmulator(options);
  const user = options.users?.[0] ?? DEFAULT_USER;
  const numbers = user.numbers?.length
    ? user.numbers.join(', ')
    : '(none: order some, or pass --number)';
  // The credentials are printed on purpose: they are the local emulator's, for pasting into a client.
  process.stdout.write(
    [
      `bw-emulator listening on ${emulator.url}`,
      `  API base:    ${emulator.url}/v1/users/${user.userId}/…`,
      `  userId:      ${user.userId}`,
      `  apiToken:    ${user.apiToken}`,
      `  apiSecret:   ${user.apiSecret}`,
      `  numbers:     ${numbers}`,
      `  console:     ${emulator.url}/_emulator/console/  (timeline, calls, messages, state, controls, phone)`,
      `  control API: ${emulator.url}/_emulator (messages, calls, callbacks, faults, rate-limits, reset, state)`,
      'Press Ctrl+C to stop.',
      '',
    ].join('\n'),
  );
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    process.stdout.write(`bw-emulator: ${signal} received, stopping\n`);
    emulator.close().then(
      () => process.exit(0),
      (error: unknown) => {
        process.stderr.write(`bw-emulator: error while stopping: ${(error as Error).message}\n`);
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  const code = (error as { code?: string }).code;
  const message =
    code === 'EADDRINUSE'
      ? `the address is already in use (${(error as Error).message}); pick another --port`
      : (error as Error).message;
  process.stderr.write(`bw-emulator: ${message}\n`);
  process.exit(1);
});
