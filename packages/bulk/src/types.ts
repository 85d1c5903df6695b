import type { Logger } from '@bw/messaging';

/** One recipient of a campaign. */
export interface Recipient {
  /** Your id for this send; enqueueing a key that is already known does nothing. */
  key: string;
  /** The recipient, E.164. */
  to: string;
  /** The text (required by the API, ≤ 2048 characters). */
  text: string;
  /** Media URLs (an MMS). */
  media?: string[];
  /** Send no earlier than this time (a `Date`, epoch ms or an ISO-8601 string). */
  sendAt?: Date | number | string;
}

/**
 * Where a send stands. `queued` and `sending` are on the way; `sent`, `failed`, `unknown` and
 * `opted-out` are final: each key ends in exactly one of them.
 */
export type SendStatus = 'queued' | 'sending' | 'sent' | 'failed' | 'unknown' | 'opted-out';

/** The statuses a send ends in. */
export const FINAL_STATUSES: readonly SendStatus[] = Object.freeze([
  'sent',
  'failed',
  'unknown',
  'opted-out',
]);

/** What the store knows about one key. */
export interface SendRecord {
  /** The recipient's key. */
  key: string;
  /** The recipient. */
  to: string;
  /** The text sent. */
  text: string;
  /** Media URLs, when any. */
  media?: string[];
  /** The sending number assigned to this recipient. */
  sender: string;
  /** Where the send stands. */
  status: SendStatus;
  /** How many times a request was started for it. */
  attempts: number;
  /** When the last request was started (epoch ms). */
  attemptAt?: number;
  /**
   * When the last request was over with its outcome in doubt (epoch ms): a 5xx, a lost answer,
   * a timeout, or its worker gone. Unset while the request may still be in flight.
   */
  attemptEndedAt?: number;
  /** The worker that holds the request in flight (set while the key is `sending`). */
  owner?: string;
  /** Not before (epoch ms). */
  sendAt?: number;
  /** The API's message id once known. */
  messageId?: string;
  /** For `failed` and `unknown`: the API's error code or what went wrong. */
  errorCode?: string;
  /** For `failed` and `unknown`: a readable reason. */
  errorMessage?: string;
  /** The delivery receipt: `delivered` or `not-delivered`. */
  delivery?: 'delivered' | 'not-delivered';
  /** The receipt's delivery code (0 = delivered to the carrier). */
  deliveryCode?: number;
  /** The receipt's description. */
  deliveryDescription?: string;
  /** Last change (epoch ms). */
  updatedAt: number;
}

/** How many keys are in each status, plus the receipts counted so far. */
export type StatusCounts = Record<SendStatus, number> & {
  /** Keys with a `delivered` receipt. */
  delivered: number;
  /** Keys with a `not-delivered` receipt. */
  notDelivered: number;
};

/** A sending limit: at most `limit` sends in any `windowMs` (an average over the window). */
export interface SendLimit {
  /** Sends allowed in the window. */
  limit: number;
  /** The window, ms. */
  windowMs: number;
}

/** Pacing limits. `false` turns a limit off. */
export interface SendLimits {
  /** Per sending number. Default 10 per 10 s (1 message per second, averaged over 10 s). */
  perNumber?: SendLimit | false;
  /** Per account. Default 10 per 10 s (the documented default account rate). */
  perAccount?: SendLimit | false;
}

/** The limits the API documents for outbound messages (catapult v1 §4.1). */
export const DOCUMENTED_SEND_LIMITS: Readonly<{ perNumber: SendLimit; perAccount: SendLimit }> =
  Object.freeze({
    perNumber: Object.freeze({ limit: 10, windowMs: 10_000 }),
    perAccount: Object.freeze({ limit: 10, windowMs: 10_000 }),
  });

/**
 * A daily window outside which nothing is sent, in a time zone: `{ start: '09:00', end: '20:00',
 * timeZone: 'America/New_York' }`. `start` after `end` spans midnight.
 */
export interface SendWindow {
  /** `HH:MM` or `HH:MM:SS`, inclusive. */
  start: string;
  /** `HH:MM` or `HH:MM:SS`, exclusive. */
  end: string;
  /** An IANA time zone; default UTC. */
  timeZone?: string;
}

/** Counts and pace of a campaign, as `progress` events carry them. */
export interface Progress {
  /** Keys enqueued. */
  total: number;
  /** Keys per status and receipts. */
  counts: StatusCounts;
  /** Keys in a final status. */
  done: number;
  /** Sends per second over the last few seconds, all workers together. */
  rate: number;
  /** Estimated ms until every key is final, when a rate is known. */
  etaMs: number | undefined;
}

/** A campaign's final account: counts, and the keys that did not end `sent`. */
export interface CampaignReport extends Progress {
  /** Campaign name. */
  name: string;
  /** Every key not `sent`, with why. */
  problems: SendRecord[];
  /** When the report was made (epoch ms). */
  at: number;
}

/** What `enqueue` did. */
export interface EnqueueResult {
  /** New keys queued. */
  added: number;
  /** Keys already known (sent or queued before): left alone. */
  skipped: number;
}

/** A logger as core's clients take it (`console` fits). */
export type BulkLogger = Logger;
