import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { authenticate } from './auth';
import { CallbackEngine } from './callbacks';
import { Clock } from './clock';
import { EventBus } from './console/bus';
import { requireSameOrigin } from './console/routes';
import { publishCallback, publishFault, publishRateLimit, publishRequest } from './console/taps';
import { type EmulatorContext, requestNotes } from './context';
import { controlRoutes } from './control';
import { EmulatorControl } from './control-client';
import { type EmulatorCredentials, redactedCredentials } from './credentials';
import { apiError, categoryForStatus, EmulatorApiError } from './errors';
import { FaultInjector, type StatusFault } from './faults';
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
  const context = createContext(resolved);
  const app = buildApp(context);
  let address: string;
  try {
    address = await app.listen({
      host: resolved.host,
      port: resolved.port,
      backlog: LISTEN_BACKLOG,
    });
  } catch (error) {
    context.clock.cancelAll();
    throw error;
  }
  const url = toBaseUrl(address, resolved.host);
  context.setUrl(resolved.publicUrl ?? url);
  const users = resolved.users.map((user) =>
    redactedCredentials(user.userId, user.apiToken, user.apiSecret),
  );
  let closing: Promise<void> | undefined;
  const emulator: Emulator = {
    url,
    credentials: users[0] as EmulatorCredentials,
    users,
    control: new EmulatorControl(url),
    close() {
      closing ??= (async () => {
        context.clock.cancelAll();
        context.callbacks.close();
        await app.close();
      })();
      return closing;
    },
  };
  Object.defineProperty(emulator, 'toJSON', {
    value: () => ({ url, credentials: emulator.credentials }),
    enumerable: false,
  });
  return emulator;
}

function toBaseUrl(address: string, host: string): string {
  const parsed = new URL(address);
  // Fastify reports the address it bound; prefer the host the caller asked for.
  const hostname = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host;
  const bracketed = hostname.includes(':') ? `[${hostname}]` : hostname;
  return `http://${bracketed}:${parsed.port}`;
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
      const user = requestNotes(request).emulatorUser;
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

/** Builds the Fastify app: parsers, hooks, error handling, then every route plugin. */
function buildApp(context: EmulatorContext): FastifyInstance {
  const app = Fastify({
    logger: context.options.logRequests && {
      // A request line never shows the password of a URL passed in its query.
      serializers: {
        req: (request: { method: string; url: string; ip?: string }) => ({
          method: request.method,
          url: redactUrlPasswords(request.url),
          remoteAddress: request.ip,
        }),
      },
    },
    bodyLimit: JSON_BODY_LIMIT,
    forceCloseConnections: true,
    keepAliveTimeout: 10_000,
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 500 },
  });
  app.decorateRequest('emulatorUser', null);
  app.decorateRequest('emulatorDropAfter', false);
  app.decorateRequest('emulatorCreated', null);

  // Lenient JSON: an empty body is no body; any content type holding JSON is accepted. Named
  // under its usual type too: Fastify remembers the parser of a named type, while a request
  // only the catch-all takes has its Content-Type parsed again every time.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser(
    ['application/json', '*'],
    { parseAs: 'string' },
    (_request, body, done) => {
      const text = typeof body === 'string' ? body : body.toString('utf8');
      if (text.trim() === '') {
        done(null, undefined);
        return;
      }
      try {
        done(null, JSON.parse(text));
      } catch {
        done(
          apiError(
            400,
            'bad-request',
            'validation-error',
            'Bad parameters: the body is not valid JSON',
          ),
          undefined,
        );
      }
    },
  );

  // A request is handled when the process's turns allow (at once, unless the loop has spent
  // this turn's budget): a burst read in one go is answered over several turns, in order, with
  // the emulator's timers and callback answers in between.
  app.addHook('onRequest', (_request, _reply, done) => turns.run(done));

  // The hooks take callbacks rather than returning promises: no promise per request and hook
  // on the common path (no faults, no latency), which is most of a request's cost here.
  const admit = (request: FastifyRequest, path: string) => {
    const user = authenticate(context.store, request, path);
    requestNotes(request).emulatorUser = user;
    context.rateLimits.checkResource(user.userId, request.method, path);
  };
  app.addHook('onRequest', (request, reply, done) => {
    const path = pathOf(request.url);
    try {
      // The control API and the console take no cross-site browser requests (no CORS).
      if (path.startsWith('/_emulator')) requireSameOrigin(request);
      if (!path.startsWith('/v1/')) {
        done();
        return;
      }
      if (context.faults.empty) {
        admit(request, path);
        done();
        return;
      }
    } catch (error) {
      done(error as Error);
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
          if (terminal?.type === 'drop-after') requestNotes(request).emulatorDropAfter = true;
          admit(request, path);
        }
        done();
      } catch (error) {
        done(error as Error);
      }
    };
    if (decision.latencyMs > 0) setTimeout(proceed, decision.latencyMs);
    else proceed();
  });

  app.addHook('onResponse', (request, reply, done) => {
    publishRequest(context.events, request, reply);
    done();
  });

  app.addHook('onSend', (request, reply, payload, done) => {
    if (requestNotes(request).emulatorDropAfter) {
      // The handler ran (its state change stands); the client never gets the answer.
      reply.raw.once('error', () => {});
      request.raw.socket.destroy();
    }
    done(null, payload);
  });

  app.setErrorHandler((error: unknown, request, reply) => {
    publishRateLimit(context.events, request, error);
    return sendError(error, request, reply);
  });
  app.setNotFoundHandler((request, reply) =>
    sendError(
      apiError(
        404,
        'not-found',
        'resource-not-found',
        'The requested resource could not be found.',
      ),
      request,
      reply,
    ),
  );

  for (const plugin of routePlugins) {
    app.register(async (scope) => {
      await plugin(scope, context);
    });
  }
  app.register(async (scope) => {
    await controlRoutes(scope, context);
  });
  return app;
}

function sendError(error: unknown, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  if (reply.sent || reply.raw.headersSent) return reply;
  const apiFailure = toApiError(error);
  for (const [name, value] of Object.entries(apiFailure.headers)) reply.header(name, value);
  return reply.status(apiFailure.status).send(apiFailure.toBody(request));
}

function toApiError(error: unknown): EmulatorApiError {
  if (error instanceof EmulatorApiError) return error;
  const statusCode = (error as { statusCode?: unknown }).statusCode;
  if (typeof statusCode === 'number' && statusCode >= 400 && statusCode < 500) {
    const message = error instanceof Error ? error.message : 'Bad parameters';
    if (statusCode === 413) {
      return apiError(
        400,
        'bad-request',
        'validation-error',
        `The request body is too large: ${message}`,
      );
    }
    return apiError(400, 'bad-request', 'validation-error', `Bad parameters: ${message}`);
  }
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

function pathOf(url: string): string {
  const query = url.indexOf('?');
  return query === -1 ? url : url.slice(0, query);
}
