// Handlers in Fastify 5: the node listener on the raw request, carrying the body Fastify already
// parsed, and the hijacked raw reply (one line each), as the core README's recipe shows.
import { createMessagingCallbackHandler } from '@bw/messaging/callbacks';
import { createVoiceCallbackHandler } from '@bw/voice/callbacks';
import Fastify from 'fastify';

const messages = createMessagingCallbackHandler({ onEvent: () => {} });
const voice = createVoiceCallbackHandler({ onEvent: () => undefined });

export const app = Fastify();
app.post('/messages', (request, reply) =>
  messages.node(Object.assign(request.raw, { body: request.body }), reply.hijack().raw),
);
app.all('/voice', (request, reply) =>
  voice.node(Object.assign(request.raw, { body: request.body }), reply.hijack().raw),
);
