import type { RoutePlugin } from '../context';
import { apiError, validationError } from '../errors';
import { absoluteUrl, userPath } from '../location';
import { objectBody } from '../validation';
import { applyAudioToCall, parseAudio } from '../voice/audio';
import { isConnected } from '../voice/call-update';
import { checkDtmfOut, sendDtmfOut } from '../voice/digits';
import { findGather, parseGather, startGather, stopGather } from '../voice/gathers';
import { findCall, invalidState } from '../voice/lifecycle';
import { renderGather } from '../voice/render';
import type { CallRecord } from '../voice/voice-state';

/** Audio, DTMF and gathers on a call. */
export const callMedia: RoutePlugin = (app, context) => {
  app.post<{ Params: { callId: string } }>(
    '/v1/users/:userId/calls/:callId/audio',
    async (request, reply) => {
      const call = findCall(context.userOf(request), request.params.callId);
      const audio = parseAudio(request.body);
      if (!isConnected(call)) {
        throw apiError(
          403,
          'forbidden',
          'call-audio-invalid-state',
          `Audio cannot be played on call ${call.id} in state ${call.state}`,
        );
      }
      applyAudioToCall(context, call, audio);
      return reply.status(200).send();
    },
  );

  app.post<{ Params: { callId: string } }>(
    '/v1/users/:userId/calls/:callId/dtmf',
    async (request, reply) => {
      const call = findCall(context.userOf(request), request.params.callId);
      const dtmfOut = checkDtmfOut(objectBody(request.body).dtmfOut);
      requireConnected(call);
      void sendDtmfOut(context, call, dtmfOut);
      return reply.status(200).send();
    },
  );

  app.post<{ Params: { callId: string } }>(
    '/v1/users/:userId/calls/:callId/gather',
    async (request, reply) => {
      const user = context.userOf(request);
      const call = findCall(user, request.params.callId);
      const input = parseGather(request.body);
      requireConnected(call);
      const gather = startGather(context, user, call, input);
      return reply
        .status(201)
        .header(
          'Location',
          absoluteUrl(context, userPath(user.userId, 'calls', call.id, 'gather', gather.id)),
        )
        .send();
    },
  );

  app.get<{ Params: { callId: string; gatherId: string } }>(
    '/v1/users/:userId/calls/:callId/gather/:gatherId',
    async (request) => {
      const user = context.userOf(request);
      const call = findCall(user, request.params.callId);
      const gather = findGather(user, call, request.params.gatherId);
      return renderGather(gather, user.userId, context.url);
    },
  );

  app.post<{ Params: { callId: string; gatherId: string } }>(
    '/v1/users/:userId/calls/:callId/gather/:gatherId',
    async (request, reply) => {
      const user = context.userOf(request);
      const call = findCall(user, request.params.callId);
      const gather = findGather(user, call, request.params.gatherId);
      const body = objectBody(request.body);
      if (body.state !== 'completed' || Object.keys(body).length !== 1) {
        throw validationError(
          'A gather can only be stopped: the body must be {"state":"completed"}',
        );
      }
      stopGather(context, call, gather);
      return reply.status(200).send();
    },
  );
};

function requireConnected(call: CallRecord): void {
  if (!isConnected(call)) invalidState(call);
}
