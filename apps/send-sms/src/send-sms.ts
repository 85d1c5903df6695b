import { Inbox, type ListenOptions, listen } from '@bw/app-kit';
import { messaging } from '@bw/sdk';

/** How {@link sendSms} learns the message's final state. */
export type WaitMode = 'callback' | 'poll';

/** Options of {@link sendSms}. */
export interface SendSmsOptions {
  /** The client to send with (`client('messaging', …)` or `new messaging.Client(…)`). */
  messaging: messaging.MessagingClient;
  /** An owned number, E.164. */
  from: string;
  /** The recipient, E.164. */
  to: string;
  /** Default `"Hello World"`. */
  text?: string;
  /**
   * `'callback'` (default): a callback server receives the message's state events, and the
   * message is final when an event says `sent` or `error`. `'poll'`: `getMessage` is asked with
   * growing pauses until the state is final; for machines the API cannot call back.
   */
  waitFor?: WaitMode;
  /** Where the callback server listens (`'callback'` mode). Default: a free local port. */
  callbackServer?: ListenOptions;
  /** Give up after this many ms. Default 30000. */
  timeoutMs?: number;
  /** Sees each state event of the message as it arrives (`'callback'` mode). */
  onEvent?: (event: messaging.MessagingEvent) => void;
}

/** What {@link sendSms} found out. */
export interface SendSmsResult {
  messageId: string;
  /** The final state: `sent` or `error`. */
  state: string;
  /** The message as `getMessage` reads it once final. */
  message: messaging.Message;
  /** The state events received (`'callback'` mode; empty when polling). */
  events: messaging.MessagingEvent[];
}

/** States after which a message does not change any more. */
const FINAL_STATES: ReadonlySet<string> = new Set(['sent', 'error']);

/** Sends one text and waits, within `timeoutMs`, until its state is final. */
export async function sendSms(options: SendSmsOptions): Promise<SendSmsResult> {
  const timeoutMs = options.timeoutMs ?? 30_000;
  const text = options.text ?? 'Hello World';
  if (options.waitFor === 'poll') {
    const messageId = await options.messaging.sendMessage({
      from: options.from,
      to: options.to,
      text,
    });
    const message = await pollUntilFinal(options.messaging, messageId, timeoutMs);
    return { messageId, state: String(message.state), message, events: [] };
  }

  const inbox = new Inbox<messaging.MessagingEvent>();
  const handler = messaging.createMessagingCallbackHandler({
    onEvent: (event) => {
      inbox.push(event);
      options.onEvent?.(event);
    },
  });
  const server = await listen(handler.node, options.callbackServer);
  try {
    const messageId = await options.messaging.sendMessage({
      from: options.from,
      to: options.to,
      text,
      callbackUrl: `${server.url}/message-status`,
    });
    const last = await inbox.next(
      (event) =>
        event.messageId === messageId && event.state !== undefined && FINAL_STATES.has(event.state),
      { timeoutMs, what: `the final state of message ${messageId}` },
    );
    const message = await options.messaging.getMessage(messageId);
    const events = inbox.received.filter((event) => event.messageId === messageId);
    return { messageId, state: String(last.state), message, events };
  } finally {
    await server.close();
  }
}

/** Reads the message with pauses of 100 ms, 200 ms … at most 2 s, until final or out of time. */
async function pollUntilFinal(
  client: messaging.MessagingClient,
  messageId: string,
  timeoutMs: number,
): Promise<messaging.Message> {
  const deadline = Date.now() + timeoutMs;
  for (let pause = 100; ; pause = Math.min(pause * 2, 2000)) {
    const message = await client.getMessage(messageId);
    if (message.state !== undefined && FINAL_STATES.has(message.state)) return message;
    const left = deadline - Date.now();
    if (left <= 0) {
      throw new Error(
        `Message ${messageId} is still ${message.state ?? 'without a state'} after ${timeoutMs} ms`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, Math.min(pause, left)));
  }
}
