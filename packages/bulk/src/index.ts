/**
 * @packageDocumentation
 * Message campaigns for Bandwidth's v1 API: a pool of sending numbers, sticky sender, pacing at
 * the API's per-number and per-account limits, opt-out keywords, delivery receipts, scheduling
 * and quiet hours, never a duplicate. In memory by default; `@bw/bulk/bullmq` shares a campaign
 * among many worker processes through BullMQ and Redis.
 */

export {
  ApiError,
  BandwidthError,
  RateLimitError,
  ValidationError,
} from '@bw/messaging';
export type {
  AddOutcome,
  BulkQueue,
  CampaignStore,
  JobRef,
  JobVerdict,
  NewRecord,
  PaceLimit,
  Pacing,
  QueueBackend,
  QueueSettings,
  RecordPatch,
  RecordView,
  SendTurn,
} from './backend';
export type { BulkMessagingClient } from './client';
export { type CsvOptions, recipientsFromCsv } from './csv';
export { type MemoryQueueOptions, memoryQueue } from './memory';
export { OPT_IN_KEYWORDS, OPT_OUT_KEYWORDS } from './opt-out';
export {
  type BulkSender,
  type BulkSenderOptions,
  createBulkSender,
  type DrainOptions,
  type ProgressListener,
} from './sender';
export {
  type BulkLogger,
  type CampaignReport,
  DOCUMENTED_SEND_LIMITS,
  type EnqueueResult,
  FINAL_STATUSES,
  type Progress,
  type Recipient,
  type SendLimit,
  type SendLimits,
  type SendRecord,
  type SendStatus,
  type SendWindow,
  type StatusCounts,
} from './types';
