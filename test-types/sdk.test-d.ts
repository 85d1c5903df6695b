import type { AccountClient } from '@bw/account';
import type * as bxmlPackage from '@bw/bxml';
import type { MessagingClient } from '@bw/messaging';
import type * as messagingCallbacks from '@bw/messaging/callbacks';
import { account, bxml, type ClientOptions, client, messaging, voice } from '@bw/sdk';
import type { VoiceClient } from '@bw/voice';
import type * as voiceCallbacks from '@bw/voice/callbacks';
import { describe, expectTypeOf, test } from 'vitest';

describe('client() overloads', () => {
  test('a literal name gives that client', () => {
    expectTypeOf(client('voice')).toEqualTypeOf<VoiceClient>();
    expectTypeOf(client('messaging', 'u-1', 't-1', 's-1')).toEqualTypeOf<MessagingClient>();
    expectTypeOf(
      client('account', undefined, undefined, undefined, { timeout: 1 }),
    ).toEqualTypeOf<AccountClient>();
  });

  test('a name only known at run time gives the union', () => {
    const name: string = 'VOICE';
    expectTypeOf(client(name)).toEqualTypeOf<VoiceClient | MessagingClient | AccountClient>();
  });

  test('every client, whichever the name, can load its transport ahead: ready() is a Promise<void>', () => {
    const name: string = 'voice';
    expectTypeOf(client(name).ready()).toEqualTypeOf<Promise<void>>();
    expectTypeOf(client('account').ready).parameters.toEqualTypeOf<[]>();
  });

  test('options are the shared ClientOptions', () => {
    expectTypeOf(client).parameter(4).toEqualTypeOf<ClientOptions | undefined>();
    expectTypeOf(client).toBeCallableWith('voice', 'u', 't', 's', {
      baseUrl: 'http://127.0.0.1:1',
    });
    // @ts-expect-error: timeout is a number of milliseconds
    client('voice', 'u', 't', 's', { timeout: 'soon' });
  });
});

describe('namespaces re-export the packages', () => {
  test('messaging, voice, account and bxml are the packages themselves', () => {
    expectTypeOf(messaging.MessagingClient).toEqualTypeOf<typeof MessagingClient>();
    expectTypeOf(voice.VoiceClient).toEqualTypeOf<typeof VoiceClient>();
    expectTypeOf(account.AccountClient).toEqualTypeOf<typeof AccountClient>();
    expectTypeOf(bxml.response).toEqualTypeOf<typeof bxmlPackage.response>();
  });

  test('messaging and voice also hold their callbacks entries, values and types', () => {
    expectTypeOf(messaging.parseMessageEvent).toEqualTypeOf<
      typeof messagingCallbacks.parseMessageEvent
    >();
    expectTypeOf<messaging.SmsEvent>().toEqualTypeOf<messagingCallbacks.SmsEvent>();
    expectTypeOf(voice.createVoiceCallbackHandler).toEqualTypeOf<
      typeof voiceCallbacks.createVoiceCallbackHandler
    >();
    expectTypeOf<voice.VoiceEvent>().toEqualTypeOf<voiceCallbacks.VoiceEvent>();
  });
});
