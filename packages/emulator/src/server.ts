import { authenticate } from './auth';
import { CallbackEngine } from './callbacks';
import { Clock } from './clock';
import { EventBus } from './console/bus';
import { requireSameOrigin } from './console/routes';
import { publishCallback, publishFault, publishRateLimit, publishRequest } from './console/taps';
import type { EmulatorContext } from './context';
import { controlRoutes } from './control';
import { EmulatorControl } from './control-client';
import { type EmulatorCredentials, redactedCredentials } from './credentials';
import { apiError, categoryForStatus, EmulatorApiError } from './errors';
import { FaultInjector, type StatusFault } from './faults';
import { HttpApp, type HttpReply, type HttpRequest } from './http';
import { IdGenerator } from './ids';
import { DeliveryFailures } from './messaging/delivery';
import { provisionNumber } from './numbers/provision';
import { type EmulatorOptions, type ResolvedOptions, resolveOptions } from './options';
import { isE164 } from './phone';
import { RandomStreams } from './random';
import { RateLimiter } from './rate-limits';
import { redactUrlPasswords } from './redaction';
import { routePlugins } from './routes/index';
import { Sequence } from './sequence';
import { Store } from './state';
import { serveOnThread, startOnThread } from './thread';
import { turns } from './turns';
import { appendUserError } from './user-errors';
import { CallRuntimes } from './voice/call-runtimes';

/** A running emulator. */
export interface Emulator {
  /** `http://127.0.0.1:PORT`: pass as `baseUrl` to clients; the API lives under `${url}/v1/…`. */
  readonly url: string;
  /** Credentials of the first user (printing them shows token and secret redacted). */
  readonly credentials: EmulatorCredentials;
  /** Credentials of every configured user, in order. */
  readonly users: readonly EmulatorCredentials[];
  /** Typed client of the `/_emulator` control API. */
  readonly control: EmulatorControl;
  /** Stops the server: pending timers and callbacks are cancelled, connections closed. */
  close(): Promise<void>;
}

const JSON_BODY_LIMIT = 1024 * 1024;
/**
 * Connections the kernel may hold for the emulator while its event loop is busy. Node's default
 * (511) overflows when a client opens a thousand connections at once (a burst of `POST /calls`):
 * the overflow is dropped, and clients see connect timeouts and ECONNRESET. The kernel caps it
 * at `net.core.somaxconn` (4096 on current Linux).
 */
const LISTEN_BACKLOG = 4096;

/** Starts an emulator of the v1 Catapult API and resolves once it listens. */
export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  const resolved = resolveOptions(options);
  const { url, close } = options.worker ? await startOnThread(resolved) : await listen(resolved);
  const users = resolved.users.map((user) =>
    redactedCredentials(user.userId, user.apiToken, user.apiSecret),
  );
  const emulator: Emulator = {
    url,
    credentials: users[0] as EmulatorCredentials,
    users,
    control: new EmulatorControl(url),
    close,
  };
  Object.defineProperty(emulator, 'toJSON', {
    value: () => ({ url, credentials: emulator.credentials }),
    enumerable: false,
  });
  return emulator;
}

/** Runs an emulator on this thread; resolves with its URL and its `close` once it listens. */
async function listen(resolved: ResolvedOptions): Promise<{ url: string; close(): Promise<void> }> {
  const context = createContext(resolved);
  const app = buildApp(context);
  let port: number;
  try {
    ({ port } = await app.listen(resolved.host, resolved.port, LISTEN_BACKLOG));
  } catch (error) {
    context.clock.cancelAll();
    throw error;
  }
  const url = toBaseUrl(port, resolved.host);
  context.setUrl(resolved.publicUrl ?? url);
  let closing: Promise<void> | undefined;
  return {
    url,
    close() {
      closing ??= (async () => {
        context.clock.cancelAll();
        context.callbacks.close();
        await app.close();
      })();
      return closing;
    },
  };
}

// In the emulator's own thread (`worker: true`), this module runs it.
serveOnThread(listen);

function toBaseUrl(port: number, host: string): string {
  // The host the caller asked for, where it is one a client can reach.
  const hostname = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host;
  const bracketed = hostname.includes(':') ? `[${hostname}]` : hostname;
  return `http://${bracketed}:${port}`;
}

interface MutableContext extends EmulatorContext {
  setUrl(url: string): void;
}

function createContext(options: ResolvedOptions): MutableContext {
  const random = new RandomStreams(options.seed);
  const ids = new IdGenerator(() => random.stream('ids'));
  const clock = new Clock(options.speed);
  const store = new Store(random);
  const faults = new FaultInjector(() => random.stream('faults'));
  const rateLimits = new RateLimiter();
  const sequence = new Sequence();
  const deliveryFailures = new DeliveryFailures();
  const callRuntimes = new CallRuntimes(options.autoAnswer, options.autoPress);
  const resetListeners: Array<() => void> = [];
  // Settled with undefined at the next reset; a set, not signal listeners, so that any
  // number of BXML waits stay free of MaxListenersExceededWarning.
  const resetWaiters = new Set<() => void>();
  const events = new EventBus();
  const callbacks = new CallbackEngine(
    (userId, failure) => {
      const user = store.users.get(userId);
      if (user) appendUserError(ids, user, failure);
    },
    (record, responseText) => publishCallback(events, record, responseText),
  );
  let url = `http://${options.host}:${options.port}`;

  const context: MutableContext = {
    options,
    store,
    clock,
    ids,
    random,
    callbacks,
    faults,
    rateLimits,
    events,
    sequence,
    deliveryFailures,
    callRuntimes,
    get url() {
      return url;
    },
    setUrl(value) {
      url = value;
    },
    userOf(request) {
      const user = request.emulatorUser;
      if (!user) throw new Error(`Route ${request.method} ${request.url} is not behind auth`);
      return user;
    },
    onReset(listener) {
      resetListeners.push(listener);
    },
    untilReset(promise) {
      return new Promise((resolve, reject) => {
        const onReset = () => resolve(undefined);
        resetWaiters.add(onReset);
        promise.then(
          (value) => {
            resetWaiters.delete(onReset);
            resolve(value);
          },
          (error: unknown) => {
            resetWaiters.delete(onReset);
            reject(error);
          },
        );
      });
    },
    reset() {
      clock.cancelAll();
      callbacks.reset();
      random.restart();
      sequence.restart();
      deliveryFailures.set([]);
      callRuntimes.reset(options.autoAnswer, options.autoPress);
      rateLimits.set(options.rateLimits);
      faults.set(options.faults);
      populate(context);
      const waiting = [...resetWaiters];
      resetWaiters.clear();
      for (const settle of waiting) settle();
      for (const listener of resetListeners) listener();
      events.publish({ kind: 'reset', data: {} });
    },
  };
  faults.set(options.faults);
  rateLimits.set(options.rateLimits);
  populate(context);
  return context;
}

/** (Re)creates the configured users and their seeded numbers. */
function populate(context: EmulatorContext): void {
  context.store.clear();
  for (const config of context.options.users) {
    const user = context.store.addUser(
      config.userId,
      config.apiToken,
      config.apiSecret,
      config.balance,
    );
    for (const number of config.numbers ?? []) {
      if (!isE164(number)) throw new TypeError(`Seeded number "${number}" is not E.164`);
      if (context.store.ownerOf(number)) {
        throw new TypeError(`Seeded number "${number}" is given to more than one user`);
      }
      provisionNumber(context, user, number, { bill: false });
    }
  }
}

/** Builds the HTTP app: hooks, error handling, then every route plugin. */
function buildApp(context: EmulatorContext): HttpApp {
  // The hooks take callbacks rather than returning promises: no promise per request and hook
  // on the common path (no faults, no latency), which is most of a request's cost here.
  const admit = (request: HttpRequest) => {
    const user = authenticate(context.store, request, request.path);
    request.emulatorUser = user;
    context.rateLimits.checkResource(user.userId, request.method, request.path);
  };
  const log = context.options.logRequests ? logRequest : undefined;
  const app = new HttpApp({
    bodyLimit: JSON_BODY_LIMIT,
    keepAliveTimeout: 10_000,
    onRequest: [
      // A request is handled when the process's turns allow (at once, unless the loop has spent
      // this turn's budget): a burst read in one go is answered over several turns, in order,
      // with the emulator's timers and callback answers in between.
      (_request, _reply, done) => turns.run(done),
      (request, reply, done) => {
        const path = request.path;
        try {
          // The control API and the console take no cross-site browser requests (no CORS).
          if (path.startsWith('/_emulator')) requireSameOrigin(request);
          if (!path.startsWith('/v1/')) {
            done();
            return;
          }
          if (context.faults.empty) {
            admit(request);
            done();
            return;
          }
        } catch (error) {
          done(error);
          return;
        }
        const decision = context.faults.decide(request.method, path);
        publishFault(context.events, request.method, path, decision);
        const proceed = () => {
          try {
            const terminal = decision.terminal;
            if (terminal?.type === 'drop-before') {
              reply.hijack();
              request.raw.socket.destroy();
            } else {
              if (terminal?.type === 'status') throw statusFaultError(terminal);
              if (terminal?.type === 'drop-after') request.emulatorDropAfter = true;
              admit(request);
            }
            done();
          } catch (error) {
            done(error);
          }
        };
        if (decision.latencyMs > 0) setTimeout(proceed, decision.latencyMs);
        else proceed();
      },
    ],
    beforeSend(request) {
      if (!request.emulatorDropAfter) return false;
      // The handler ran (its state change stands); the client never gets the answer.
      request.raw.socket.destroy();
      return true;
    },
    onResponse(request, reply) {
      publishRequest(context.events, request, reply);
      log?.(request, reply);
    },
    onError(error, request, reply) {
      publishRateLimit(context.events, request, error);
      sendError(error, request, reply);
      if (!(error instanceof EmulatorApiError)) log?.(request, reply, error);
    },
    notFound(request, reply) {
      sendError(
        apiError(
          404,
          'not-found',
          'resource-not-found',
          'The requested resource could not be found.',
        ),
        request,
        reply,
      );
    },
  });
  for (const plugin of routePlugins) plugin(app.scope(), context);
  controlRoutes(app.scope(), context);
  return app;
}

/**
 * One JSON line per answered request on stdout (`--log-requests`): the password of a URL in
 * the path or query shows as `[REDACTED]`; a failure that is not an API error adds its message.
 */
function logRequest(request: HttpRequest, reply: HttpReply, error?: unknown): void {
  const line = {
    time: new Date().toISOString(),
    method: request.method,
    url: redactUrlPasswords(request.url),
    remoteAddress: request.ip,
    status: reply.statusCode,
    responseTimeMs: Math.round(reply.elapsedTime * 100) / 100,
    ...(error === undefined
      ? {}
      : { error: error instanceof Error ? redactUrlPasswords(error.message) : String(error) }),
  };
  process.stdout.write(`${JSON.stringify(line)}\n`);
}

function sendError(error: unknown, request: HttpRequest, reply: HttpReply): void {
  if (reply.sent || reply.raw.headersSent) return;
  const apiFailure = toApiError(error);
  for (const [name, value] of Object.entries(apiFailure.headers)) reply.header(name, value);
  reply.status(apiFailure.status).send(apiFailure.toBody(request));
}

function toApiError(error: unknown): EmulatorApiError {
  if (error instanceof EmulatorApiError) return error;
  // The reference lists internal-error among the 503 unavailable errors.
  return apiError(503, 'unavailable', 'internal-error', 'An error occurred handling the request');
}

function statusFaultError(rule: StatusFault): EmulatorApiError {
  const headers: Record<string, string> = {};
  if (rule.retryAfter !== undefined) headers['Retry-After'] = String(rule.retryAfter);
  return apiError(
    rule.status,
    rule.category ?? categoryForStatus(rule.status),
    rule.code ?? (rule.status >= 500 ? 'internal-error' : 'injected-fault'),
    rule.message ?? `Injected fault: HTTP ${rule.status}`,
    [],
    headers,
  );
}
