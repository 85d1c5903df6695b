import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { ChangeWaiters } from './change-waiters';
import type { ErrorDetail } from './errors';
import { turns } from './turns';

/** What the emulator sent to a callback URL, and how it went. */
export interface CallbackRecord {
  /** `cb-1`, `cb-2` … in sending order; pass as `since` to get newer ones. */
  id: string;
  /** When the request was sent (ISO-8601). */
  time: string;
  /** The user whose resource produced the event. */
  userId: string;
  /** The URL requested, credentials removed and without the GET query of the event. */
  url: string;
  /** `GET` or `POST`. */
  method: string;
  /** `callback` for the first try, `fallback` for the try at the fallback URL. */
  attempt: 'callback' | 'fallback';
  /** Request headers as sent, `Authorization` redacted. */
  headers: Record<string, string>;
  /** The event: the JSON body of a POST, the query fields of a GET. */
  body: Record<string, unknown>;
  /** HTTP status of the answer; absent when no answer came. */
  status?: number;
  /** Time from sending to the answer (or failure), ms. */
  durationMs: number;
  /** Why the attempt failed (network error, timeout, non-2xx). */
  error?: string;
}

/** One event to deliver. */
export interface CallbackDelivery {
  /** The user the event belongs to (its error log receives failures). */
  userId: string;
  /** The callback URL; credentials in it become a Basic `Authorization` header. */
  url: string;
  /** Tried once when the first try fails. */
  fallbackUrl?: string;
  /** `GET` (fields as query parameters) or `POST` (JSON body; the default). Case-insensitive. */
  method?: string;
  /** Per-attempt timeout in ms (default and maximum 10000). */
  timeoutMs?: number;
  /** The event fields. Nested objects and arrays are JSON-encoded in a GET query. */
  body: Record<string, unknown>;
  /**
   * What to append to the user's error log when every attempt failed (or a function that makes
   * it then); `false` for nothing. Defaults to `unavailable` / `callback-delivery-failed`.
   */
  failure?: CallbackFailure | (() => CallbackFailure) | false;
  /**
   * The engine {@link CallbackEngine.generation} when the event was produced. A delivery
   * queued before a reset and started after it is then dropped instead of sent.
   */
  generation?: number;
}

/** The error-log entry written when a delivery fails. */
export interface CallbackFailure {
  category?: string;
  code?: string;
  message?: string;
  details?: ErrorDetail[];
}

/** Outcome of {@link CallbackEngine.deliver}. */
export interface CallbackResult {
  /** True when some attempt got a 2xx answer. */
  ok: boolean;
  /** Status of the last attempt that got an answer. */
  status?: number;
  /** Body text of the successful answer (e.g. a BXML document). */
  text?: string;
  /** `Content-Type` of the successful answer. */
  contentType?: string;
  /** The (credential-free) URL that answered successfully. */
  url?: string;
  /** Every attempt made. */
  attempts: CallbackRecord[];
}

/** Sink for failed deliveries (the server appends them to the user's error log). */
export type CallbackFailureSink = (userId: string, failure: Required<CallbackFailure>) => void;

/** Told of every finished attempt with the answer's body text (the web console shows it). */
export type CallbackAttemptSink = (
  record: CallbackRecord,
  responseText: string | undefined,
) => void;

const USER_AGENT = 'BandwidthAPI/v1 (emulator)';
const MAX_TIMEOUT_MS = 10_000;
const MAX_RECORDS = 10_000;
const MAX_BODY_BYTES = 1024 * 1024;
/** Below the 5 s keep-alive timeout of Node.js servers, so a receiver rarely closes first. */
const IDLE_CONNECTION_MS = 4000;
/** Callback URLs kept taken apart (an app uses a few, each for thousands of events). */
const MAX_TARGETS = 256;

/** A callback URL taken apart once for every event sent to it. */
interface Target {
  https: boolean;
  /** The host to connect to (an IPv6 address without brackets). */
  hostname: string;
  port: number;
  /** The `Host` header: the host, and the port when it is not the scheme's default. */
  host: string;
  /** `/path`, without the query. */
  pathname: string;
  /** The URL's own query with its `?` (`''` when it has none). */
  search: string;
  /** The URL's own query as a form serializes it (without `?`): what a GET's fields follow. */
  form: string;
  /** The URL without its credentials (as recorded). */
  href: string;
  /** `Basic …` made of the URL's credentials. */
  authorization?: string;
}

/** Takes a callback URL apart; throws when it is not an `http` or `https` URL. */
function parseTarget(rawUrl: string): Target {
  const url = new URL(rawUrl);
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new TypeError(`unsupported protocol ${url.protocol}`);
  }
  const https = url.protocol === 'https:';
  let authorization: string | undefined;
  if (url.username || url.password) {
    const user = decodeURIComponent(url.username);
    const password = decodeURIComponent(url.password);
    authorization = `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
    url.username = '';
    url.password = '';
  }
  const hostname = url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname;
  const target: Target = {
    https,
    hostname,
    port: url.port === '' ? (https ? 443 : 80) : Number(url.port),
    host: url.host,
    pathname: url.pathname,
    search: url.search,
    form: new URLSearchParams(url.search).toString(),
    href: url.href,
  };
  if (authorization !== undefined) target.authorization = authorization;
  return target;
}

/**
 * The one callback delivery engine: every event the emulator sends (messages, calls, BXML
 * fetches) goes through {@link CallbackEngine.deliver}, which tries the callback URL once,
 * then the fallback URL once, records every attempt and logs a failure.
 */
export class CallbackEngine {
  readonly #onFailure: CallbackFailureSink;
  readonly #onAttempt: CallbackAttemptSink | undefined;
  /** The records kept are `#records` from `#firstKept` on (the oldest are dropped in bulk). */
  #records: CallbackRecord[] = [];
  #firstKept = 0;
  #sequence = 0;
  /** Aborted by a reset or close: attempts of the run before are not recorded. */
  #abort = new AbortController();
  #closed = false;
  /** Cancels of the exchanges in flight. */
  readonly #inFlight = new Set<() => void>();
  /** Connections to receivers are kept open between events (closed after a few idle seconds). */
  readonly #agents = {
    http: new HttpAgent({ keepAlive: true, timeout: IDLE_CONNECTION_MS }),
    https: new HttpsAgent({ keepAlive: true, timeout: IDLE_CONNECTION_MS }),
  };
  #generation = 0;
  readonly #waiters = new ChangeWaiters();
  readonly #targets = new Map<string, Target>();
  /** The last queued delivery of each resource (a message, a conference). */
  readonly #chains = new WeakMap<object, Promise<unknown>>();

  constructor(onFailure: CallbackFailureSink, onAttempt?: CallbackAttemptSink) {
    this.#onFailure = onFailure;
    this.#onAttempt = onAttempt;
  }

  /**
   * Runs `task` (typically a {@link deliver}) once the tasks queued before for the same
   * `resource` have settled: one resource's events go out strictly in order.
   */
  inOrder<T>(resource: object, task: () => Promise<T>): Promise<T> {
    const next = (this.#chains.get(resource) ?? Promise.resolve()).then(task);
    this.#chains.set(
      resource,
      next.catch(() => undefined),
    );
    return next;
  }

  /** Increases with every reset; pass it as `generation` when queueing deliveries. */
  get generation(): number {
    return this.#generation;
  }

  /**
   * Delivers one event; never rejects (failures are in the result and the error log). A
   * reset during the delivery cancels it: no fallback, no error-log entry.
   */
  async deliver(delivery: CallbackDelivery): Promise<CallbackResult> {
    if (
      this.#closed ||
      (delivery.generation !== undefined && delivery.generation !== this.#generation)
    ) {
      return { ok: false, attempts: [] };
    }
    const cancelled = this.#abort.signal;
    const attempts: CallbackRecord[] = [];
    const first = await this.#attempt(delivery, delivery.url, 'callback', cancelled);
    attempts.push(first.record);
    let outcome = first;
    if (!first.ok && delivery.fallbackUrl && !cancelled.aborted) {
      outcome = await this.#attempt(delivery, delivery.fallbackUrl, 'fallback', cancelled);
      attempts.push(outcome.record);
    }
    if (!outcome.ok && delivery.failure !== false && !cancelled.aborted) {
      this.#onFailure(delivery.userId, describeFailure(delivery, attempts));
    }
    const result: CallbackResult = { ok: outcome.ok, attempts };
    if (outcome.record.status !== undefined) result.status = outcome.record.status;
    if (outcome.ok) {
      result.text = outcome.text;
      result.url = outcome.record.url;
      if (outcome.contentType) result.contentType = outcome.contentType;
    }
    return result;
  }

  /** Recorded attempts, oldest first; only those after `since` (a record id) when given. */
  records(since?: string, userId?: string): CallbackRecord[] {
    const after = since ? sequenceOf(since) : 0;
    const kept: CallbackRecord[] = [];
    for (let index = this.#firstKept; index < this.#records.length; index++) {
      const record = this.#records[index] as CallbackRecord;
      if (sequenceOf(record.id) > after && (!userId || record.userId === userId)) {
        kept.push(record);
      }
    }
    return kept;
  }

  /**
   * Resolves when a record newer than `since` exists or `timeoutMs` passes (long polling for
   * `GET /_emulator/callbacks?wait=`).
   */
  waitForRecords(
    since: string | undefined,
    timeoutMs: number,
    signal?: AbortSignal,
  ): Promise<void> {
    const after = since ? sequenceOf(since) : 0;
    if (this.#sequence > after) return Promise.resolve();
    return this.#waiters.next(timeoutMs, signal);
  }

  /** Aborts deliveries in flight and forgets every record (reset). */
  reset(): void {
    this.#abort.abort();
    this.#abort = new AbortController();
    this.#cancelInFlight();
    this.#generation++;
    this.#records = [];
    this.#firstKept = 0;
    this.#sequence = 0;
    this.#waiters.wake();
  }

  /** Aborts deliveries in flight, closes kept-alive connections and releases waiters (close). */
  close(): void {
    this.#closed = true;
    this.#abort.abort();
    this.#cancelInFlight();
    this.#agents.http.destroy();
    this.#agents.https.destroy();
    this.#waiters.wake();
  }

  #cancelInFlight(): void {
    const cancels = [...this.#inFlight];
    this.#inFlight.clear();
    for (const cancel of cancels) cancel();
  }

  async #attempt(
    delivery: CallbackDelivery,
    rawUrl: string,
    attempt: CallbackRecord['attempt'],
    cancelled: AbortSignal,
  ): Promise<{ ok: boolean; record: CallbackRecord; text?: string; contentType?: string }> {
    const method = (delivery.method ?? 'POST').toUpperCase() === 'GET' ? 'GET' : 'POST';
    const timeoutMs = Math.min(Math.max(delivery.timeoutMs ?? MAX_TIMEOUT_MS, 1), MAX_TIMEOUT_MS);
    // The id is given when the attempt is over: records appear complete and in id order.
    const record: CallbackRecord = {
      id: '',
      time: new Date().toISOString(),
      userId: delivery.userId,
      url: rawUrl,
      method,
      attempt,
      headers: {},
      body: delivery.body,
      durationMs: 0,
    };
    const started = performance.now();
    const headers: Record<string, string> = { 'user-agent': USER_AGENT };
    let target: Target;
    try {
      target = this.#target(rawUrl);
    } catch (error) {
      record.url = stripCredentials(rawUrl);
      record.error = `invalid URL (${errorText(error)})`;
      this.#store(record, cancelled);
      return { ok: false, record };
    }
    if (target.authorization !== undefined) headers.authorization = target.authorization;
    let path = target.pathname + target.search;
    record.url = target.href;
    let body: string | undefined;
    if (method === 'GET') {
      // The URL's own query, then the event's fields: what `URLSearchParams` would write.
      const fields = target.form === '' ? [] : [target.form];
      for (const key in delivery.body) {
        const value = delivery.body[key];
        if (value === undefined || value === null) continue;
        fields.push(`${formText(key)}=${formText(queryText(value))}`);
      }
      if (fields.length > 0) path = `${target.pathname}?${fields.join('&')}`;
    } else {
      headers['content-type'] = 'application/json; charset=utf-8';
      body = JSON.stringify(delivery.body);
    }
    record.headers = redactHeaders(headers);
    if (body !== undefined) headers['content-length'] = String(Buffer.byteLength(body));
    const exchange = this.#exchange(target, path, method, headers, body, timeoutMs);
    try {
      const answer = await exchange;
      record.status = answer.status;
      record.durationMs = Math.round(performance.now() - started);
      const ok = answer.status >= 200 && answer.status < 300;
      if (!ok) record.error = `HTTP ${answer.status}`;
      this.#store(record, cancelled, answer.text);
      const { text, contentType } = answer;
      return contentType === undefined ? { ok, record, text } : { ok, record, text, contentType };
    } catch (error) {
      record.durationMs = Math.round(performance.now() - started);
      record.error =
        error instanceof AttemptTimeout
          ? `timed out after ${timeoutMs} ms`
          : cancelled.aborted
            ? 'cancelled (emulator reset or closed)'
            : `request failed (${errorText(error)})`;
      this.#store(record, cancelled);
      return { ok: false, record };
    }
  }

  /** The URL taken apart, from the engine's few kept (see {@link parseTarget}). */
  #target(rawUrl: string): Target {
    let target = this.#targets.get(rawUrl);
    if (target === undefined) {
      target = parseTarget(rawUrl);
      if (this.#targets.size >= MAX_TARGETS) this.#targets.clear();
      this.#targets.set(rawUrl, target);
    }
    return target;
  }

  /**
   * One HTTP exchange over the engine's keep-alive agents, cut off after `timeoutMs` (answer
   * and body) or by a reset or close. A request that fails on a reused connection before any
   * answer (the receiver closed it while idle) is sent again on a fresh one, as a browser does.
   */
  async #exchange(
    target: Target,
    path: string,
    method: 'GET' | 'POST',
    headers: Record<string, string>,
    body: string | undefined,
    timeoutMs: number,
  ): Promise<Answer> {
    const agent = target.https ? this.#agents.https : this.#agents.http;
    const send = target.https ? httpsRequest : httpRequest;
    // Headers as a list, `Host` last as Node.js would add it: the request takes them as they are
    // instead of setting and checking each one, and an options object instead of a URL saves
    // taking the URL apart again; together about a third of the client's CPU per request.
    const headerList: string[] = [];
    for (const name in headers) headerList.push(name, headers[name] as string);
    headerList.push('Host', target.host);
    const options = {
      hostname: target.hostname,
      port: target.port,
      path,
      method,
      agent,
      headers: headerList,
    };
    let stop: ((reason: Error) => void) | undefined;
    let over = false;
    // Read in time, an answer is not timed out while it waits for its turn (see `turns`).
    let answered = false;
    // An answer that reached the socket before the deadline is read before the deadline counts:
    // when the event loop lags past it, timers run before I/O, so the timeout waits two poll
    // phases (as the clock does) and then only ends an exchange still open.
    const timer = setTimeout(
      () =>
        setImmediate(() =>
          setImmediate(() => {
            if (!over && !answered) stop?.(new AttemptTimeout());
          }),
        ),
      timeoutMs,
    );
    const cancel = () => stop?.(new Error('cancelled'));
    this.#inFlight.add(cancel);
    try {
      for (;;) {
        const outgoing = send(options);
        try {
          return await new Promise<Answer>((resolve, reject) => {
            stop = (reason) => {
              reject(reason);
              outgoing.destroy(reason);
            };
            outgoing.on('error', reject);
            outgoing.on('response', (incoming) =>
              readAnswer(incoming).then((answer) => {
                answered = true;
                turns.run(() => resolve(answer));
              }, reject),
            );
            outgoing.end(body);
          });
        } catch (error) {
          // Read once it failed: set when the request was given a connection.
          if (!outgoing.reusedSocket || !isStaleConnection(error)) throw error;
        }
      }
    } finally {
      over = true;
      clearTimeout(timer);
      this.#inFlight.delete(cancel);
    }
  }

  /** Publishes a finished attempt (attempts cut short by a reset belong to the old run). */
  #store(record: CallbackRecord, cancelled: AbortSignal, responseText?: string): void {
    if (cancelled.aborted && cancelled !== this.#abort.signal) return;
    record.id = `cb-${++this.#sequence}`;
    this.#records.push(record);
    // The oldest record beyond the limit is dropped; the array is compacted once half of it is
    // dropped records, instead of shifting every kept record each time (quadratic in a long run).
    if (this.#records.length - this.#firstKept > MAX_RECORDS) this.#firstKept++;
    if (this.#firstKept >= MAX_RECORDS) {
      this.#records = this.#records.slice(this.#firstKept);
      this.#firstKept = 0;
    }
    this.#waiters.wake();
    this.#onAttempt?.(record, responseText);
  }
}

function describeFailure(
  delivery: CallbackDelivery,
  attempts: CallbackRecord[],
): Required<CallbackFailure> {
  const failure =
    typeof delivery.failure === 'function' ? delivery.failure() : delivery.failure || {};
  const reasons = attempts.map((attempt) => `${attempt.url}: ${attempt.error ?? 'failed'}`);
  const details: ErrorDetail[] = [...(failure.details ?? [])];
  for (const attempt of attempts) {
    details.push({
      name: attempt.attempt === 'callback' ? 'callbackUrl' : 'fallbackUrl',
      value: attempt.url,
    });
  }
  return {
    category: failure.category ?? 'unavailable',
    code: failure.code ?? 'callback-delivery-failed',
    message: failure.message ?? `The callback could not be delivered (${reasons.join('; ')})`,
    details,
  };
}

interface Answer {
  status: number;
  text: string;
  contentType?: string;
}

/** The attempt's own deadline passed (told apart from a network error or a cancel). */
class AttemptTimeout extends Error {}

/** Reads an answer's body, at most `MAX_BODY_BYTES` of it (the rest is not read). */
function readAnswer(incoming: IncomingMessage): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const finish = () => {
      const answer: Answer = {
        status: incoming.statusCode ?? 0,
        text: Buffer.concat(chunks).toString('utf8'),
      };
      const contentType = incoming.headers['content-type'];
      if (contentType !== undefined) answer.contentType = contentType;
      resolve(answer);
    };
    incoming.on('data', (chunk: Buffer) => {
      size += chunk.byteLength;
      if (size > MAX_BODY_BYTES) {
        incoming.destroy();
        finish();
        return;
      }
      chunks.push(chunk);
    });
    incoming.on('end', finish);
    incoming.on('error', reject);
    incoming.on('close', () => {
      if (!incoming.complete) reject(new Error('the answer was cut off'));
    });
  });
}

/** An error of a request on a kept-alive connection that the other side had closed. */
function isStaleConnection(error: unknown): boolean {
  const code = (error as { code?: unknown }).code;
  return code === 'ECONNRESET' || code === 'EPIPE' || code === 'ECONNABORTED';
}

/** Text a form writes as it is. */
const FORM_AS_IS = /^[\w*.-]*$/;

/** Characters `encodeURIComponent` leaves as they are and a form encodes, and a space. */
const FORM_EXTRA = /[!'()~]|%20/g;

/**
 * `text` encoded as `URLSearchParams` encodes a name or value (`application/x-www-form-urlencoded`:
 * a space is `+`, only `*-._` and letters and digits stay), without building one.
 */
export function formText(text: string): string {
  // Most names and many values (ids, states, digits) need no encoding.
  if (FORM_AS_IS.test(text)) return text;
  let encoded: string;
  try {
    encoded = encodeURIComponent(text);
  } catch {
    // A lone surrogate, which a form writes as U+FFFD.
    return new URLSearchParams([['', text]]).toString().slice(1);
  }
  return encoded.replace(FORM_EXTRA, (found) =>
    found === '%20' ? '+' : `%${found.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

function queryText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') {
    return String(value);
  }
  return JSON.stringify(value);
}

function redactHeaders(headers: Record<string, string>): Record<string, string> {
  const redacted = { ...headers };
  if (redacted.authorization) redacted.authorization = 'Basic [REDACTED]';
  return redacted;
}

/** `https://user:pass@host/x` → `https://host/x`; text that is not a URL gets userinfo cut. */
export function stripCredentials(url: string): string {
  try {
    const parsed = new URL(url);
    parsed.username = '';
    parsed.password = '';
    return parsed.toString();
  } catch {
    return url.replace(/\/\/[^/@]*@/, '//');
  }
}

function sequenceOf(id: string): number {
  const sequence = Number(id.replace(/^cb-/, ''));
  return Number.isFinite(sequence) ? sequence : 0;
}

function errorText(error: unknown): string {
  if (error instanceof Error) {
    const cause = (error as Error & { cause?: unknown }).cause;
    const causeText = cause instanceof Error ? `: ${cause.message}` : '';
    return `${error.message}${causeText}`;
  }
  return String(error);
}
