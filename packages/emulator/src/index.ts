/** @packageDocumentation A local emulator of Bandwidth's v1 (Catapult) Voice & Messaging API. */
export type { CallbackRecord } from './callbacks';
export {
  type CallControlResult,
  EmulatorControl,
  EmulatorControlError,
  type InboundCallInput,
  type InboundMessageInput,
  type TraceOptions,
  type WaitForCallbackOptions,
  type WaitForTraceOptions,
} from './control-client';
export type { EmulatorCredentials } from './credentials';
export type {
  DropAfterFault,
  DropBeforeFault,
  FaultMatch,
  FaultRule,
  LatencyFault,
  StatusFault,
} from './faults';
export {
  DELIVERY_FAILURE_CODES,
  type DeliveryFailureRule,
} from './messaging/delivery';
export { DEFAULT_USER, type EmulatorOptions, type EmulatorUser } from './options';
export {
  DOCUMENTED_RATE_LIMITS,
  type RateLimitConfig,
  type RateLimitedResource,
  type RateLimitRefusals,
  type RateLimitWindow,
  type SendingLimits,
} from './rate-limits';
export { type Emulator, startEmulator } from './server';
export type { AutoAnswerPolicy } from './voice/auto-answer';
export type { AutoPressPolicy } from './voice/auto-press';
export type {
  BxmlDocumentSource,
  BxmlDocumentTraceEntry,
  BxmlEndTraceEntry,
  BxmlErrorTraceEntry,
  BxmlTracedChild,
  BxmlVerbOutcome,
  BxmlVerbTraceEntry,
} from './voice/bxml-trace';
export type { TraceEntry } from './voice/voice-state';
