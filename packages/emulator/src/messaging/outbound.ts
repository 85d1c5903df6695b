import { requireOwnedNumber } from '../auth';
import { charge, requireCredit } from '../billing';
import { publishMessage } from '../console/taps';
import type { EmulatorContext } from '../context';
import { apiError, validationError } from '../errors';
import { ID_PREFIXES } from '../ids';
import { isE164 } from '../phone';
import { redactUrlPasswords } from '../redaction';
import type { MessageRecord, UserState } from '../state';
import {
  checkCallbackUrl,
  isHttpUrl,
  type JsonObject,
  objectBody,
  oneOf,
  optionalString,
  readCallbackDelivery,
  requiredString,
} from '../validation';
import { startOutboundLifecycle } from './lifecycle';
import { segmentCount } from './segments';

const RESOURCE = 'message';
/** Longest message text. */
export const MAX_TEXT_LENGTH = 2048;
/** Most messages in one batch request. */
export const MAX_BATCH = 50;

/** A checked send request. */
export interface OutboundMessageInput {
  from: string;
  to: string;
  text: string;
  media: string[];
  receiptRequested: 'none' | 'all' | 'error';
  callbackUrl?: string;
  callbackHttpMethod?: string;
  callbackTimeout?: number;
  fallbackUrl?: string;
  tag?: string;
}

/** Checks one message of a send request; throws the reference's 400/403 errors. */
export function parseOutboundMessage(
  context: EmulatorContext,
  user: UserState,
  raw: unknown,
): OutboundMessageInput {
  const body = objectBody(raw);
  const from = requiredString(body, 'from', RESOURCE);
  const to = requiredString(body, 'to', RESOURCE);
  const media = readMedia(body);
  let text: string;
  if (body.text === undefined || body.text === null) {
    if (media.length === 0) requiredString(body, 'text', RESOURCE);
    text = '';
  } else {
    text =
      media.length === 0
        ? requiredString(body, 'text', RESOURCE)
        : (optionalString(body, 'text', RESOURCE) ?? '');
  }
  if (text.length > MAX_TEXT_LENGTH) {
    throw validationError(
      `The '${RESOURCE}' resource property 'text' exceeds the limit of ${MAX_TEXT_LENGTH}`,
    );
  }
  if (!isE164(from)) throw invalidNumber('from', from);
  if (!isE164(to)) throw invalidNumber('to', to);
  const receipt = optionalString(body, 'receiptRequested', RESOURCE);
  const receiptRequested =
    receipt === undefined
      ? 'none'
      : oneOf(receipt, ['none', 'all', 'error'] as const, RESOURCE, 'receiptRequested');
  if (receiptRequested !== 'none' && media.length > 0) {
    throw validationError(
      `The '${RESOURCE}' resource property 'receiptRequested' cannot be combined with 'media': delivery receipts are not supported for MMS`,
    );
  }
  const input: OutboundMessageInput = { from, to, text, media, receiptRequested };
  readCallbackOptions(body, input);
  // The number's own string, which the emulator keeps already: every message from it shares it.
  input.from = requireOwnedNumber(context.store, user, from).number;
  return input;
}

/**
 * Creates the message (state `queued`), bills it and starts its lifecycle; 403
 * `insufficient-available-balance`, with nothing created, when the balance does not cover it.
 */
export function createOutboundMessage(
  context: EmulatorContext,
  user: UserState,
  input: OutboundMessageInput,
): MessageRecord {
  const segments = input.media.length > 0 ? 1 : segmentCount(input.text);
  const productType = input.media.length > 0 ? 'mms-out' : 'sms-out';
  requireCredit(user, productType, segments);
  const { millis, sequence } = context.sequence.place(Date.now());
  const message: MessageRecord = {
    id: context.ids.next(ID_PREFIXES.message),
    from: input.from,
    to: input.to,
    direction: 'out',
    text: input.text,
    media: input.media,
    state: 'queued',
    createdAt: millis,
    sortSequence: sequence,
    receiptRequested: input.receiptRequested,
    segmentCount: segments,
  };
  if (input.callbackUrl !== undefined) message.callbackUrl = input.callbackUrl;
  if (input.callbackHttpMethod !== undefined) message.callbackHttpMethod = input.callbackHttpMethod;
  if (input.callbackTimeout !== undefined) message.callbackTimeout = input.callbackTimeout;
  if (input.fallbackUrl !== undefined) message.fallbackUrl = input.fallbackUrl;
  if (input.tag !== undefined) message.tag = input.tag;
  if (input.receiptRequested !== 'none') message.deliveryState = 'waiting';
  user.messages.add(message.id, message);
  publishMessage(context, user, message);
  charge(
    context,
    user,
    { productType, units: segments, number: input.from, resourceId: message.id },
    millis,
  );
  startOutboundLifecycle(context, user, message);
  return message;
}

/**
 * The media of every message sent without any: one frozen list, not an empty array kept per
 * message (nothing changes a message's media once it is made).
 */
const NO_MEDIA = Object.freeze([]) as unknown as string[];

function readMedia(body: JsonObject): string[] {
  const value = body.media;
  if (value === undefined || value === null) return NO_MEDIA;
  const list = typeof value === 'string' ? [value] : value;
  if (!Array.isArray(list) || list.some((item) => typeof item !== 'string')) {
    throw validationError(
      `The '${RESOURCE}' resource property 'media' must be a URL or a list of URLs`,
    );
  }
  for (const url of list as string[]) {
    if (!isHttpUrl(url)) {
      throw apiError(
        403,
        'forbidden',
        'media-invalid-url',
        `The media URL ${redactUrlPasswords(url)} is invalid.`,
      );
    }
  }
  return [...(list as string[])];
}

function readCallbackOptions(body: JsonObject, input: OutboundMessageInput): void {
  const callbackUrl = optionalString(body, 'callbackUrl', RESOURCE);
  const fallbackUrl = optionalString(body, 'fallbackUrl', RESOURCE);
  if (callbackUrl !== undefined && callbackUrl !== '') {
    checkCallbackUrl(callbackUrl);
    input.callbackUrl = callbackUrl;
  }
  if (fallbackUrl !== undefined) {
    if (fallbackUrl.trim() === '') {
      throw validationError('Your message fallback URL may not be blank/empty.');
    }
    if (input.callbackUrl === undefined) {
      throw validationError(
        'Your message must have a callback URL in order to have a fallback URL.',
      );
    }
    checkCallbackUrl(fallbackUrl);
    input.fallbackUrl = fallbackUrl;
  }
  readCallbackDelivery(body, RESOURCE, input);
  const tag = optionalString(body, 'tag', RESOURCE);
  if (tag !== undefined) input.tag = tag;
}

function invalidNumber(key: string, value: string) {
  return apiError(400, 'bad-request', 'validation-error', 'Invalid phone number', [
    { name: key, value },
  ]);
}
