import { ConfigurationError } from './errors';
import { Transport } from './transport';
import type { ClientConfig, ClientOptions } from './types';

const credentialVariables = {
  userId: 'BANDWIDTH_USER_ID',
  apiToken: 'BANDWIDTH_API_TOKEN',
  apiSecret: 'BANDWIDTH_API_SECRET',
} as const;

type CredentialName = keyof typeof credentialVariables;

function environment(): Record<string, string | undefined> {
  return (
    (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env ?? {}
  );
}

/**
 * Base class of every client (`MessagingClient`, `VoiceClient`, `AccountClient`). Resolves the
 * credentials (argument, then environment) and builds the transport; the token and secret live
 * only inside it.
 */
export abstract class BaseClient {
  /** The Bandwidth user id all user paths are built with. */
  readonly userId: string;
  /** @internal The transport service methods are written against (from `@bw/core/internal`). */
  protected readonly transport: Transport;

  /** Positional form: credentials (each falling back to its environment variable), then options. */
  constructor(userId?: string, apiToken?: string, apiSecret?: string, options?: ClientOptions);
  /** Config-object form. */
  constructor(config?: ClientConfig);
  constructor(
    first?: string | ClientConfig,
    apiToken?: string,
    apiSecret?: string,
    options?: ClientOptions,
  ) {
    const config: ClientConfig =
      first !== null && typeof first === 'object'
        ? first
        : { ...options, userId: first, apiToken, apiSecret };
    const env = environment();
    const resolved = {} as Record<CredentialName, string>;
    const missing: string[] = [];
    for (const [name, variable] of Object.entries(credentialVariables) as [
      CredentialName,
      string,
    ][]) {
      const value = [config[name], env[variable]].find(
        (item) => typeof item === 'string' && item !== '',
      );
      if (value === undefined) missing.push(`${name} (${variable})`);
      else resolved[name] = value;
    }
    if (missing.length > 0) {
      throw new ConfigurationError(`Missing Bandwidth credentials: ${missing.join(', ')}`);
    }
    this.transport = new Transport({ ...config, ...resolved });
    this.userId = resolved.userId;
  }

  /**
   * Resolves once the client sends over the platform's own HTTP engine. On Node.js a client's
   * first requests go over `node:http` while undici (faster per request) loads in the background
   * after the first answer, ~80 ms of the thread's time on Node 20 wherever it lands; `await
   * client.ready()` loads it now, e.g. while a server starts, so that it does not land in the
   * first burst of requests. Shared by every client of the process. Resolves at once with a
   * `fetch` option or on other runtimes; never rejects (if undici cannot load, requests stay on
   * `node:http`).
   */
  ready(): Promise<void> {
    return this.transport.ready();
  }

  /** Secret-free summary: class, user id, base URL and API version. */
  toJSON(): Record<string, unknown> {
    return { client: this.constructor.name, ...this.transport.toJSON() };
  }
}
