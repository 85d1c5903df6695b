import type { RoutePlugin } from '../context';
import { apiError, EmulatorApiError, notFound, validationError } from '../errors';
import { absoluteUrl, userPath } from '../location';
import { renderMessage } from '../messaging/events';
import { createOutboundMessage, MAX_BATCH, parseOutboundMessage } from '../messaging/outbound';
import { cursorPaginate, queryValue } from '../pagination';
import { type MessageRecord, sortKeyOf, type UserState } from '../state';

const RESOURCE = 'message';
const STATES = ['received', 'queued', 'sending', 'sent', 'error'];
const DELIVERY_STATES = ['waiting', 'delivered', 'not-delivered'];

/** Messages: send one (201) or a batch (202), get, list with a cursor, redact. */
export const messages: RoutePlugin = (app, context) => {
  // Not async: a send answers synchronously, and what a plain handler throws goes to the error
  // handler as a rejection does, without a promise per request.
  app.post('/v1/users/:userId/messages', (request, reply) => {
    const user = context.userOf(request);
    const locationOf = (message: MessageRecord) =>
      absoluteUrl(context, userPath(user.userId, 'messages', message.id));

    if (!Array.isArray(request.body)) {
      const input = parseOutboundMessage(context, user, request.body);
      context.rateLimits.checkSending('messages', user.userId, input.from);
      const message = createOutboundMessage(context, user, input);
      request.emulatorCreated = { messageId: message.id };
      reply.status(201).header('Location', locationOf(message)).send();
      return;
    }

    const batch: unknown[] = request.body;
    if (batch.length > MAX_BATCH) {
      throw apiError(
        403,
        'limit',
        'multi-message-limit',
        `The number of messages [${batch.length}] in the multi message request is greater than the limit [${MAX_BATCH}].`,
      );
    }
    const results = batch.map((item) => {
      try {
        const input = parseOutboundMessage(context, user, item);
        context.rateLimits.checkSending('messages', user.userId, input.from);
        const message = createOutboundMessage(context, user, input);
        return { result: 'accepted', location: locationOf(message) };
      } catch (error) {
        if (!(error instanceof EmulatorApiError)) throw error;
        return { result: 'error', error: error.toBody() };
      }
    });
    reply.status(202).send(results);
  });

  app.get<{ Params: { messageId: string } }>(
    '/v1/users/:userId/messages/:messageId',
    async (request) =>
      renderMessage(findMessage(context.userOf(request), request.params.messageId)),
  );

  app.patch<{ Params: { messageId: string } }>(
    '/v1/users/:userId/messages/:messageId',
    async (request, reply) => {
      const message = findMessage(context.userOf(request), request.params.messageId);
      const body = request.body as Record<string, unknown> | undefined;
      const redaction =
        body !== null &&
        typeof body === 'object' &&
        !Array.isArray(body) &&
        Object.keys(body).length === 1 &&
        body.text === '';
      if (!redaction) {
        throw validationError('A message can only be redacted: the body must be {"text":""}');
      }
      // Its events not shown yet keep the text they were published with.
      context.events.settleMessage(message.id);
      message.text = '';
      return reply.status(200).send();
    },
  );

  app.get('/v1/users/:userId/messages', async (request, reply) => {
    const user = context.userOf(request);
    const query = request.query;
    const from = queryValue(query, 'from');
    const to = queryValue(query, 'to');
    const direction = enumQuery(query, 'direction', ['in', 'out']);
    const state = enumQuery(query, 'state', STATES);
    const deliveryState = enumQuery(query, 'deliveryState', DELIVERY_STATES);
    const sortOrder = enumQuery(query, 'sortOrder', ['asc', 'desc']) ?? 'asc';
    const fromTime = dateTimeQuery(query, 'fromDateTime');
    const toTime = dateTimeQuery(query, 'toDateTime');
    const below = sortKeyQuery(query, 'sortKeyLT');
    const above = sortKeyQuery(query, 'sortKeyGT');
    const matching: MessageRecord[] = [];
    for (const message of user.messages.values()) {
      if (from !== undefined && message.from !== from) continue;
      if (to !== undefined && message.to !== to) continue;
      if (direction !== undefined && message.direction !== direction) continue;
      if (state !== undefined && message.state !== state) continue;
      if (deliveryState !== undefined && message.deliveryState !== deliveryState) continue;
      if (fromTime !== undefined && message.createdAt < fromTime) continue;
      if (toTime !== undefined && message.createdAt > toTime) continue;
      if (below !== undefined && sortKeyOf(message) >= below) continue;
      if (above !== undefined && sortKeyOf(message) <= above) continue;
      matching.push(message);
    }
    if (sortOrder === 'desc') matching.reverse();
    const page = cursorPaginate(
      request,
      reply,
      matching,
      (message) => sortKeyOf(message).toString(),
      sortOrder,
      context.url,
      { resource: RESOURCE },
    );
    return page.map(renderMessage);
  });
};

/** The user's message; 404 `message-not-found` otherwise. */
export function findMessage(user: UserState, messageId: string): MessageRecord {
  const message = user.messages.get(messageId);
  if (!message) throw notFound('message-not-found', 'message', messageId);
  return message;
}

function enumQuery<T extends string>(query: unknown, key: string, allowed: T[]): T | undefined {
  const value = queryValue(query, key);
  if (value === undefined || value === '') return undefined;
  if (!allowed.includes(value as T)) {
    throw validationError(
      `The '${RESOURCE}' resource property '${key}' must be one of the following values: ${allowed.join(', ')}`,
    );
  }
  return value as T;
}

/** `yyyy-MM-dd hh:mm:ss.sss` (UTC), any tail may be left off; ISO-8601 also accepted. */
function dateTimeQuery(query: unknown, key: string): number | undefined {
  const value = queryValue(query, key);
  if (value === undefined || value === '') return undefined;
  const match =
    /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2})(?::(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?)?)?Z?$/.exec(
      value.trim(),
    );
  if (!match) {
    throw apiError(
      400,
      'bad-request',
      'validation-error',
      `The '${RESOURCE}' resource property '${key}' must be a date-time (yyyy-MM-dd hh:mm:ss.sss)`,
    );
  }
  const [, year, month, day, hour, minute, second, millis] = match;
  return Date.UTC(
    Number(year),
    Number(month) - 1,
    Number(day),
    Number(hour ?? 0),
    Number(minute ?? 0),
    Number(second ?? 0),
    Number((millis ?? '0').padEnd(3, '0')),
  );
}

function sortKeyQuery(query: unknown, key: string): bigint | undefined {
  const value = queryValue(query, key);
  if (value === undefined || value === '') return undefined;
  if (!/^\d+$/.test(value)) {
    throw validationError(`The '${RESOURCE}' resource property '${key}' must be a number`);
  }
  return BigInt(value);
}
