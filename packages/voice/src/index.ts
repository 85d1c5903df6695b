/**
 * @packageDocumentation
 * The public surface of @bw/voice: `VoiceClient`, `buildSentence`, `buildAudioPlayback`, the voice
 * types and the error classes. Voice callback events, their parser and the callback handler are in
 * `@bw/voice/callbacks`.
 */

// The error classes and option types of `@bw/core`: one list, shared by every client package.
export * from '@bw/core/shared';
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
