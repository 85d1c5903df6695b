import type { CallbackHttpMethod, Open } from '@bw/core';

/** A message as the API returns it (`GET ~/messages/{messageId}`, list items); keys are the API's own. */
export interface Message {
  id: string;
  messageId?: string;
  from?: string;
  to?: string;
  direction?: Open<'in' | 'out'>;
  text?: string;
  media?: string[];
  state?: Open<'received' | 'queued' | 'sending' | 'sent' | 'error'>;
  /** ISO-8601 timestamp, as sent by the API. */
  time?: string;
  callbackUrl?: string;
  callbackTimeout?: number;
  fallbackUrl?: string;
  tag?: string;
  receiptRequested?: Open<'none' | 'all' | 'error'>;
  deliveryState?: Open<'waiting' | 'delivered' | 'not-delivered'>;
  deliveryCode?: number;
  deliveryDescription?: string;
  segmentCount?: number;
  skipMMSCarrierValidation?: boolean;
}

/** Filters of `listMessages`; every key is sent as a query parameter on the first page only. */
export interface ListMessagesOptions {
  /** E.164 number; 10-digit numbers only, no short codes. */
  from?: string;
  /** E.164 number; 10-digit numbers only, no short codes. */
  to?: string;
  /** `yyyy-MM-dd hh:mm:ss[.sss]`, may be truncated. */
  fromDateTime?: string;
  /** `yyyy-MM-dd hh:mm:ss[.sss]`, may be truncated. */
  toDateTime?: string;
  direction?: 'in' | 'out';
  state?: 'received' | 'queued' | 'sending' | 'sent' | 'error';
  deliveryState?: 'waiting' | 'delivered' | 'not-delivered';
  sortOrder?: 'asc' | 'desc';
  /** Page size: API default 25, at most 1000. */
  size?: number;
}

/** The body of one outbound message (`sendMessage`, one item of `sendMessages`). */
export interface SendMessageOptions {
  /** A number the account owns, E.164. Required. */
  from: string;
  /** E.164 destination. Required. */
  to: string;
  /** At most 2048 characters; the API splits it into 160-character segments. Required. */
  text: string;
  /** Media URLs (Bandwidth media or external http(s)); makes the message an MMS. */
  media?: string[];
  /** API default `none`; cannot be combined with `media`. */
  receiptRequested?: 'none' | 'all' | 'error';
  callbackUrl?: string;
  /** API default `POST`. */
  callbackHttpMethod?: CallbackHttpMethod;
  /** Milliseconds; API default and maximum 10000. */
  callbackTimeout?: number;
  fallbackUrl?: string;
  /** Echoed in this message's events; not stored beyond the request. */
  tag?: string;
}

/** Why the API refused one message of a batch. */
export interface SendMessageError {
  category: string;
  code: string;
  message: string;
  details?: Array<{ name: string; value: string }>;
}

/**
 * The outcome of one message of `sendMessages`, in input order. `message` is the caller's own input
 * object; `id` and `location` are present only when `result` is `'accepted'`, `error` only when it is
 * `'error'`.
 */
export interface SendMessageResult<M extends SendMessageOptions = SendMessageOptions> {
  result: 'accepted' | 'error';
  id?: string;
  location?: string;
  error?: SendMessageError;
  message: M;
}
