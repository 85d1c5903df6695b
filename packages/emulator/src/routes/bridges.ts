import type { RoutePlugin } from '../context';
import { apiError } from '../errors';
import { absoluteUrl, userPath } from '../location';
import { paginate } from '../pagination';
import { applyAudioToCall, parseAudio } from '../voice/audio';
import {
  callsOf,
  checkBridgeCalls,
  createBridge,
  findBridge,
  parseBridgeInput,
  updateBridge,
} from '../voice/bridges';
import { isConnected } from '../voice/call-update';
import { chargeableDuration } from '../voice/lifecycle';
import { renderBridge, renderCall } from '../voice/render';
import { voiceState } from '../voice/voice-state';

/** Bridges: create (≤ 2 calls), list, get, update (replace calls, hold), audio, their calls. */
export const bridges: RoutePlugin = (app, context) => {
  app.get('/v1/users/:userId/bridges', async (request, reply) => {
    const user = context.userOf(request);
    const origin = context.url;
    const items = [...user.slot(voiceState).bridges.values()]
      .sort((a, b) => a.sequence - b.sequence)
      .map((bridge) => renderBridge(bridge, user.userId, origin));
    return paginate(request, reply, items, context.url, { resource: 'bridge' });
  });

  app.post('/v1/users/:userId/bridges', async (request, reply) => {
    const user = context.userOf(request);
    const input = parseBridgeInput(request.body);
    const calls = checkBridgeCalls(user, undefined, input.callIds ?? []);
    const bridge = createBridge(context, user, input, calls);
    return reply
      .status(201)
      .header('Location', absoluteUrl(context, userPath(user.userId, 'bridges', bridge.id)))
      .send();
  });

  app.get<{ Params: { bridgeId: string } }>(
    '/v1/users/:userId/bridges/:bridgeId',
    async (request) => {
      const user = context.userOf(request);
      const bridge = findBridge(user, request.params.bridgeId);
      return renderBridge(bridge, user.userId, context.url);
    },
  );

  app.post<{ Params: { bridgeId: string } }>(
    '/v1/users/:userId/bridges/:bridgeId',
    async (request, reply) => {
      const user = context.userOf(request);
      const bridge = findBridge(user, request.params.bridgeId);
      const input = parseBridgeInput(request.body);
      const calls = input.callIds ? checkBridgeCalls(user, bridge, input.callIds) : undefined;
      updateBridge(context, user, bridge, input, calls);
      return reply.status(200).send();
    },
  );

  app.post<{ Params: { bridgeId: string } }>(
    '/v1/users/:userId/bridges/:bridgeId/audio',
    async (request, reply) => {
      const user = context.userOf(request);
      const bridge = findBridge(user, request.params.bridgeId);
      const audio = parseAudio(request.body);
      const connected = callsOf(user, bridge).filter(isConnected);
      if (connected.length === 0) {
        throw apiError(
          400,
          'bad-request',
          'bridge-invalid-operation',
          `The bridge ${bridge.id} has no active calls`,
        );
      }
      for (const call of connected) applyAudioToCall(context, call, audio, 'bridge');
      return reply.status(200).send();
    },
  );

  app.get<{ Params: { bridgeId: string } }>(
    '/v1/users/:userId/bridges/:bridgeId/calls',
    async (request, reply) => {
      const user = context.userOf(request);
      const bridge = findBridge(user, request.params.bridgeId);
      const origin = context.url;
      const items = callsOf(user, bridge).map((call) =>
        renderCall(call, origin, chargeableDuration(context, call)),
      );
      return paginate(request, reply, items, context.url, { resource: 'call' });
    },
  );
};
