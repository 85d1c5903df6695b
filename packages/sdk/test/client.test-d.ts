import { describe, expectTypeOf, test } from 'vitest';
import {
  type AnyClient,
  account,
  type ClientOptions,
  client,
  messaging,
  voice,
} from '../src/index';

describe('client() overloads', () => {
  test('a literal name gives the exact client type', () => {
    expectTypeOf(client('voice')).toEqualTypeOf<voice.VoiceClient>();
    expectTypeOf(client('messaging', 'u-1', 't', 's')).toEqualTypeOf<messaging.MessagingClient>();
    expectTypeOf(
      client('account', undefined, undefined, undefined, { baseUrl: 'http://127.0.0.1:4010' }),
    ).toEqualTypeOf<account.AccountClient>();
  });

  test('any other string gives the union of the three clients', () => {
    const name: string = 'VOICE';
    expectTypeOf(client(name)).toEqualTypeOf<AnyClient>();
    expectTypeOf<AnyClient>().toEqualTypeOf<
      voice.VoiceClient | messaging.MessagingClient | account.AccountClient
    >();
  });

  test('methods of the chosen client are reachable without a cast', () => {
    expectTypeOf(client('messaging').sendMessage).returns.toEqualTypeOf<Promise<string>>();
    expectTypeOf(client('voice').createCall).toBeFunction();
    // @ts-expect-error: sendMessage is a messaging method, not a voice one
    client('voice').sendMessage;
  });

  test('arguments are the positional credentials, then ClientOptions', () => {
    expectTypeOf(client).toBeCallableWith('voice', 'u-1', 't', 's', { timeout: 1000 });
    expectTypeOf(client).parameter(4).toEqualTypeOf<ClientOptions | undefined>();
    // @ts-expect-error: the factory takes positional credentials, not a config object
    client('voice', { userId: 'u-1' });
    // @ts-expect-error: options must be ClientOptions
    client('voice', 'u-1', 't', 's', { baseUrl: 42 });
  });
});

describe('namespaces', () => {
  test('each namespace holds its package, Client alias included', () => {
    expectTypeOf(new messaging.Client()).toEqualTypeOf<messaging.MessagingClient>();
    expectTypeOf(new voice.Client()).toEqualTypeOf<voice.VoiceClient>();
    expectTypeOf(new account.Client()).toEqualTypeOf<account.AccountClient>();
    expectTypeOf<messaging.SmsEvent['eventType']>().toEqualTypeOf<'sms'>();
  });
});
