import {
  type PagedIterable,
  type RequestOptions,
  requireKeys,
  requireNumber,
  type Transport,
} from '@bw/core/internal';
import { callPath } from './paths';
import type {
  Call,
  CreateCallOptions,
  ListCallsOptions,
  TransferCallOptions,
  UpdateCallOptions,
} from './types';

/**
 * The call methods of `VoiceClient`: create, inspect, answer, reject, hang up, transfer,
 * and switch recording. Every state change is a `POST ~/calls/{callId}`.
 */
export abstract class CallMethods {
  declare protected readonly transport: Transport;

  /**
   * Lists the account's calls, newest first unless `sortOrder` says otherwise.
   * Lazy: nothing is sent until iteration starts.
   */
  listCalls(opts?: ListCallsOptions, requestOptions?: RequestOptions): PagedIterable<Call> {
    return this.transport.paged<Call>(
      { method: 'GET', path: this.transport.userPath('calls'), query: opts },
      requestOptions,
    );
  }

  /**
   * Places an outbound call. `from` and `to` are required.
   *
   * Events about the call go to `callbackUrl`, as a JSON POST by default. To drive the call with
   * BXML (the answer of the `answer`, `gather`, `redirect` and `transferComplete` callbacks), set
   * `callbackHttpMethod: 'GET'`: BXML only runs on GET callbacks, and BXML answered to a POST is
   * ignored by the platform.
   * @returns the new call's id.
   */
  async createCall(opts: CreateCallOptions, requestOptions?: RequestOptions): Promise<string> {
    requireKeys('createCall options', opts, ['from', 'to']);
    return this.transport.locationId(
      { method: 'POST', path: this.transport.userPath('calls'), json: opts },
      requestOptions,
    );
  }

  /** Fetches one call. */
  async getCall(callId: string, requestOptions?: RequestOptions): Promise<Call> {
    return this.transport.json<Call>(
      { method: 'GET', path: callPath(this.transport, callId) },
      requestOptions,
    );
  }

  /**
   * Changes a call: its state, recording, or a transfer.
   * @returns the id of the new call when the API answers with a `Location` (a transfer), else `undefined`.
   */
  async updateCall(
    callId: string,
    opts: UpdateCallOptions,
    requestOptions?: RequestOptions,
  ): Promise<string | undefined> {
    return this.transport.optionalLocationId(
      { method: 'POST', path: callPath(this.transport, callId), json: opts },
      requestOptions,
    );
  }

  /** Answers an incoming call (`state: 'active'`). */
  async answerCall(callId: string, requestOptions?: RequestOptions): Promise<void> {
    return postCall(this.transport, callId, { state: 'active' }, requestOptions);
  }

  /** Rejects an incoming call (`state: 'rejected'`). */
  async rejectCall(callId: string, requestOptions?: RequestOptions): Promise<void> {
    return postCall(this.transport, callId, { state: 'rejected' }, requestOptions);
  }

  /** Hangs up a call (`state: 'completed'`). */
  async hangupCall(callId: string, requestOptions?: RequestOptions): Promise<void> {
    return postCall(this.transport, callId, { state: 'completed' }, requestOptions);
  }

  /**
   * Transfers an active call to `transferTo` (`state: 'transferring'`).
   * @returns the id of the new call leg, from the response's `Location`; `undefined` if it has none.
   */
  async transferCall(
    callId: string,
    opts: TransferCallOptions,
    requestOptions?: RequestOptions,
  ): Promise<string | undefined> {
    const path = callPath(this.transport, callId);
    requireKeys('transferCall options', opts, ['transferTo']);
    return this.transport.optionalLocationId(
      { method: 'POST', path, json: { ...opts, state: 'transferring' } },
      requestOptions,
    );
  }

  /** Starts recording a call. */
  async enableCallRecording(callId: string, requestOptions?: RequestOptions): Promise<void> {
    return postCall(this.transport, callId, { recordingEnabled: true }, requestOptions);
  }

  /** Stops recording a call. */
  async disableCallRecording(callId: string, requestOptions?: RequestOptions): Promise<void> {
    return postCall(this.transport, callId, { recordingEnabled: false }, requestOptions);
  }

  /**
   * Reads the call and sets `recordingEnabled` to the opposite. Two requests, so not atomic.
   * @returns the value it sent: `true` when recording is now on.
   */
  async toggleCallRecording(callId: string, requestOptions?: RequestOptions): Promise<boolean> {
    const call = await this.getCall(callId, requestOptions);
    const recordingEnabled = !(call.recordingEnabled === true);
    await postCall(this.transport, callId, { recordingEnabled }, requestOptions);
    return recordingEnabled;
  }

  /** Sets the longest recording of a call, in seconds. Changing it mid-recording is a 409. */
  async setCallMaxRecordingDuration(
    callId: string,
    recordingMaxDuration: number,
    requestOptions?: RequestOptions,
  ): Promise<void> {
    const path = callPath(this.transport, callId);
    const seconds = requireNumber('recordingMaxDuration', recordingMaxDuration);
    return this.transport.noContent(
      { method: 'POST', path, json: { recordingMaxDuration: seconds } },
      requestOptions,
    );
  }
}

/** Posts a fixed change to `~/calls/{callId}`. */
function postCall(
  transport: Transport,
  callId: string,
  body: UpdateCallOptions,
  requestOptions: RequestOptions | undefined,
): Promise<void> {
  return transport.noContent(
    { method: 'POST', path: callPath(transport, callId), json: body },
    requestOptions,
  );
}
