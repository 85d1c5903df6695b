/**
 * @packageDocumentation
 * The one import for the `@bw` SDK: `client(name, …)` builds the voice, messaging or account
 * client by name, and the `messaging`, `voice`, `account` and `bxml` namespaces hold everything
 * the separate packages export. Core's error classes and option types are exported at the top.
 */

/** Everything `@bw/account` exports: `new account.Client(…)`, `account.AccountClient`, its types. */
export * as account from '@bw/account';
/** Everything `@bw/bxml` exports: `bxml.response(…)`, `bxml.BxmlBuilder`, `bxml.parseBxml`… */
export * as bxml from '@bw/bxml';
export type { BasicCredentials, CallbackHandler, CallbackInput } from '@bw/core/callbacks';
// The error classes and option types of `@bw/core`: one list, shared by every client package.
export * from '@bw/core/shared';
/**
 * Everything `@bw/messaging` and `@bw/messaging/callbacks` export: `new messaging.Client(…)`,
 * `messaging.parseMessageEvent`…
 */
export * as messaging from '@bw/sdk/messaging';
/**
 * Everything `@bw/voice` and `@bw/voice/callbacks` export: `new voice.Client(…)`,
 * `voice.createVoiceCallbackHandler`…
 */
export * as voice from '@bw/sdk/voice';
export { type AnyClient, type ClientName, client } from './client';
