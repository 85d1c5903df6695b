// handler.node as an Express 4 route, with and without a body parser.
import { createMessagingCallbackHandler } from '@bw/messaging/callbacks';
import { createVoiceCallbackHandler } from '@bw/voice/callbacks';
import express from 'express4';

const messaging = createMessagingCallbackHandler({ onEvent: () => {} });
const voice = createVoiceCallbackHandler({ onEvent: () => undefined });

const app = express();
app.post('/messages', messaging.node);
app.get('/voice', voice.node);
app.all('/voice/:leg', voice.node);
app.use('/hooks', express.json(), messaging.node);
const router = express.Router();
router.post('/messages', messaging.node);
router.route('/voice').get(voice.node).post(voice.node);
app.use(router);
export const handler: express.RequestHandler = messaging.node;
