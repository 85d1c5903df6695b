import { type RequestOptions, requireKeys, type Transport } from '@bw/core/internal';
import { callPath, gatherPath } from './paths';
import type { CreateGatherOptions, Gather, UpdateGatherOptions } from './types';

/** DTMF gathers on a call (`~/calls/{callId}/gather`). */
export abstract class GatherMethods {
  declare protected readonly transport: Transport;

  /**
   * Starts collecting digits on a call; the result arrives as a `gather` event. Sends `{}` when
   * `opts` is omitted. A second active gather on the same call is a 409.
   * @returns the gather's id.
   */
  async createCallGather(
    callId: string,
    opts?: CreateGatherOptions,
    requestOptions?: RequestOptions,
  ): Promise<string> {
    return this.transport.locationId(
      { method: 'POST', path: callPath(this.transport, callId, 'gather'), json: opts ?? {} },
      requestOptions,
    );
  }

  /** Fetches one gather of a call. */
  async getCallGather(
    callId: string,
    gatherId: string,
    requestOptions?: RequestOptions,
  ): Promise<Gather> {
    return this.transport.json<Gather>(
      { method: 'GET', path: gatherPath(this.transport, callId, gatherId) },
      requestOptions,
    );
  }

  /** Updates a gather; the only accepted change is `{ state: 'completed' }` (required). */
  async updateCallGather(
    callId: string,
    gatherId: string,
    opts: UpdateGatherOptions,
    requestOptions?: RequestOptions,
  ): Promise<void> {
    const path = gatherPath(this.transport, callId, gatherId);
    requireKeys('updateCallGather options', opts, ['state']);
    return this.transport.noContent({ method: 'POST', path, json: opts }, requestOptions);
  }

  /** Stops a gather (`state: 'completed'`). */
  async completeCallGather(
    callId: string,
    gatherId: string,
    requestOptions?: RequestOptions,
  ): Promise<void> {
    return this.transport.noContent(
      {
        method: 'POST',
        path: gatherPath(this.transport, callId, gatherId),
        json: { state: 'completed' },
      },
      requestOptions,
    );
  }
}
