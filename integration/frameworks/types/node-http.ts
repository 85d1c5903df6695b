// handler.node wherever node:http takes a request listener.
import http from 'node:http';
import https from 'node:https';
import { createMessagingCallbackHandler } from '@bw/messaging/callbacks';
import { createVoiceCallbackHandler } from '@bw/voice/callbacks';

const messaging = createMessagingCallbackHandler({ onEvent: () => {} });
const voice = createVoiceCallbackHandler({ onEvent: () => undefined });

http.createServer(messaging.node);
http.createServer({ keepAliveTimeout: 5000 }, voice.node);
https.createServer({}, voice.node);
http.createServer().on('request', messaging.node);
export const listener: http.RequestListener = voice.node;

// The check is live: a listener that needs what a node request does not have is refused.
// @ts-expect-error -- IncomingMessage has no `notARequestField`
http.createServer((request: { notARequestField: string }) => request);
