// Handlers in Fastify 5: the Fetch handler from Fastify's request, and the node listener on the raw
// request and reply (one line each).
import { createMessagingCallbackHandler } from '@bw/messaging/callbacks';
import { createVoiceCallbackHandler } from '@bw/voice/callbacks';
import Fastify from 'fastify';

const messages = createMessagingCallbackHandler({ onEvent: () => {} });
const voice = createVoiceCallbackHandler({ onEvent: () => undefined });

export const app = Fastify();
app.post('/messages', (request, reply) => {
  reply.hijack();
  messages.node(request.raw, reply.raw);
});
app.all('/voice', (request, reply) => {
  reply.hijack();
  voice.node(request.raw, reply.raw);
});
