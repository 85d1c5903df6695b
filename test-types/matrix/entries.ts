// Every entry in use: the umbrella, each client, the callback entries, BXML and the emulator,
// under `strict` + `exactOptionalPropertyTypes`.
import { AccountClient } from '@bw/account';
import { BxmlBuilder, response, speakSentence, toXml } from '@bw/bxml';
import { NotFoundError, type PagedIterable } from '@bw/core';
import { toNodeListener, verifyBasicAuth } from '@bw/core/callbacks';
import { startEmulator } from '@bw/emulator';
import { type Message, MessagingClient } from '@bw/messaging';
import { type MessagingEvent, parseMessageEvent } from '@bw/messaging/callbacks';
import { account, bxml, client, type messaging, voice } from '@bw/sdk';
import { parseMessageEvent as parseFromSdk } from '@bw/sdk/messaging';
import { createVoiceCallbackHandler as handlerFromSdk } from '@bw/sdk/voice';
import { type Call, VoiceClient } from '@bw/voice';
import { parseVoiceEvent, type VoiceEvent } from '@bw/voice/callbacks';

export async function everyEntry(request: Request): Promise<string[]> {
  const emulator = await startEmulator({ speed: 100, seed: 1 });
  const options = { ...emulator.credentials, baseUrl: emulator.url, timeout: 5_000 };
  const sms: MessagingClient = client('messaging', options.userId, undefined, undefined, {
    baseUrl: emulator.url,
  });
  const calls = new VoiceClient(options);
  const numbers = new AccountClient(options);
  const same: messaging.MessagingClient = new MessagingClient(options);
  const listed: PagedIterable<Message> = same.listMessages({ size: 10 });
  const recent: Call[] = await calls.listCalls().toArray({ limit: 5 });
  const owned = await new account.Client(options).listPhoneNumbers().toArray({ limit: 1 });
  try {
    await numbers.getAccount();
  } catch (error) {
    if (!(error instanceof NotFoundError)) throw error;
  }
  const messageEvent: MessagingEvent = await parseMessageEvent(request.clone());
  const sameEvent = await parseFromSdk(request.clone());
  const voiceEvent: VoiceEvent = await parseVoiceEvent(request);
  const answer = handlerFromSdk({
    onEvent: (event) =>
      event.eventType === 'answer'
        ? new BxmlBuilder().speakSentence('Hello').hangup()
        : toXml(response(speakSentence('Bye'))),
  });
  const listener = toNodeListener(answer);
  const allowed = verifyBasicAuth(request.headers.get('authorization'), {
    username: 'hook',
    password: 's3cret',
  });
  await emulator.close();
  void [sms, listed, owned, listener, allowed, voice.buildSentence('hi'), bxml.hangup()];
  return [messageEvent.eventType, sameEvent.eventType, voiceEvent.eventType, String(recent.length)];
}
