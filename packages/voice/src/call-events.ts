import type { PagedIterable, RequestOptions, Transport } from '@bw/core/internal';
import { callEventPath, callPath } from './paths';
import type { CallEvent } from './types';

/** The event log of a call (`~/calls/{callId}/events`). */
export abstract class CallEventMethods {
  declare protected readonly transport: Transport;

  /** Lists a call's events (create, answer, playback, hangup …). Lazy. */
  listCallEvents(callId: string, requestOptions?: RequestOptions): PagedIterable<CallEvent> {
    return this.transport.paged<CallEvent>(
      () => ({ method: 'GET', path: callPath(this.transport, callId, 'events') }),
      requestOptions,
    );
  }

  /** Fetches one event of a call. */
  async getCallEvent(
    callId: string,
    eventId: string,
    requestOptions?: RequestOptions,
  ): Promise<CallEvent> {
    const path = callEventPath(this.transport, callId, eventId);
    return this.transport.json<CallEvent>({ method: 'GET', path }, requestOptions);
  }
}
