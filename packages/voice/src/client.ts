import { RecordingsApi } from './recordings';

/**
 * The client of Bandwidth's v1 voice API: calls, call audio and DTMF, gathers, call events,
 * bridges, conferences and their members, recordings and transcriptions (64 methods).
 *
 * Credentials come from the arguments or from `BANDWIDTH_USER_ID`, `BANDWIDTH_API_TOKEN` and
 * `BANDWIDTH_API_SECRET`. Every method returns a `Promise` (argument errors arrive as rejections)
 * except the `list*` methods, which return a lazy `PagedIterable`. Every method takes an optional
 * last `RequestOptions` argument (`signal`, `timeout`, `headers`, `retry`).
 *
 * @example
 * ```ts
 * const client = new VoiceClient('u-123', 't-abc', 's-xyz');
 * const callId = await client.createCall({ from: '+19195551212', to: '+19195553434' });
 * await client.speakSentenceToCall(callId, 'Hello from Bandwidth');
 * for await (const event of client.listCallEvents(callId)) console.log(event.name);
 * ```
 */
export class VoiceClient extends RecordingsApi {}
