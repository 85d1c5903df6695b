import type {
  ListMessagesOptions,
  Message,
  PagedIterable,
  RequestOptions,
  SendMessageOptions,
} from '@bw/messaging';

/** What the sender needs of a messaging client: `MessagingClient` (or `client('messaging')`). */
export interface BulkMessagingClient {
  /** `POST ~/messages`; resolves with the message id. */
  sendMessage(options: SendMessageOptions, requestOptions?: RequestOptions): Promise<string>;
  /** `GET ~/messages`, every page. */
  listMessages(
    options?: ListMessagesOptions,
    requestOptions?: RequestOptions,
  ): PagedIterable<Message>;
  /** Loads the client's HTTP engine now (`MessagingClient.ready()`): awaited by `start()`. */
  ready?(): Promise<void>;
}
