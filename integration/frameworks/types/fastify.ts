// handler.node in Fastify 5: the raw request (with the body Fastify parsed) and the raw reply.
import { createMessagingCallbackHandler } from '@bw/messaging/callbacks';
import { createVoiceCallbackHandler } from '@bw/voice/callbacks';
import Fastify from 'fastify';

const messaging = createMessagingCallbackHandler({ onEvent: () => {} });
const voice = createVoiceCallbackHandler({ onEvent: () => undefined });

const app = Fastify();
app.post('/messages', (request, reply) =>
  messaging.node(Object.assign(request.raw, { body: request.body }), reply.hijack().raw),
);
app.route({
  method: ['GET', 'POST'],
  url: '/voice',
  handler: (request, reply) =>
    voice.node(Object.assign(request.raw, { body: request.body }), reply.hijack().raw),
});
