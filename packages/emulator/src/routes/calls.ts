import { requireCredit } from '../billing';
import type { RoutePlugin } from '../context';
import { notFound, validationError } from '../errors';
import { absoluteUrl, userPath } from '../location';
import { paginate, queryValue } from '../pagination';
import { parseCallUpdate, parseCreateCall } from '../voice/call-input';
import { applyCallUpdate } from '../voice/call-update';
import { chargeableDuration, createOutboundCall, findCall } from '../voice/lifecycle';
import { renderCall } from '../voice/render';
import { type CallRecord, voiceState } from '../voice/voice-state';

const RESOURCE = 'call';

/** Calls: create (201), list with filters, get, update (answer, reject, hang up, transfer, recording), events. */
export const calls: RoutePlugin = (app, context) => {
  const render = (call: CallRecord, origin: string) =>
    renderCall(call, origin, chargeableDuration(context, call));

  app.post('/v1/users/:userId/calls', async (request, reply) => {
    const user = context.userOf(request);
    const input = parseCreateCall(context, user, request.body);
    context.rateLimits.checkSending('calls', user.userId, input.from);
    // At least the first minute must be covered; the call is billed when it ends.
    const sip = input.to.startsWith('sip:') || input.from.startsWith('sip:');
    requireCredit(user, sip ? 'sip-call-out' : 'call-out');
    const call = createOutboundCall(context, user, input);
    request.emulatorCreated = { callId: call.id };
    return reply
      .status(201)
      .header('Location', absoluteUrl(context, userPath(user.userId, 'calls', call.id)))
      .send();
  });

  app.get('/v1/users/:userId/calls', async (request, reply) => {
    const user = context.userOf(request);
    const query = request.query;
    const bridgeId = queryValue(query, 'bridgeId') || undefined;
    const conferenceId = queryValue(query, 'conferenceId') || undefined;
    const from = queryValue(query, 'from') || undefined;
    const to = queryValue(query, 'to') || undefined;
    const sortOrder = queryValue(query, 'sortOrder') || 'desc';
    if (sortOrder !== 'asc' && sortOrder !== 'desc') {
      throw validationError(
        `The '${RESOURCE}' resource property 'sortOrder' must be one of the following values: asc, desc`,
      );
    }
    const after = dateQuery(query, 'fromDateTime');
    const before = dateQuery(query, 'toDateTime');
    const matching = [...user.slot(voiceState).calls.values()].filter(
      (call) =>
        (bridgeId === undefined || call.bridgeId === bridgeId) &&
        (conferenceId === undefined || call.conferenceId === conferenceId) &&
        (from === undefined || call.from === from) &&
        (to === undefined || call.to === to) &&
        (after === undefined || call.createdAt >= after) &&
        (before === undefined || call.createdAt <= before),
    );
    matching.sort((a, b) => a.createdAt - b.createdAt || a.sequence - b.sequence);
    if (sortOrder === 'desc') matching.reverse();
    const origin = context.url;
    // The reference: paging is not applied when filtering by bridge or conference.
    const page =
      bridgeId !== undefined || conferenceId !== undefined
        ? matching
        : paginate(request, reply, matching, context.url, { resource: RESOURCE });
    return page.map((call) => render(call, origin));
  });

  app.get<{ Params: { callId: string } }>('/v1/users/:userId/calls/:callId', async (request) =>
    render(findCall(context.userOf(request), request.params.callId), context.url),
  );

  app.post<{ Params: { callId: string } }>(
    '/v1/users/:userId/calls/:callId',
    async (request, reply) => {
      const user = context.userOf(request);
      const call = findCall(user, request.params.callId);
      const update = parseCallUpdate(context, user, call, request.body);
      const leg = applyCallUpdate(context, user, call, update);
      if (!leg) return reply.status(200).send();
      return reply
        .status(201)
        .header('Location', absoluteUrl(context, userPath(user.userId, 'calls', leg.id)))
        .send();
    },
  );

  app.get<{ Params: { callId: string } }>(
    '/v1/users/:userId/calls/:callId/events',
    async (request, reply) => {
      const call = findCall(context.userOf(request), request.params.callId);
      return paginate(request, reply, call.events, context.url, { resource: 'callEvent' });
    },
  );

  app.get<{ Params: { callId: string; eventId: string } }>(
    '/v1/users/:userId/calls/:callId/events/:eventId',
    async (request) => {
      const call = findCall(context.userOf(request), request.params.callId);
      const event = call.events.find((candidate) => candidate.id === request.params.eventId);
      if (!event) throw notFound('resource-not-found', 'call event', request.params.eventId);
      return event;
    },
  );
};

/** `yyyy-MM-dd[ hh:mm[:ss[.sss]]]` (UTC) or ISO-8601 → epoch ms; 400 otherwise. */
function dateQuery(query: unknown, key: string): number | undefined {
  const value = queryValue(query, key);
  if (value === undefined || value === '') return undefined;
  const normalised = /^\d{4}-\d{2}-\d{2} /.test(value) ? `${value.replace(' ', 'T')}Z` : value;
  const time = Date.parse(normalised);
  if (Number.isNaN(time)) {
    throw validationError(`The '${RESOURCE}' resource property '${key}' must be a date-time`);
  }
  return time;
}
