import { ClockEntry } from '../clock';
import { publishMessage } from '../console/taps';
import type { EmulatorContext } from '../context';
import type { MessageRecord, UserState } from '../state';
import { messageEvent } from './events';

/** Simulated milliseconds of each outbound step (divided by `speed`). */
export const MESSAGE_TIMING = Object.freeze({
  /** queued → sending */
  queuedMs: 100,
  /** sending → sent */
  sendingMs: 200,
  /** sent → delivery receipt */
  deliveryMs: 500,
});

/**
 * Moves an outbound message queued → sending → sent on the clock, then, when a receipt was
 * requested, to delivered (or not-delivered when a delivery-failure rule matches its
 * destination), sending an `sms`/`mms` event for each change to its `callbackUrl`, in order.
 */
export function startOutboundLifecycle(
  context: EmulatorContext,
  user: UserState,
  message: MessageRecord,
): void {
  const entry = pools.get(context)?.pop() ?? new Outbound(context);
  entry.user = user;
  entry.message = message;
  context.clock.start(entry, MESSAGE_TIMING.queuedMs);
}

/** Entries of finished lifecycles an emulator keeps for the next messages, at most this many. */
const POOL_KEPT = 16_384;

/** Each emulator's entries of finished lifecycles. */
const pools = new WeakMap<EmulatorContext, Outbound[]>();

/**
 * A message in its lifecycle: one clock entry for all its steps (thousands of messages are in
 * flight at a time), scheduled again by each step for the next. A finished one is kept for the
 * next message of the same emulator: under load the entries in flight are the same objects, long
 * since out of the young generation, instead of one more per message for the collector to copy
 * and then find dead among the records it keeps. One cancelled by a reset is not reused (its
 * turn may still be queued).
 */
class Outbound extends ClockEntry {
  user: UserState | undefined = undefined;
  message: MessageRecord | undefined = undefined;

  constructor(readonly context: EmulatorContext) {
    super(context.clock);
  }

  /** Moves the message on by one state (the receipt last), and schedules the next. */
  override fire(): void {
    const context = this.context;
    const user = this.user as UserState;
    const message = this.message as MessageRecord;
    if (message.state === 'queued') {
      message.state = 'sending';
      notify(context, user, message);
      this.clock.start(this, MESSAGE_TIMING.sendingMs);
      return;
    }
    if (message.state === 'sending') {
      message.state = 'sent';
      notify(context, user, message);
      if (message.receiptRequested !== 'none') {
        this.clock.start(this, MESSAGE_TIMING.deliveryMs);
        return;
      }
    } else {
      const failure = context.deliveryFailures.take(message.to);
      message.deliveryState = failure ? 'not-delivered' : 'delivered';
      message.deliveryCode = failure?.deliveryCode ?? 0;
      message.deliveryDescription = failure?.deliveryDescription ?? 'Message delivered to carrier';
      // `error` receipts are sent only for failed deliveries.
      if (failure || message.receiptRequested === 'all') notify(context, user, message);
    }
    this.#finish();
  }

  /** Its message's lifecycle is over: kept for the next message. */
  #finish(): void {
    this.user = undefined;
    this.message = undefined;
    let pool = pools.get(this.context);
    if (pool === undefined) {
      pool = [];
      pools.set(this.context, pool);
    }
    if (pool.length < POOL_KEPT) pool.push(this);
  }
}

/** Queues the event of the message's current state behind its earlier events. */
function notify(context: EmulatorContext, user: UserState, message: MessageRecord): void {
  publishMessage(context, user, message);
  const callbackUrl = message.callbackUrl;
  if (!callbackUrl) return;
  const body = messageEvent(message, user.userId, context.url);
  // Events still queued when the emulator is reset are dropped, not sent.
  const generation = context.callbacks.generation;
  // The state the event tells of, for the error-log entry made if it cannot be delivered.
  const state = message.state;
  void context.callbacks.inOrder(message, () =>
    context.callbacks.deliver({
      generation,
      userId: user.userId,
      url: callbackUrl,
      fallbackUrl: message.fallbackUrl || undefined,
      method: message.callbackHttpMethod ?? 'POST',
      timeoutMs: message.callbackTimeout || undefined,
      body,
      failure: () => ({
        message: `The ${String(body.eventType)} event of message ${message.id} (state ${state}) could not be delivered`,
        details: [{ name: 'messageId', value: message.id }],
      }),
    }),
  );
}
