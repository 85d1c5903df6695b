// Handlers mounted in Express (4 or 5, whichever `@types/express` the project installed), with and
// without a body parser in front.
import { createMessagingCallbackHandler } from '@bw/messaging/callbacks';
import { createVoiceCallbackHandler } from '@bw/voice/callbacks';
import express from 'express';

const messages = createMessagingCallbackHandler({ onEvent: () => {} });
const voice = createVoiceCallbackHandler({ onEvent: () => '<Response><Hangup/></Response>' });

export const app = express();
app.post('/messages', messages.node);
app.post('/voice', express.json(), voice.node);
app.get('/voice', voice.node);
app.use('/fallback', messages.node);
