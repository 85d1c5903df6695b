// The application every framework test mounts: a messaging and a voice callback handler behind
// Basic credentials, reporting what they received, the voice one answering with BXML.
import { BxmlBuilder } from '@bw/bxml';
import type { Logger } from '@bw/messaging';
import { createMessagingCallbackHandler, type MessagingEvent } from '@bw/messaging/callbacks';
import { createVoiceCallbackHandler, type VoiceEvent } from '@bw/voice/callbacks';

/** The credentials the callback URLs carry (`https://user:pass@host/…`). */
export const CREDENTIALS = { username: 'hooks', password: 's3cret:pass' } as const;

/** What the app reports, in the order it happens. */
export type AppReport =
  | { kind: 'messaging'; event: MessagingEvent }
  | { kind: 'voice'; event: VoiceEvent }
  | { kind: 'rejected'; status: number };

/** The sentence the voice handler answers an `answer` callback with. */
export function greeting(framework: string): string {
  return `Hello from ${framework}`;
}

/** Both handlers, each a Fetch handler with `.node`. */
export function createApp(framework: string, report: (entry: AppReport) => void) {
  const logger: Logger = {
    debug: () => undefined,
    info: () => undefined,
    warn: (_message, fields) => {
      const status = fields?.status;
      if (typeof status === 'number') report({ kind: 'rejected', status });
    },
    error: () => undefined,
  };
  const messaging = createMessagingCallbackHandler({
    credentials: CREDENTIALS,
    logger,
    onEvent: (event) => report({ kind: 'messaging', event }),
  });
  const voice = createVoiceCallbackHandler({
    credentials: CREDENTIALS,
    logger,
    onEvent: (event) => {
      report({ kind: 'voice', event });
      if (event.eventType === 'answer') {
        return new BxmlBuilder().speakSentence(greeting(framework)).hangup();
      }
      return undefined;
    },
  });
  return { messaging, voice };
}
