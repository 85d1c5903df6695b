import { userPath } from '../location';
import { isoTime, type MessageRecord } from '../state';

/**
 * The `sms`/`mms` callback event of a message in its current state (reference §2.3).
 * `origin` is the emulator's base URL, for `messageUri`.
 */
export function messageEvent(
  message: MessageRecord,
  userId: string,
  origin: string,
): Record<string, unknown> {
  const mms = message.media.length > 0;
  const event: Record<string, unknown> = {
    eventType: mms ? 'mms' : 'sms',
    direction: message.direction,
    messageId: message.id,
    messageUri: `${origin}${userPath(userId, 'messages', message.id)}`,
    from: message.from,
    to: message.to,
    text: message.text,
    time: new Date().toISOString(),
    state: message.state,
    segmentCount: message.segmentCount,
  };
  if (mms) event.media = [...message.media];
  if (message.applicationId) event.applicationId = message.applicationId;
  if (message.deliveryState) event.deliveryState = message.deliveryState;
  if (message.deliveryCode !== undefined) event.deliveryCode = message.deliveryCode;
  if (message.deliveryDescription) event.deliveryDescription = message.deliveryDescription;
  if (message.tag !== undefined) event.tag = message.tag;
  return event;
}

/** A message as `GET /messages[/{id}]` shows it. */
export function renderMessage(message: MessageRecord): Record<string, unknown> {
  const rendered: Record<string, unknown> = {
    id: message.id,
    messageId: message.id,
    from: message.from,
    to: message.to,
    direction: message.direction,
    text: message.text,
    media: [...message.media],
    state: message.state,
    time: isoTime(message.createdAt),
    receiptRequested: message.receiptRequested,
    segmentCount: message.segmentCount,
  };
  if (message.callbackUrl !== undefined) rendered.callbackUrl = message.callbackUrl;
  if (message.callbackHttpMethod !== undefined) {
    rendered.callbackHttpMethod = message.callbackHttpMethod;
  }
  if (message.callbackTimeout !== undefined) rendered.callbackTimeout = message.callbackTimeout;
  if (message.fallbackUrl !== undefined) rendered.fallbackUrl = message.fallbackUrl;
  if (message.tag !== undefined) rendered.tag = message.tag;
  if (message.deliveryState !== undefined) rendered.deliveryState = message.deliveryState;
  if (message.deliveryCode !== undefined) rendered.deliveryCode = message.deliveryCode;
  if (message.deliveryDescription !== undefined) {
    rendered.deliveryDescription = message.deliveryDescription;
  }
  if (message.applicationId !== undefined) rendered.applicationId = message.applicationId;
  if (message.media.length > 0) rendered.skipMMSCarrierValidation = false;
  return rendered;
}
