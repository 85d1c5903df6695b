// The Fetch handler itself: Hono (on Node here), and the `{ fetch }` export that Bun, Deno and
// Cloudflare Workers serve.

import { createMessagingCallbackHandler } from '@bw/messaging/callbacks';
import { createVoiceCallbackHandler } from '@bw/voice/callbacks';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';

const messaging = createMessagingCallbackHandler({ onEvent: () => {} });
const voice = createVoiceCallbackHandler({ onEvent: () => undefined });

const app = new Hono();
app.post('/messages', (c) => messaging(c.req.raw));
app.on(['GET', 'POST'], '/voice', (c) => voice(c.req.raw));
serve({ fetch: app.fetch, port: 3000 });

export const fetchHandler: (request: Request) => Promise<Response> = voice;
export default { fetch: messaging };
