/** @packageDocumentation A local emulator of Bandwidth's v1 (Catapult) Voice & Messaging API. */
export type { CallbackRecord } from './callbacks.js';
export {
  type CallControlResult,
  EmulatorControl,
  EmulatorControlError,
  type InboundCallInput,
  type InboundMessageInput,
  type TraceOptions,
  type WaitForCallbackOptions,
  type WaitForTraceOptions,
} from './control-client.js';
export type { EmulatorCredentials } from './credentials.js';
export type {
  DropAfterFault,
  DropBeforeFault,
  FaultMatch,
  FaultRule,
  LatencyFault,
  StatusFault,
} from './faults.js';
export {
  DELIVERY_FAILURE_CODES,
  type DeliveryFailureRule,
} from './messaging/delivery.js';
export { DEFAULT_USER, type EmulatorOptions, type EmulatorUser } from './options.js';
export {
  DOCUMENTED_RATE_LIMITS,
  type RateLimitConfig,
  type RateLimitedResource,
  type RateLimitRefusals,
  type RateLimitWindow,
  type SendingLimits,
} from './rate-limits.js';
export { type Emulator, startEmulator } from './server.js';
export type { AutoAnswerPolicy } from './voice/auto-answer.js';
export type {
  BxmlDocumentSource,
  BxmlDocumentTraceEntry,
  BxmlEndTraceEntry,
  BxmlErrorTraceEntry,
  BxmlTracedChild,
  BxmlVerbOutcome,
  BxmlVerbTraceEntry,
} from './voice/bxml-trace.js';
export type { TraceEntry } from './voice/voice-state.js';
