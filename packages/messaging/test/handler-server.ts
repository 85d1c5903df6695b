import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { CallbackHandler } from '../src/callbacks';

/** A `node:http` server on 127.0.0.1 (free port) serving a callback handler through `handler.node`. */
export interface HandlerServer {
  url: string;
  /** `url` with `user:password@` in it, as Bandwidth callback URLs carry Basic credentials. */
  urlWith(username: string, password: string): string;
  close(): Promise<void>;
}

export async function serveHandler(handler: CallbackHandler): Promise<HandlerServer> {
  const server = createServer(handler.node);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    urlWith: (username, password) =>
      `http://${encodeURIComponent(username)}:${encodeURIComponent(password)}@127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

/** Collects events and lets a test await the first one that matches. */
export class EventInbox<E> {
  readonly events: E[] = [];
  #waiters: Array<{ match: (event: E) => boolean; resolve: (event: E) => void }> = [];

  readonly push = (event: E): void => {
    this.events.push(event);
    this.#waiters = this.#waiters.filter((waiter) => {
      if (!waiter.match(event)) return true;
      waiter.resolve(event);
      return false;
    });
  };

  /** The first event, already received or still to come, that `match` accepts. */
  next(match: (event: E) => boolean): Promise<E> {
    const found = this.events.find(match);
    if (found) return Promise.resolve(found);
    return new Promise((resolve) => this.#waiters.push({ match, resolve }));
  }
}
