import { type ListenOptions, listen } from '@bw/app-kit';
import { type Logger, messaging } from '@bw/sdk';

/** An inbound text and the reply sent to it. */
export interface AutoReply {
  /** The inbound message event. */
  inbound: messaging.SmsEvent | messaging.MmsEvent;
  /** The id of the reply message. */
  replyId: string;
  /** The reply's text. */
  text: string;
}

/** Options of {@link createAutoReplyApp}. */
export interface AutoReplyAppOptions {
  /** The client replies are sent with. */
  messaging: messaging.MessagingClient;
  /** The reply to an inbound message. Default: `Thanks for your message! You said: "…"`. */
  reply?: (inbound: messaging.SmsEvent | messaging.MmsEvent) => string;
  /** Where the server listens. Default: a free local port. */
  server?: ListenOptions;
  /** Sees every callback event: inbound messages and the state events of the replies. */
  onEvent?: (event: messaging.MessagingEvent) => void;
  /** Sees every reply once it is accepted by the API. */
  onReply?: (reply: AutoReply) => void;
  /** Receives handler failures (bad requests, a reply the API refused). */
  logger?: Logger;
}

/** A running auto-reply server. */
export interface AutoReplyApp {
  /** Base URL of the server. */
  readonly url: string;
  /** The URL to set as the application's `incomingMessageUrl`. */
  readonly incomingMessageUrl: string;
  /** Replies sent so far, oldest first. */
  readonly replies: readonly AutoReply[];
  /** Stops the server. */
  close(): Promise<void>;
}

/** The reply used when none is configured. */
export function defaultReply(inbound: messaging.SmsEvent | messaging.MmsEvent): string {
  const said = inbound.text?.trim();
  return said ? `Thanks for your message! You said: "${said}"` : 'Thanks for your message!';
}

function isInbound(
  event: messaging.MessagingEvent,
): event is messaging.SmsEvent | messaging.MmsEvent {
  return (
    (event.eventType === 'sms' || event.eventType === 'mms') &&
    event.direction === 'in' &&
    (event.state === undefined || event.state === 'received')
  );
}

/**
 * Starts a server for an application's `incomingMessageUrl` that answers each inbound SMS or
 * MMS with a text from the number it was sent to. The replies' own state events come back to
 * the same server and are only passed to `onEvent`, so a reply is never answered.
 */
export async function createAutoReplyApp(options: AutoReplyAppOptions): Promise<AutoReplyApp> {
  const replies: AutoReply[] = [];
  const reply = options.reply ?? defaultReply;
  let statusUrl = '';
  const handler = messaging.createMessagingCallbackHandler({
    logger: options.logger,
    onEvent: async (event) => {
      options.onEvent?.(event);
      if (!isInbound(event) || !event.from || !event.to) return;
      const text = reply(event);
      // Answered before the callback returns: a refusal becomes a 500 the platform logs.
      const replyId = await options.messaging.sendMessage({
        from: event.to,
        to: event.from,
        text,
        callbackUrl: statusUrl,
        tag: event.messageId ? `reply-to:${event.messageId}` : undefined,
      });
      const sent: AutoReply = { inbound: event, replyId, text };
      replies.push(sent);
      options.onReply?.(sent);
    },
  });
  // The client's HTTP engine loads before the first text arrives, not while it is answered.
  await options.messaging.ready();
  const server = await listen(handler.node, options.server);
  statusUrl = `${server.url}/reply-status`;
  return {
    url: server.url,
    incomingMessageUrl: `${server.url}/messages`,
    replies,
    close: () => server.close(),
  };
}
