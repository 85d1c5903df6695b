// The first sample of the messaging and voice READMEs: a callback handler is a `node:http`
// request listener as it is, with whichever `@types/node` the user has.
import http from 'node:http';
import { createMessagingCallbackHandler } from '@bw/messaging/callbacks';
import { createVoiceCallbackHandler } from '@bw/voice/callbacks';

const messages = createMessagingCallbackHandler({ onEvent: () => {} });
const voice = createVoiceCallbackHandler({ onEvent: () => undefined });

export const messageServer: http.Server = http.createServer(messages.node);
export const voiceServer: http.Server = http.createServer(voice.node);
messageServer.on('request', voice.node);
