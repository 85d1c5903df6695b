import { type RequestOptions, requireKeys, type Transport } from '@bw/core/internal';
import { callPath } from './paths';
import type { SendDtmfOptions } from './types';

/** DTMF on a call: `POST ~/calls/{callId}/dtmf`. A call's audio methods are in `audio.ts`. */
export abstract class CallDtmfMethods {
  declare protected readonly transport: Transport;

  /** Sends DTMF tones (`dtmfOut`, required) on a call. */
  async sendDtmfToCall(
    callId: string,
    opts: SendDtmfOptions,
    requestOptions?: RequestOptions,
  ): Promise<void> {
    const path = callPath(this.transport, callId, 'dtmf');
    requireKeys('sendDtmfToCall options', opts, ['dtmfOut']);
    return this.transport.noContent({ method: 'POST', path, json: opts }, requestOptions);
  }
}
