import type { RoutePlugin } from '../context';
import { validationError } from '../errors';
import { validateDeliveryFailures } from '../messaging/delivery';
import { receiveInboundMessage } from '../messaging/inbound';

/**
 * `POST /_emulator/messages/inbound` `{ from, to, text?, media? }` → `{ messageId }`, and the
 * delivery-failure rules: `GET`, `POST` `[rule…]` (replaces them) and `DELETE`
 * `/_emulator/messages/delivery-failures`.
 */
export const messagesControl: RoutePlugin = (app, context) => {
  app.post('/_emulator/messages/inbound', async (request) => {
    const message = receiveInboundMessage(context, request.body);
    return { messageId: message.id };
  });

  const failures = context.deliveryFailures;
  app.get('/_emulator/messages/delivery-failures', async () => failures.list());
  app.post('/_emulator/messages/delivery-failures', async (request) => {
    const body = request.body as unknown;
    const rules = Array.isArray(body) ? body : (body as { rules?: unknown } | undefined)?.rules;
    try {
      failures.set(validateDeliveryFailures(rules));
    } catch (error) {
      throw validationError((error as Error).message);
    }
    return failures.list();
  });
  app.delete('/_emulator/messages/delivery-failures', async () => {
    failures.set([]);
    return [];
  });
};
