import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { moduleFile } from './module-file';
import type { ResolvedOptions } from './options';

/**
 * The young generation of the emulator's own thread, MB. V8 grows a thread's young generation
 * to 48 MB (two 16 MB halves) when most of what it allocates survives, as in a server that keeps
 * every record it makes: each collection then copies the records of ~1,300 requests at once (3–9 ms
 * under load). A smaller one copies fewer per pause (bench/README.md, "the emulator's `POST
 * /messages`").
 */
const YOUNG_GENERATION_MB = 12;

/** Marks the thread's `workerData` as the emulator's own. */
const THREAD_KEY = '@bw/emulator:thread';

/** What the thread tells its parent: where it listens, that it closed, or why it could not start. */
type ThreadMessage =
  | { url: string }
  | { closed: true }
  | { error: { name: string; message: string; props: Record<string, string | number> } };

/** Runs one emulator. */
type Start = (options: ResolvedOptions) => Promise<{ url: string; close(): Promise<void> }>;

/** The file for the thread to load: the built package's, never a source. */
function threadFile(): string {
  const file = moduleFile();
  if (/\.[cm]?tsx?$/.test(file)) {
    throw new Error(
      'Emulator option "worker" runs the built package (dist/), not its TypeScript sources',
    );
  }
  return file;
}

/** An error of the thread as its parent rethrows it: its type, message and own fields. */
function rebuild(error: { name: string; message: string; props: Record<string, string | number> }) {
  const Type =
    error.name === 'TypeError' ? TypeError : error.name === 'RangeError' ? RangeError : Error;
  return Object.assign(new Type(error.message), error.props);
}

/**
 * Starts the emulator on a worker thread of its own and resolves once it listens, with its URL
 * and a `close` that stops it and ends the thread. Rejects with the error that kept it from
 * starting (a port in use: the same `code` as the emulator on the caller's thread).
 */
export async function startOnThread(
  options: ResolvedOptions,
): Promise<{ url: string; close(): Promise<void> }> {
  const worker = new Worker(threadFile(), {
    workerData: { [THREAD_KEY]: options },
    resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB },
  });
  const next = () =>
    new Promise<ThreadMessage>((resolve, reject) => {
      const onMessage = (message: ThreadMessage) => {
        worker.off('error', onError).off('exit', onExit);
        resolve(message);
      };
      const onError = (error: Error) => {
        worker.off('message', onMessage).off('exit', onExit);
        reject(error);
      };
      const onExit = (code: number) => {
        worker.off('message', onMessage).off('error', onError);
        reject(new Error(`The emulator's thread ended (exit code ${code})`));
      };
      worker.once('message', onMessage).once('error', onError).once('exit', onExit);
    });
  const started = await next();
  if (!('url' in started)) {
    await worker.terminate();
    throw 'error' in started
      ? rebuild(started.error)
      : new Error("The emulator's thread answered out of turn");
  }
  let closing: Promise<void> | undefined;
  return {
    url: started.url,
    close() {
      closing ??= (async () => {
        const closed = next().catch(() => undefined);
        worker.postMessage('close');
        await closed;
        await worker.terminate();
      })();
      return closing;
    },
  };
}

/** Own enumerable string and number fields of an error (`code`, `errno`, `port`…). */
function fieldsOf(error: object): Record<string, string | number> {
  const props: Record<string, string | number> = {};
  for (const [key, value] of Object.entries(error)) {
    if (typeof value === 'string' || typeof value === 'number') props[key] = value;
  }
  return props;
}

/**
 * In the emulator's own thread (and only there): starts the emulator with the options its
 * parent gave, tells the parent where it listens, and closes it when the parent asks.
 */
export function serveOnThread(start: Start): void {
  if (isMainThread || parentPort === null) return;
  const data = workerData as Record<string, unknown> | null;
  if (data === null || typeof data !== 'object' || !(THREAD_KEY in data)) return;
  const port = parentPort;
  start(data[THREAD_KEY] as ResolvedOptions).then(
    (emulator) => {
      port.once('message', async () => {
        await emulator.close();
        port.postMessage({ closed: true } satisfies ThreadMessage);
      });
      port.postMessage({ url: emulator.url } satisfies ThreadMessage);
    },
    (error: unknown) => {
      const failure = error instanceof Error ? error : new Error(String(error));
      port.postMessage({
        error: { name: failure.name, message: failure.message, props: fieldsOf(failure) },
      } satisfies ThreadMessage);
    },
  );
}
