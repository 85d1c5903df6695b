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
  /**
   * Stops listening; requests in progress still get their answer, then every connection is
   * closed (idle keep-alive ones at once; a request not finished within 2 s is cut off).
   */
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
  // A request still being answered when `close()` is called gets its answer; its connection is
  // closed as soon as that answer is written, like every idle keep-alive connection.
  server.on('request', (_request, response) => {
    response.once('finish', () => {
      if (closing) setImmediate(() => server.closeIdleConnections());
    });
  });
  return {
    url: options.publicUrl ? options.publicUrl.replace(/\/+$/, '') : localUrl,
    localUrl,
    port,
    close() {
      closing ??= new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeIdleConnections();
        // A client that never finishes its request must not hold the process open.
        const force = setTimeout(() => server.closeAllConnections(), 2000);
        force.unref();
        server.once('close', () => clearTimeout(force));
      });
      return closing;
    },
  };
}
