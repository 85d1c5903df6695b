import { createHash, timingSafeEqual } from 'node:crypto';
import type { RandomStreams } from './random';
import { RecordMap } from './record-map';

/** Methods a callback may be sent with. */
export type CallbackHttpMethod = 'GET' | 'POST';

/** An application: where inbound call and message events of its numbers go. */
export interface ApplicationRecord {
  id: string;
  name: string;
  incomingCallUrl?: string;
  incomingCallUrlCallbackTimeout?: number;
  incomingCallFallbackUrl?: string;
  incomingMessageUrl?: string;
  incomingMessageUrlCallbackTimeout?: number;
  incomingMessageFallbackUrl?: string;
  callbackHttpMethod: string;
  autoAnswer: boolean;
}

/** A phone number the user ordered, imported or was seeded with. */
export interface PhoneNumberRecord {
  id: string;
  number: string;
  nationalNumber: string;
  name?: string;
  city?: string;
  state?: string;
  applicationId?: string;
  fallbackNumber?: string;
  price: string;
  createdTime: string;
  numberState: 'enabled' | 'released';
}

/** A SIP domain. */
export interface DomainRecord {
  id: string;
  name: string;
  description: string;
}

/** A SIP endpoint of a domain. `password` is internal and never rendered. */
export interface EndpointRecord {
  id: string;
  domainId: string;
  name: string;
  description?: string;
  applicationId?: string;
  enabled: boolean;
  password: string;
  sipUri: string;
  credentials: { realm: string; username: string };
}

/** An entry of the user's error log (`/errors`). */
export interface UserErrorRecord {
  id: string;
  time: string;
  category: string;
  code: string;
  message: string;
  details: Array<{ id: string; name: string; value: string }>;
}

/** An uploaded media file, bytes kept. */
export interface MediaRecord {
  mediaName: string;
  contentType: string;
  cacheControl?: string;
  content: Buffer;
}

/** Message states of the v1 API. */
export type MessageState = 'received' | 'queued' | 'sending' | 'sent' | 'error';

/** A message, inbound or outbound. */
export interface MessageRecord {
  id: string;
  from: string;
  to: string;
  direction: 'in' | 'out';
  text: string;
  media: string[];
  state: MessageState;
  /**
   * Creation time in epoch ms (never before an earlier message's): its `time`
   * ({@link isoTime}) and, with `sortSequence`, its cursor key ({@link sortKeyOf}).
   */
  createdAt: number;
  /** Its number among the messages created in the same millisecond. */
  sortSequence: number;
  callbackUrl?: string;
  callbackHttpMethod?: string;
  callbackTimeout?: number;
  fallbackUrl?: string;
  tag?: string;
  receiptRequested: 'none' | 'all' | 'error';
  deliveryState?: 'waiting' | 'delivered' | 'not-delivered';
  deliveryCode?: number;
  deliveryDescription?: string;
  segmentCount: number;
  applicationId?: string;
}

/**
 * A message's cursor key for `sortKeyLT`/`sortKeyGT`: epoch ms × 10⁶ + its sequence in that
 * millisecond, unique and increasing. Made when asked for, as its `time` is: kept by the
 * thousand, the record holds numbers only.
 */
export function sortKeyOf(message: MessageRecord): bigint {
  return BigInt(message.createdAt) * 1_000_000n + BigInt(message.sortSequence);
}

/** The ISO-8601 `time` of a record created at `createdAt` (epoch ms). */
export function isoTime(createdAt: number): string {
  return new Date(createdAt).toISOString();
}

/** An account transaction (charge, payment …). */
export interface TransactionRecord {
  id: string;
  /** Epoch ms: its `time` ({@link isoTime}), and date filters. */
  createdAt: number;
  amount: string;
  type: 'charge' | 'payment' | 'credit' | 'auto-recharge';
  units: string;
  productType: string;
  number?: string;
  resourceId?: string;
}

/**
 * A typed extra collection of per-user state, for resources defined outside this file
 * (voice keeps calls, bridges, conferences … in slots). Define once at module level with
 * {@link defineStateSlot}; read with `user.slot(mySlot)`.
 */
export interface StateSlot<T> {
  readonly name: string;
  create(): T;
  snapshot?(value: T): unknown;
}

const slotRegistry = new Map<string, StateSlot<unknown>>();

/**
 * Declares a per-user state slot. `create` builds its empty value (again after every reset);
 * `snapshot` renders it for `GET /_emulator/state` (default: maps become arrays of values).
 */
export function defineStateSlot<T>(
  name: string,
  create: () => T,
  snapshot?: (value: T) => unknown,
): StateSlot<T> {
  if (slotRegistry.has(name)) throw new Error(`State slot "${name}" is already defined`);
  const slot: StateSlot<T> = snapshot ? { name, create, snapshot } : { name, create };
  slotRegistry.set(name, slot as StateSlot<unknown>);
  return slot;
}

/** Everything the emulator keeps for one user. */
export class UserState {
  readonly userId: string;
  readonly applications = new Map<string, ApplicationRecord>();
  readonly phoneNumbers = new Map<string, PhoneNumberRecord>();
  readonly domains = new Map<string, DomainRecord>();
  readonly endpoints = new Map<string, EndpointRecord>();
  readonly errors = new Map<string, UserErrorRecord>();
  readonly media = new Map<string, MediaRecord>();
  readonly messages = new RecordMap<MessageRecord>();
  readonly transactions = new RecordMap<TransactionRecord>();
  /** Balance in units of 10⁻⁵ dollars, so sums stay exact. */
  balanceMicros: number;
  readonly #slots = new Map<string, unknown>();

  constructor(userId: string, balance: string | undefined) {
    this.userId = userId;
    this.balanceMicros = Math.round(Number(balance ?? '100') * 100_000);
  }

  /** The user's value of `slot`, created empty on first use. */
  slot<T>(slot: StateSlot<T>): T {
    if (!this.#slots.has(slot.name)) this.#slots.set(slot.name, slot.create());
    return this.#slots.get(slot.name) as T;
  }

  /** A JSON-ready picture of every collection (media without bytes, endpoints without passwords). */
  snapshot(): Record<string, unknown> {
    const snapshot: Record<string, unknown> = {
      userId: this.userId,
      balance: formatDollars(this.balanceMicros),
      applications: [...this.applications.values()],
      phoneNumbers: [...this.phoneNumbers.values()],
      domains: [...this.domains.values()],
      endpoints: [...this.endpoints.values()].map(
        ({ password: _password, ...endpoint }) => endpoint,
      ),
      errors: [...this.errors.values()],
      media: [...this.media.values()].map((media) => ({
        mediaName: media.mediaName,
        contentType: media.contentType,
        contentLength: media.content.length,
      })),
      messages: [...this.messages.values()].map((message) => {
        const { createdAt, sortSequence: _sortSequence, ...fields } = message;
        return { ...fields, time: isoTime(createdAt), sortKey: sortKeyOf(message).toString() };
      }),
      transactions: [...this.transactions.values()].map(renderTransaction),
    };
    for (const slot of slotRegistry.values()) {
      const value = this.slot(slot);
      snapshot[slot.name] = slot.snapshot ? slot.snapshot(value) : defaultSnapshot(value);
    }
    return snapshot;
  }
}

function defaultSnapshot(value: unknown): unknown {
  if (value instanceof Map) return [...value.values()];
  if (value && typeof value === 'object') {
    const rendered: Record<string, unknown> = {};
    for (const [key, inner] of Object.entries(value)) {
      rendered[key] = inner instanceof Map ? [...inner.values()] : inner;
    }
    return rendered;
  }
  return value;
}

/** A transaction as the API shows it: its `time` after its `id`, no `createdAt`. */
export function renderTransaction({
  id,
  createdAt,
  ...fields
}: TransactionRecord): Record<string, unknown> {
  const rendered: Record<string, unknown> = { id, time: isoTime(createdAt) };
  // A field a transaction has not is `undefined` (not left out: see `charge`), and not shown.
  for (const [name, value] of Object.entries(fields)) {
    if (value !== undefined) rendered[name] = value;
  }
  return rendered;
}

/** 10⁻⁵-dollar units → `"538.37250"`. */
export function formatDollars(micros: number): string {
  const sign = micros < 0 ? '-' : '';
  const absolute = Math.abs(micros);
  const whole = Math.floor(absolute / 100_000);
  const fraction = String(absolute % 100_000).padStart(5, '0');
  return `${sign}${whole}.${fraction}`;
}

/** The owner of a phone number. */
export interface NumberOwner {
  user: UserState;
  phoneNumber: PhoneNumberRecord;
}

/** All users' state plus the indexes that span users (credentials, number ownership). */
export class Store {
  readonly users = new Map<string, UserState>();
  readonly #credentials = new Map<string, { user: UserState; apiSecret: string }>();
  readonly #numberOwners = new Map<string, NumberOwner>();
  /** Accepted `Authorization` values → user, so a keep-alive client is checked once. */
  readonly #acceptedHeaders = new Map<string, UserState>();
  /** Streams used to derive ids; reset re-seeds them. */
  readonly random: RandomStreams;

  constructor(random: RandomStreams) {
    this.random = random;
  }

  /** Adds a user with the given credentials. */
  addUser(userId: string, apiToken: string, apiSecret: string, balance?: string): UserState {
    const user = new UserState(userId, balance);
    this.users.set(userId, user);
    this.#credentials.set(apiToken, { user, apiSecret });
    return user;
  }

  /** The user whose token and secret these are, or undefined. */
  authenticate(apiToken: string, apiSecret: string): UserState | undefined {
    const entry = this.#credentials.get(apiToken);
    if (!entry || !constantTimeEqual(entry.apiSecret, apiSecret)) return undefined;
    return entry.user;
  }

  /** The user an `Authorization` header value was already accepted for. */
  userForHeader(header: string): UserState | undefined {
    return this.#acceptedHeaders.get(header);
  }

  /** Remembers an accepted `Authorization` header value (bounded). */
  rememberHeader(header: string, user: UserState): void {
    if (this.#acceptedHeaders.size >= 1000) this.#acceptedHeaders.clear();
    this.#acceptedHeaders.set(header, user);
  }

  /** Who owns `number` (enabled numbers only). */
  ownerOf(number: string): NumberOwner | undefined {
    return this.#numberOwners.get(number);
  }

  /** Records that `user` now owns `phoneNumber`. */
  claimNumber(user: UserState, phoneNumber: PhoneNumberRecord): void {
    user.phoneNumbers.set(phoneNumber.id, phoneNumber);
    this.#numberOwners.set(phoneNumber.number, { user, phoneNumber });
  }

  /** Marks a number released; it can be ordered again by anyone. */
  releaseNumber(phoneNumber: PhoneNumberRecord): void {
    phoneNumber.numberState = 'released';
    const owner = this.#numberOwners.get(phoneNumber.number);
    if (owner?.phoneNumber === phoneNumber) this.#numberOwners.delete(phoneNumber.number);
  }

  /** Forgets every user and index (the server repopulates after). */
  clear(): void {
    this.users.clear();
    this.#credentials.clear();
    this.#numberOwners.clear();
    this.#acceptedHeaders.clear();
  }
}

/** Compares digests so that neither content nor length leaks through timing. */
function constantTimeEqual(expected: string, actual: string): boolean {
  const digest = (text: string) => createHash('sha256').update(text).digest();
  return timingSafeEqual(digest(expected), digest(actual));
}
