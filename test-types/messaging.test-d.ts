import {
  type ApiError,
  type BandwidthError,
  Client,
  type Message,
  MessagingClient,
  type PagedIterable,
  type SendMessageResult,
} from '@bw/messaging';
import {
  type MessagingEvent,
  type MmsEvent,
  parseMessageEvent,
  type SmsEvent,
  type UnknownMessageEvent,
} from '@bw/messaging/callbacks';
import { describe, expectTypeOf, test } from 'vitest';

declare const event: MessagingEvent;
declare const client: MessagingClient;

describe('message events narrow on eventType', () => {
  test('each case of a switch sees exactly its own event', () => {
    switch (event.eventType) {
      case 'sms':
        expectTypeOf(event).toEqualTypeOf<SmsEvent>();
        break;
      case 'mms':
        expectTypeOf(event).toEqualTypeOf<MmsEvent>();
        break;
      case 'unknown':
        expectTypeOf(event).toEqualTypeOf<UnknownMessageEvent>();
        expectTypeOf(event.rawEventType).toEqualTypeOf<string>();
        break;
      default:
        expectTypeOf(event).toBeNever();
    }
  });

  test('the discriminant is a closed set, so a typo is a compile error', () => {
    expectTypeOf<MessagingEvent['eventType']>().toEqualTypeOf<'sms' | 'mms' | 'unknown'>();
    // @ts-expect-error: 'SMS' is not an eventType; the comparison can never be true
    if (event.eventType === 'SMS') return;
  });

  test('fields of a known event keep their declared types after narrowing', () => {
    if (event.eventType !== 'sms') return;
    expectTypeOf(event.segmentCount).toEqualTypeOf<number | undefined>();
    expectTypeOf(event.media).toEqualTypeOf<string[] | undefined>();
    // @ts-expect-error: a known event has no rawEventType
    event.rawEventType;
  });

  test('parseMessageEvent resolves to the union', () => {
    expectTypeOf(parseMessageEvent).returns.resolves.toEqualTypeOf<MessagingEvent>();
    expectTypeOf(parseMessageEvent).toBeCallableWith('eventType=sms&from=%2B1');
    expectTypeOf(parseMessageEvent).toBeCallableWith({ eventType: 'sms' });
  });
});

describe('MessagingClient', () => {
  test('Client is the same class', () => {
    expectTypeOf(Client).toEqualTypeOf<typeof MessagingClient>();
  });

  test('both constructor forms are accepted, credentials optional', () => {
    expectTypeOf(MessagingClient).toBeConstructibleWith('u-1', 't-1', 's-1');
    expectTypeOf(MessagingClient).toBeConstructibleWith();
    expectTypeOf(MessagingClient).toBeConstructibleWith({ userId: 'u-1', timeout: 5000 });
    expectTypeOf(client.userId).toEqualTypeOf<string>();
  });

  test('methods return what the surface promises', () => {
    expectTypeOf(client.sendMessage).returns.resolves.toEqualTypeOf<string>();
    expectTypeOf(client.getMessage).returns.resolves.toEqualTypeOf<Message>();
    expectTypeOf(client.redactMessage).returns.resolves.toEqualTypeOf<void>();
    expectTypeOf(client.listMessages).returns.toEqualTypeOf<PagedIterable<Message>>();
  });

  test('sendMessages keeps the caller’s own message type in each result', () => {
    const batch = [{ from: '+1', to: '+2', text: 'hi', tag: 'a' }];
    expectTypeOf(client.sendMessages(batch)).resolves.toEqualTypeOf<
      SendMessageResult<{ from: string; to: string; text: string; tag: string }>[]
    >();
  });

  test('required keys are required and option enums are closed', () => {
    // @ts-expect-error: text is required
    client.sendMessage({ from: '+1', to: '+2' });
    // @ts-expect-error: receiptRequested is 'none' | 'all' | 'error'
    client.sendMessage({ from: '+1', to: '+2', text: 'x', receiptRequested: 'sometimes' });
    // @ts-expect-error: direction filter is 'in' | 'out'
    client.listMessages({ direction: 'sideways' });
  });

  test('errors share the SDK hierarchy', () => {
    expectTypeOf<ApiError>().toExtend<BandwidthError>();
    expectTypeOf<ApiError['status']>().toEqualTypeOf<number>();
  });
});
