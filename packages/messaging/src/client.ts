import { BaseClient, type MethodsOf } from '@bw/core/internal';
import { MessageMethods } from './messages';

/**
 * Client of the v1 messaging API (`/users/{userId}/messages`): send one or a batch of SMS/MMS, read
 * and list messages, redact a message's text: `BaseClient` plus the method groups listed below.
 *
 * @example
 * ```ts
 * const messaging = new MessagingClient(userId, apiToken, apiSecret);
 * const id = await messaging.sendMessage({ from: '+19195551212', to: '+19195553434', text: 'Hi' });
 * ```
 */
// biome-ignore lint/suspicious/noUnsafeDeclarationMerging: the interface lists the methods copied onto the prototype below
export class MessagingClient extends BaseClient {}

/** The methods of `MessagingClient`, one group per resource. */
export interface MessagingClient extends MethodsOf<MessageMethods> {}

// Each group's methods (not its constructor) go on the client's prototype.
for (const group of [MessageMethods]) {
  const { constructor: _, ...methods } = Object.getOwnPropertyDescriptors(group.prototype);
  Object.defineProperties(MessagingClient.prototype, methods);
}
