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
 * it: it is called once, when the event is first read (by a listener or {@link EventBus.since}),
 * so that an emulator nobody watches does not build it. It must only read values that do not
 * change after publishing (copy the ones that do).
 */
export type ConsoleEventInput = Omit<ConsoleEvent, 'id' | 'time' | 'data'> & {
  data: ConsoleEvent['data'] | (() => ConsoleEvent['data']);
};

/** An event as buffered: its `data` possibly not made yet. */
type BufferedEvent = Omit<ConsoleEvent, 'data'> & { data: ConsoleEventInput['data'] };

/** The event with its `data` made (once; the buffered event keeps it). */
function materialized(event: BufferedEvent): ConsoleEvent {
  if (typeof event.data === 'function') event.data = event.data();
  return event as ConsoleEvent;
}

/** Listener of {@link EventBus.subscribe}. */
export type ConsoleEventListener = (event: ConsoleEvent) => void;

/** Events kept for replay to a reconnecting console. */
export const EVENT_BUFFER_SIZE = 5000;

/**
 * The emulator's event tap: requests, callbacks, message and call changes, BXML trace, rate
 * limits and faults are published here; the console's event stream reads it. Publishing with
 * nobody listening costs one array slot in a bounded ring buffer (and `data` given as a function
 * is only made when the event is read).
 */
export class EventBus {
  readonly #buffer: Array<BufferedEvent | undefined>;
  readonly #listeners = new Set<ConsoleEventListener>();
  #next = 1;

  constructor(size = EVENT_BUFFER_SIZE) {
    this.#buffer = new Array(size);
  }

  /** Id of the last event published (0 before the first). */
  get lastId(): number {
    return this.#next - 1;
  }

  /** Adds an event to the buffer and tells every listener; a listener that throws is ignored. */
  publish(input: ConsoleEventInput): void {
    const event: BufferedEvent = { id: this.#next++, time: Date.now(), ...input };
    this.#buffer[event.id % this.#buffer.length] = event;
    if (this.#listeners.size === 0) return;
    const made = materialized(event);
    for (const listener of this.#listeners) {
      try {
        listener(made);
      } catch {
        // A broken listener must not break the request or call that published.
      }
    }
  }

  /** Events with an id above `afterId` still in the buffer, oldest first. */
  since(afterId: number): ConsoleEvent[] {
    const size = this.#buffer.length;
    const first = Math.max(afterId + 1, this.#next - size, 1);
    const events: ConsoleEvent[] = [];
    for (let id = first; id < this.#next; id++) {
      const event = this.#buffer[id % size];
      if (event?.id === id) events.push(materialized(event));
    }
    return events;
  }

  /** Calls `listener` for every new event until the returned function is called. */
  subscribe(listener: ConsoleEventListener): () => void {
    this.#listeners.add(listener);
    return () => {
      this.#listeners.delete(listener);
    };
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
