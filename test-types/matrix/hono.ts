// Handlers in Hono: the Fetch handler takes Hono's raw `Request` and its `Response` is Hono's answer.
import { createMessagingCallbackHandler } from '@bw/messaging/callbacks';
import { createVoiceCallbackHandler } from '@bw/voice/callbacks';
import { Hono } from 'hono';

const messages = createMessagingCallbackHandler({ onEvent: () => {} });
const voice = createVoiceCallbackHandler({ onEvent: () => undefined });

export const app = new Hono();
app.post('/messages', (context) => messages(context.req.raw));
app.on(['GET', 'POST'], '/voice', (context) => voice(context.req.raw));
export default { fetch: app.fetch };
