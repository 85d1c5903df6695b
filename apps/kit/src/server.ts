import { createServer, type RequestListener } from 'node:http';
import type { AddressInfo } from 'node:net';

/** Where a callback server listens and how Bandwidth reaches it. */
export interface ListenOptions {
  /** Interface to listen on. Default `127.0.0.1`. */
  host?: string;
  /** Port to listen on. Default `0`: any free port. */
  port?: number;
  /**
   * The URL Bandwidth uses to reach this server when it is behind a tunnel or proxy
   * (`https://abc.example.ngrok.app`). Default: the local address.
   */
  publicUrl?: string;
}

/** A running HTTP server. */
export interface RunningServer {
  /** Base URL for callback URLs: `publicUrl` when given, else `http://host:port`. */
  readonly url: string;
  /** The local address, `http://host:port`. */
  readonly localUrl: string;
  /** The port actually bound. */
  readonly port: number;
  /** Stops listening and closes every open connection, idle keep-alive ones included. */
  close(): Promise<void>;
}

/**
 * Starts `listener` (a `node:http` listener such as a callback handler's `.node`) and resolves
 * once it accepts connections.
 */
export async function listen(
  listener: RequestListener,
  options: ListenOptions = {},
): Promise<RunningServer> {
  const host = options.host ?? '127.0.0.1';
  const server = createServer(listener);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const localUrl = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  let closing: Promise<void> | undefined;
  return {
    url: options.publicUrl ? options.publicUrl.replace(/\/+$/, '') : localUrl,
    localUrl,
    port,
    close() {
      closing ??= new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        // Keep-alive connections from the API would otherwise hold `close` open for seconds.
        server.closeAllConnections();
      });
      return closing;
    },
  };
}
