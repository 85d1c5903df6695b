import type { PagedIterable, RequestOptions, SizeOptions, Transport } from '@bw/core/internal';
import { bridgePath } from './paths';
import type { Bridge, Call, CreateBridgeOptions, UpdateBridgeOptions } from './types';

/** Bridges (`~/bridges`): up to two calls joined. Their audio methods are in `audio.ts`. */
export abstract class BridgeMethods {
  declare protected readonly transport: Transport;

  /** Lists the account's bridges. Lazy. */
  listBridges(opts?: SizeOptions, requestOptions?: RequestOptions): PagedIterable<Bridge> {
    return this.transport.paged<Bridge>(
      { method: 'GET', path: this.transport.userPath('bridges'), query: opts },
      requestOptions,
    );
  }

  /**
   * Creates a bridge, optionally with up to two calls (`callIds`). Sends `{}` when `opts` is
   * omitted.
   * @returns the bridge's id.
   */
  async createBridge(opts?: CreateBridgeOptions, requestOptions?: RequestOptions): Promise<string> {
    return this.transport.locationId(
      { method: 'POST', path: this.transport.userPath('bridges'), json: opts ?? {} },
      requestOptions,
    );
  }

  /** Fetches one bridge. */
  async getBridge(bridgeId: string, requestOptions?: RequestOptions): Promise<Bridge> {
    return this.transport.json<Bridge>(
      { method: 'GET', path: bridgePath(this.transport, bridgeId) },
      requestOptions,
    );
  }

  /**
   * Changes a bridge: `bridgeAudio: false` holds it; `callIds` replaces the whole set of calls
   * (`[]` removes them all).
   */
  async updateBridge(
    bridgeId: string,
    opts: UpdateBridgeOptions,
    requestOptions?: RequestOptions,
  ): Promise<void> {
    return this.transport.noContent(
      { method: 'POST', path: bridgePath(this.transport, bridgeId), json: opts },
      requestOptions,
    );
  }

  /** Lists the calls in a bridge. Lazy. */
  listBridgeCalls(bridgeId: string, requestOptions?: RequestOptions): PagedIterable<Call> {
    return this.transport.paged<Call>(
      () => ({ method: 'GET', path: bridgePath(this.transport, bridgeId, 'calls') }),
      requestOptions,
    );
  }
}
