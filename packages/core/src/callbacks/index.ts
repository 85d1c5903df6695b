/**
 * @packageDocumentation
 * Callback primitives of the `@bw` SDK, for the server that receives Bandwidth's callbacks:
 * constant-time Basic-auth checks, payload reading with limits, a Fetch-API handler and its
 * `node:http`/Express adapter. A separate entry (`@bw/core/callbacks`), so an application that
 * only calls the API does not bundle them.
 */
export type { BasicCredentials } from './basic-auth';
export { constantTimeEqual, verifyBasicAuth } from './basic-auth';
export type {
  CallbackAnswer,
  CallbackHandler,
  CallbackHandlerOptions,
  FetchHandler,
} from './handler';
export { createCallbackHandler } from './handler';
export type {
  NodeListener,
  NodeListenerOptions,
  NodeRequestLike,
  NodeResponseLike,
} from './node';
export { toNodeListener } from './node';
export type {
  CallbackFieldType,
  CallbackInput,
  ReadCallbackOptions,
  TypeCallbackFieldsOptions,
} from './payload';
export { DEFAULT_MAX_BODY_BYTES, readCallbackPayload, typeCallbackFields } from './payload';
