/**
 * @packageDocumentation
 * Bandwidth v1 messaging: `MessagingClient`, its types and the error classes. Message callback
 * events, their parser and the callback handler are in `@bw/messaging/callbacks`.
 */
// The error classes and option types of `@bw/core`: one list, shared by every client package.
export * from '@bw/core/shared';
export { MessagingClient, MessagingClient as Client } from './client';
export type {
  ListMessagesOptions,
  Message,
  SendMessageError,
  SendMessageOptions,
  SendMessageResult,
} from './types';
