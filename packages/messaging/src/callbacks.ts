/**
 * @packageDocumentation
 * Message callbacks, for the server that receives them: the typed events, `parseMessageEvent`
 * and `createMessagingCallbackHandler`. A separate entry (`@bw/messaging/callbacks`), so an
 * application that only sends messages does not bundle them.
 */
export type { BasicCredentials, CallbackHandler, CallbackInput } from '@bw/core/callbacks';
export {
  type MessageEventFields,
  type MessagingEvent,
  type MmsEvent,
  parseMessageEvent,
  type SmsEvent,
  type UnknownMessageEvent,
} from './events';
export { createMessagingCallbackHandler, type MessagingCallbackHandlerOptions } from './handler';
