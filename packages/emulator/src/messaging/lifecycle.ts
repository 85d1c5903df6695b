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
  // One small object for the whole lifecycle, handed to a step defined once (a timer each step,
  // no closure each): thousands of messages are in flight at a time.
  context.clock.schedule(MESSAGE_TIMING.queuedMs, step, { context, user, message });
}

/** A message in its lifecycle. */
interface Outbound {
  context: EmulatorContext;
  user: UserState;
  message: MessageRecord;
}

/** Moves `outbound`'s message on by one state (the receipt last), and schedules the next. */
function step(outbound: Outbound): void {
  const { context, user, message } = outbound;
  if (message.state === 'queued') {
    message.state = 'sending';
    notify(context, user, message);
    context.clock.schedule(MESSAGE_TIMING.sendingMs, step, outbound);
  } else if (message.state === 'sending') {
    message.state = 'sent';
    notify(context, user, message);
    if (message.receiptRequested !== 'none') {
      context.clock.schedule(MESSAGE_TIMING.deliveryMs, step, outbound);
    }
  } else {
    const failure = context.deliveryFailures.take(message.to);
    message.deliveryState = failure ? 'not-delivered' : 'delivered';
    message.deliveryCode = failure?.deliveryCode ?? 0;
    message.deliveryDescription = failure?.deliveryDescription ?? 'Message delivered to carrier';
    // `error` receipts are sent only for failed deliveries.
    if (failure || message.receiptRequested === 'all') notify(context, user, message);
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
  void context.callbacks.inOrder(message, () =>
    context.callbacks.deliver({
      generation,
      userId: user.userId,
      url: callbackUrl,
      ...(message.fallbackUrl ? { fallbackUrl: message.fallbackUrl } : {}),
      method: message.callbackHttpMethod ?? 'POST',
      ...(message.callbackTimeout ? { timeoutMs: message.callbackTimeout } : {}),
      body,
      failure: {
        message: `The ${String(body.eventType)} event of message ${message.id} (state ${message.state}) could not be delivered`,
        details: [{ name: 'messageId', value: message.id }],
      },
    }),
  );
}
