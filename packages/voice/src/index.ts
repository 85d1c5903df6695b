/**
 * @packageDocumentation
 * The public surface of @bw/voice: `VoiceClient`, `buildSentence`, `buildAudioPlayback`, the voice
 * types and the error classes. Voice callback events, their parser and the callback handler are in
 * `@bw/voice/callbacks`.
 */

export type {
  CallbackHttpMethod,
  ClientOptions,
  Logger,
  Open,
  PagedIterable,
  RequestOptions,
  SizeOptions,
} from '@bw/core';
export {
  AbortError,
  ApiError,
  AuthenticationError,
  BandwidthError,
  CallbackError,
  ConfigurationError,
  ConflictError,
  ConnectionError,
  ForbiddenError,
  InvalidResponseError,
  NotFoundError,
  RateLimitError,
  ServerError,
  TimeoutError,
  ValidationError,
} from '@bw/core';
export { buildAudioPlayback, buildSentence } from './audio';
export { VoiceClient, VoiceClient as Client } from './client';
export type {
  AudioOptions,
  Bridge,
  Call,
  CallEvent,
  Conference,
  ConferenceMember,
  CreateBridgeOptions,
  CreateCallOptions,
  CreateConferenceMemberOptions,
  CreateConferenceOptions,
  CreateGatherOptions,
  DiversionReason,
  Gather,
  Gender,
  ListCallsOptions,
  Locale,
  PlayAudioFileOptions,
  Recording,
  SendDtmfOptions,
  SpeakSentenceOptions,
  Transcription,
  TransferCallOptions,
  UpdateBridgeOptions,
  UpdateCallOptions,
  UpdateConferenceMemberOptions,
  UpdateConferenceOptions,
  UpdateGatherOptions,
  Voice,
} from './types';
