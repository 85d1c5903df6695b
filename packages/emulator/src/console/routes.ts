import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { RoutePlugin } from '../context';
import { apiError } from '../errors';
import type { HttpReply, HttpRequest } from '../http';
import { consoleAssets } from './assets';
import { type ConsoleEvent, redactValue } from './bus';
import { followCalls } from './calls';

/** Where the console lives on the emulator's port. */
export const CONSOLE_PATH = '/_emulator/console';
const HEARTBEAT_MS = 15_000;
const RETRY_MS = 1000;

/**
 * Requests a browser sends from another site carry that site's `Origin`: the console, its
 * stream and the control API refuse them (there is no CORS). Tools that send no `Origin`
 * (curl, the control client) are not browsers and pass.
 */
export function isCrossOrigin(request: HttpRequest): boolean {
  const origin = request.headers.origin;
  if (origin === undefined) return false;
  const host = request.headers.host;
  return host === undefined || origin !== `http://${host}`;
}

/** Throws 403 for a cross-origin browser request (see {@link isCrossOrigin}). */
export function requireSameOrigin(request: HttpRequest): void {
  if (isCrossOrigin(request)) {
    throw apiError(403, 'forbidden', 'cross-origin', 'Cross-origin requests are not allowed');
  }
}

/**
 * The web console: its page and assets, the event stream (server-sent events) and the read
 * views it needs that the control API lacks. Also starts following calls for the stream.
 */
export const consoleRoutes: RoutePlugin = (app, context) => {
  // Each start gets its own id: a console that reconnects to a restarted emulator starts over.
  const instance = randomUUID();
  // Aborted at every reset: the calls followed until then are no longer published.
  const followingController = () => new AbortController();
  let following = followingController();
  followCalls(context, () => following.signal);
  context.onReset(() => {
    context.clock.setSpeed(context.options.speed);
    following.abort();
    following = followingController();
  });
  const openStreams = new Set<() => void>();
  app.onClose(() => {
    following.abort();
    for (const close of [...openStreams]) close();
  });

  app.get(`${CONSOLE_PATH}/events`, (request, reply) => {
    requireSameOrigin(request);
    const header = request.headers['last-event-id'];
    const query = (request.query as Record<string, unknown>).lastEventId;
    const last = Number(Array.isArray(header) ? header[0] : (header ?? query ?? 0));
    const from = Number.isSafeInteger(last) && last <= context.events.lastId ? last : 0;
    reply.hijack();
    const raw = reply.raw;
    raw.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
      connection: 'keep-alive',
    });
    const write = (event: ConsoleEvent) => {
      raw.write(`id: ${event.id}\nevent: entry\ndata: ${JSON.stringify(event)}\n\n`);
    };
    raw.write(`retry: ${RETRY_MS}\n`);
    raw.write(
      `event: hello\ndata: ${JSON.stringify({ instance, lastId: context.events.lastId, replayFrom: from })}\n\n`,
    );
    for (const event of context.events.since(from)) write(event);
    const unsubscribe = context.events.subscribe(write);
    const heartbeat = setInterval(() => raw.write(': keep-alive\n\n'), HEARTBEAT_MS);
    const close = () => {
      clearInterval(heartbeat);
      unsubscribe();
      openStreams.delete(close);
      raw.end();
    };
    openStreams.add(close);
    request.raw.on('close', close);
  });

  app.get(`${CONSOLE_PATH}/api/overview`, async (request) => {
    requireSameOrigin(request);
    return {
      instance,
      url: context.url,
      speed: context.clock.speed,
      autoAnswer: context.callRuntimes.autoAnswer,
      startAutoAnswer: context.options.autoAnswer,
      users: [...context.store.users.values()].map((user) => {
        const configured = context.options.users.find((entry) => entry.userId === user.userId);
        return {
          ...(redactValue(user.snapshot()) as Record<string, unknown>),
          credentials: {
            userId: user.userId,
            apiToken: mask(configured?.apiToken),
            apiSecret: '••••••••',
          },
        };
      }),
    };
  });

  // The balance is the one account switch the control API lacked; the console's form uses it.
  app.post(`/_emulator/balance`, async (request) => {
    const body = (request.body ?? {}) as { userId?: unknown; balance?: unknown };
    const userId =
      typeof body.userId === 'string' && body.userId !== ''
        ? body.userId
        : (context.options.users[0]?.userId ?? '');
    const user = context.store.users.get(userId);
    if (!user) throw apiError(404, 'not-found', 'user-not-found', `No user ${userId}`);
    const balance = typeof body.balance === 'string' ? Number(body.balance) : body.balance;
    if (typeof balance !== 'number' || !Number.isFinite(balance)) {
      throw apiError(400, 'bad-request', 'validation-error', 'balance must be a number of dollars');
    }
    user.balanceMicros = Math.round(balance * 100_000);
    return { userId, balance: user.snapshot().balance };
  });

  // Speed is the other switch the console offers that the control API lacked.
  app.post(`/_emulator/speed`, async (request) => {
    const speed = Number((request.body as { speed?: unknown } | undefined)?.speed);
    try {
      context.clock.setSpeed(speed);
    } catch (error) {
      throw apiError(400, 'bad-request', 'validation-error', (error as Error).message);
    }
    return { speed: context.clock.speed };
  });

  app.get<{ Params: { userId: string; name: string } }>(
    `${CONSOLE_PATH}/api/users/:userId/media/:name`,
    async (request, reply) => {
      requireSameOrigin(request);
      const media = context.store.users.get(request.params.userId)?.media.get(request.params.name);
      if (!media) throw apiError(404, 'not-found', 'media-not-found', 'No such media');
      return reply
        .header('content-type', media.contentType)
        .header(
          'content-disposition',
          `attachment; filename="${media.mediaName.replace(/"/g, '')}"`,
        )
        .send(media.content);
    },
  );

  // Trailing slashes are ignored: this also serves `/_emulator/console/` (assets use absolute paths).
  app.get(CONSOLE_PATH, async (_request, reply) => sendAsset(reply, 'index.html'));
  app.get<{ Params: { name: string } }>(`${CONSOLE_PATH}/assets/:name`, async (request, reply) =>
    sendAsset(reply, request.params.name),
  );
};

const CONTENT_TYPES: Record<string, string> = {
  html: 'text/html; charset=utf-8',
  js: 'text/javascript; charset=utf-8',
  css: 'text/css; charset=utf-8',
  png: 'image/png',
  svg: 'image/svg+xml',
};

async function sendAsset(reply: HttpReply, name: string): Promise<HttpReply> {
  const file = consoleAssets(name);
  const extension = name.slice(name.lastIndexOf('.') + 1);
  const type = CONTENT_TYPES[extension];
  if (!file || !type) throw apiError(404, 'not-found', 'resource-not-found', 'No such file');
  let content: Buffer;
  try {
    content = await readFile(file);
  } catch {
    throw apiError(
      404,
      'not-found',
      'console-not-built',
      'The console assets are missing: build the package (pnpm --filter @bw/emulator build)',
    );
  }
  return reply
    .header('content-type', type)
    .header('cache-control', 'no-cache')
    .header('x-content-type-options', 'nosniff')
    .header('x-frame-options', 'DENY')
    .header(
      'content-security-policy',
      "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; media-src 'self'; frame-ancestors 'none'",
    )
    .send(content);
}

function mask(token: string | undefined): string {
  if (!token) return '';
  return token.length <= 4 ? '••••' : `${token.slice(0, 2)}••••${token.slice(-2)}`;
}
