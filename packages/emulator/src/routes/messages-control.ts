import type { RoutePlugin } from '../context.js';
import { receiveInboundMessage } from '../messaging/inbound.js';

/** `POST /_emulator/messages/inbound` `{ from, to, text?, media? }` → `{ messageId }`. */
export const messagesControl: RoutePlugin = (app, context) => {
  app.post('/_emulator/messages/inbound', async (request) => {
    const message = receiveInboundMessage(context, request.body);
    return { messageId: message.id };
  });
};
