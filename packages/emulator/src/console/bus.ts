import { REDACTED, redactUrlPasswords } from '../redaction';

/** What a console event is about. */
export type ConsoleEventKind =
  | 'request'
  | 'callback'
  | 'message'
  | 'call'
  | 'trace'
  | 'rate-limit'
  | 'fault'
  | 'reset';

/** One entry of the console's timeline. */
export interface ConsoleEvent {
  /** Increasing from 1 for the life of the emulator (SSE `id`, `Last-Event-ID`). */
  id: number;
  /** When it happened (epoch ms). */
  time: number;
  kind: ConsoleEventKind;
  /** The user it belongs to, when known. */
  userId?: string;
  /** The call it belongs to, when any. */
  callId?: string;
  /** The message it belongs to, when any. */
  messageId?: string;
  /** Phone numbers it involves (for the number filter). */
  numbers?: string[];
  /** Kind-specific fields, free of secrets. */
  data: Record<string, unknown>;
}

/**
 * Fields of a new event (the bus stamps `id` and `time`). `data` may be a function that makes
 * it: it is called once, with `fields`, when the event is first read (by a listener or
 * {@link EventBus.since}), so that an emulator nobody watches does not build it. It must only
 * read values that do not change after publishing (copy the ones that do), or whose change the
 * bus is told of first ({@link EventBus.settleMessage}).
 *
 * What such a function reads is best given as `fields` to a function defined once (at module
 * level) rather than captured by a closure made per event: the buffer then keeps one small
 * object per event, not a function and its scope, which matters at thousands of events a second
 * (every kept event is copied by the young-generation collector).
 */
export type ConsoleEventInput<F = undefined> = Omit<
  ConsoleEvent,
  'id' | 'time' | 'data' | 'numbers'
> & {
  data: ConsoleEvent['data'] | ((fields: F) => ConsoleEvent['data']);
  /** Its numbers, or a function that reads them from `fields` (called with `data`'s). */
  numbers?: string[] | ((fields: F) => string[]);
  /** What `data`, given as a function, is called with. */
  fields?: F;
};

/** Listener of {@link EventBus.subscribe}. */
export type ConsoleEventListener = (event: ConsoleEvent) => void;

/** Events kept for replay to a reconnecting console. */
export const EVENT_BUFFER_SIZE = 5000;

/**
 * The emulator's event tap: requests, callbacks, message and call changes, BXML trace, rate
 * limits and faults are published here; the console's event stream reads it. Publishing with
 * nobody listening costs one slot in a bounded ring buffer (and `data` given as a function is
 * only made when the event is read).
 *
 * The ring is kept by field, one array per field, rather than as an object per event: the
 * buffer outlives young-generation collections, and the collector then copies an event's
 * `data` (and numbers) alone, not also an event object and its boxed time. An event object is
 * built when the event is read.
 */
export class EventBus {
  readonly #size: number;
  readonly #times: Float64Array;
  readonly #kinds: Array<ConsoleEventKind | undefined>;
  readonly #userIds: Array<string | undefined>;
  readonly #callIds: Array<string | undefined>;
  readonly #messageIds: Array<string | undefined>;
  /** Each slot's numbers, possibly not read from its `fields` yet. */
  readonly #numbers: Array<ConsoleEventInput<unknown>['numbers']>;
  /** Each slot's `data`, possibly not made yet (made once, then kept). */
  readonly #data: Array<ConsoleEventInput<unknown>['data'] | undefined>;
  /** Each slot's `fields`, until its `data` is made. */
  readonly #fields: unknown[];
  readonly #listeners = new Set<ConsoleEventListener>();
  #next = 1;

  constructor(size = EVENT_BUFFER_SIZE) {
    this.#size = size;
    this.#times = new Float64Array(size);
    // Filled, not holey: every slot holds a value or `undefined` from the start.
    const column = () => new Array(size).fill(undefined);
    this.#kinds = column();
    this.#userIds = column();
    this.#callIds = column();
    this.#messageIds = column();
    this.#numbers = column();
    this.#data = column();
    this.#fields = column();
  }

  /** Id of the last event published (0 before the first). */
  get lastId(): number {
    return this.#next - 1;
  }

  /** Adds an event to the buffer and tells every listener; a listener that throws is ignored. */
  publish<F>(input: ConsoleEventInput<F>): void {
    const id = this.#next++;
    const slot = id % this.#size;
    this.#times[slot] = Date.now();
    this.#kinds[slot] = input.kind;
    this.#userIds[slot] = input.userId;
    this.#callIds[slot] = input.callId;
    this.#messageIds[slot] = input.messageId;
    this.#numbers[slot] = input.numbers as ConsoleEventInput<unknown>['numbers'];
    this.#data[slot] = input.data as ConsoleEventInput<unknown>['data'];
    this.#fields[slot] = input.fields;
    if (this.#listeners.size === 0) return;
    const event = this.#read(id);
    for (const listener of this.#listeners) {
      try {
        listener(event);
      } catch {
        // A broken listener must not break the request or call that published.
      }
    }
  }

  /** Events with an id above `afterId` still in the buffer, oldest first. */
  since(afterId: number): ConsoleEvent[] {
    const first = Math.max(afterId + 1, this.#next - this.#size, 1);
    const events: ConsoleEvent[] = [];
    for (let id = first; id < this.#next; id++) events.push(this.#read(id));
    return events;
  }

  /** Calls `listener` for every new event until the returned function is called. */
  subscribe(listener: ConsoleEventListener): () => void {
    this.#listeners.add(listener);
    return () => {
      this.#listeners.delete(listener);
    };
  }

  /**
   * Makes the `data` (and numbers) of the buffered events of message `messageId` not made yet:
   * called before what they read changes in place (a message's text, when it is redacted), so
   * that they still show it as it was.
   */
  settleMessage(messageId: string): void {
    for (let id = Math.max(this.#next - this.#size, 1); id < this.#next; id++) {
      const slot = id % this.#size;
      if (this.#messageIds[slot] === messageId) this.#make(slot);
    }
  }

  /** Makes a slot's `data` and numbers from its `fields`, if they are not made yet. */
  #make(slot: number): void {
    const numbers = this.#numbers[slot];
    if (typeof numbers === 'function') this.#numbers[slot] = numbers(this.#fields[slot]);
    const data = this.#data[slot];
    if (typeof data === 'function') {
      this.#data[slot] = data(this.#fields[slot]);
      this.#fields[slot] = undefined;
    }
  }

  /** The event `id` (still in the buffer) as an object, its `data` made. */
  #read(id: number): ConsoleEvent {
    const slot = id % this.#size;
    this.#make(slot);
    const numbers = this.#numbers[slot] as string[] | undefined;
    const data = this.#data[slot] as ConsoleEvent['data'];
    const event = {
      id,
      time: this.#times[slot] as number,
      kind: this.#kinds[slot] as ConsoleEventKind,
    } as ConsoleEvent;
    const userId = this.#userIds[slot];
    if (userId !== undefined) event.userId = userId;
    const callId = this.#callIds[slot];
    if (callId !== undefined) event.callId = callId;
    const messageId = this.#messageIds[slot];
    if (messageId !== undefined) event.messageId = messageId;
    if (numbers !== undefined) event.numbers = numbers;
    event.data = data;
    return event;
  }
}

const SECRET_FIELD = /secret|password|authorization|token/i;

/** A deep copy of `value` with URL passwords and secret-looking fields redacted. */
export function redactValue(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return redactUrlPasswords(value);
  if (value === null || typeof value !== 'object' || depth > 8) return value;
  if (Array.isArray(value)) return value.map((item) => redactValue(item, depth + 1));
  const copy: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(value)) {
    copy[key] =
      SECRET_FIELD.test(key) && typeof field === 'string' && field !== ''
        ? REDACTED
        : redactValue(field, depth + 1);
  }
  return copy;
}
