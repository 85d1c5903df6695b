import { charge } from '../billing';
import { publishMessage } from '../console/taps';
import type { EmulatorContext } from '../context';
import { apiError, notFound, validationError } from '../errors';
import { ID_PREFIXES } from '../ids';
import { isE164 } from '../phone';
import type { MessageRecord } from '../state';
import { logUserError } from '../user-errors';
import { isHttpUrl, objectBody, optionalString, requiredString } from '../validation';
import { messageEvent } from './events';
import { segmentCount } from './segments';

/**
 * An inbound SMS/MMS to an owned number: stored as a `received` message of the owner, billed,
 * and sent to the `incomingMessageUrl` of the number's application. Without an application
 * the owner's error log gets `no-application-for-number`.
 */
export function receiveInboundMessage(context: EmulatorContext, raw: unknown): MessageRecord {
  const body = objectBody(raw);
  const from = requiredString(body, 'from', 'message');
  const to = requiredString(body, 'to', 'message');
  if (!isE164(from) || !isE164(to)) throw validationError('Invalid phone number');
  const text = optionalString(body, 'text', 'message') ?? '';
  const media = body.media === undefined ? [] : body.media;
  if (!Array.isArray(media) || media.some((url) => typeof url !== 'string' || !isHttpUrl(url))) {
    throw apiError(403, 'forbidden', 'media-invalid-url', 'The media URLs must be http(s) URLs');
  }
  const owner = context.store.ownerOf(to);
  if (!owner) throw notFound('number-not-found', 'number', to);
  const { user, phoneNumber } = owner;
  const { millis, sequence } = context.sequence.place(Date.now());
  const message: MessageRecord = {
    id: context.ids.next(ID_PREFIXES.message),
    from,
    to: phoneNumber.number,
    direction: 'in',
    text,
    media: [...(media as string[])],
    state: 'received',
    createdAt: millis,
    sortSequence: sequence,
    receiptRequested: 'none',
    segmentCount: media.length > 0 ? 1 : segmentCount(text),
  };
  const application = phoneNumber.applicationId
    ? user.applications.get(phoneNumber.applicationId)
    : undefined;
  if (application) message.applicationId = application.id;
  user.messages.add(message.id, message);
  publishMessage(context, user, message);
  charge(context, user, {
    productType: media.length > 0 ? 'mms-in' : 'sms-in',
    units: message.segmentCount,
    number: to,
    resourceId: message.id,
  });

  if (!application) {
    logUserError(context, user, {
      category: 'unavailable',
      code: 'no-application-for-number',
      message: `No application is configured for number ${to}`,
      details: [
        { name: 'number', value: to },
        { name: 'messageId', value: message.id },
      ],
    });
    return message;
  }
  const url = application.incomingMessageUrl;
  if (!url) {
    logUserError(context, user, {
      category: 'unavailable',
      code: 'no-callback-for-message',
      message: `Application ${application.id} ("${application.name}") for number ${to} does not specify a URL for message events`,
      details: [
        { name: 'applicationId', value: application.id },
        { name: 'number', value: to },
        { name: 'messageId', value: message.id },
      ],
    });
    return message;
  }
  const event = messageEvent(message, user.userId, context.url);
  void context.callbacks.deliver({
    userId: user.userId,
    url,
    fallbackUrl: application.incomingMessageFallbackUrl || undefined,
    method: application.callbackHttpMethod,
    timeoutMs: application.incomingMessageUrlCallbackTimeout || undefined,
    body: event,
    failure: () => ({
      message: `The ${String(event.eventType)} event of inbound message ${message.id} to ${to} could not be delivered`,
      details: [
        { name: 'applicationId', value: application.id },
        { name: 'messageId', value: message.id },
      ],
    }),
  });
  return message;
}
