/**
 * @packageDocumentation
 * Voice callbacks, for the server that receives them: the typed events, `parseVoiceEvent`,
 * `isVoiceEvent` and `createVoiceCallbackHandler` (which can answer with BXML). A separate entry
 * (`@bw/voice/callbacks`), so an application that only calls the API does not bundle them.
 */
export type { BasicCredentials, CallbackHandler, CallbackInput } from '@bw/core/callbacks';
export type {
  AnswerEvent,
  CallerFields,
  CallScopedEventFields,
  ConferenceEvent,
  ConferenceMemberEvent,
  ConferencePlaybackEvent,
  ConferenceScopedEventFields,
  ConferenceSpeakEvent,
  Diversion,
  DtmfEvent,
  GatherEvent,
  HangupCause,
  HangupEvent,
  IncomingCallEvent,
  KnownVoiceEvent,
  PlaybackEvent,
  RecordingEvent,
  RedirectEvent,
  SpeakEvent,
  TimeoutEvent,
  TranscriptionEvent,
  TransferCompleteEvent,
  UnknownVoiceEvent,
  VoiceEvent,
  VoiceEventMap,
  VoiceEventType,
} from './events';
export { isVoiceEvent } from './events';
export type {
  BxmlDocument,
  VoiceCallbackHandlerOptions,
  VoiceCallbackReply,
} from './handler';
export { createVoiceCallbackHandler } from './handler';
export type { ParseVoiceEventOptions } from './parse-event';
export { parseVoiceEvent, voiceEventFromPayload } from './parse-event';
