// A VoiceClient talking to @bw/emulator, plus the shared callback sink
// (test-support/callback-receiver.ts) that receives the emulator's callbacks exactly as an app
// would, so that tests can check both the effect of each method and the events it causes.
import { type Emulator, type EmulatorOptions, startEmulator } from '@bw/emulator';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { type CallbackSink, startCallbackSink } from '../../../../test-support/callback-receiver';
import { startEmulatorFixture } from '../../../../test-support/emulator';
import { type CreateCallOptions, VoiceClient } from '../../src/index';

export type { Delivery } from '../../../../test-support/callback-receiver';

/** Numbers the test user owns. */
export const OWNED = '+19195551212';
export const OWNED_2 = '+19195551313';
/** A number nobody owns (the far end). */
export const FAR_END = '+14045550100';

/** What a test file works with. */
export interface VoiceFixture {
  emulator: Emulator;
  client: VoiceClient;
  sink: CallbackSink;
  /** The sink's URL for `path` (default `/events`). */
  callbackUrl(path?: string): string;
  /** A call from the owned number to the far end with the sink as callback; its id. */
  placeCall(options?: Partial<CreateCallOptions>): Promise<string>;
  /** A call answered by the far end; resolves once the app got `answer`. */
  activeCall(options?: Partial<CreateCallOptions>): Promise<string>;
  /** Waits for an event with these field values. */
  waitFor(fields: Record<string, unknown>, timeoutMs?: number): Promise<Record<string, unknown>>;
  /** The emulator's own view of the user's voice state (`GET /_emulator/state`). */
  voiceState(): Promise<VoiceStateSnapshot>;
}

/** The `voice` part of the emulator's state snapshot. */
export interface VoiceStateSnapshot {
  calls: Array<Record<string, unknown> & { id: string }>;
  gathers: Array<Record<string, unknown> & { id: string }>;
  recordings: Array<Record<string, unknown> & { id: string }>;
  transcriptions: Array<Record<string, unknown> & { id: string }>;
  bridges: Array<Record<string, unknown> & { id: string }>;
  conferences: Array<Record<string, unknown> & { id: string }>;
  members: Array<Record<string, unknown> & { id: string }>;
}

/**
 * Registers the hooks of a file-wide fixture: one emulator (speed 100, the far end answers
 * only when told) and one sink; each test starts from a reset emulator and an empty sink.
 */
export function useVoiceFixture(options: EmulatorOptions = {}): VoiceFixture {
  const fixture = {} as VoiceFixture;
  beforeAll(async () => {
    const { emulator } = await startEmulatorFixture(
      startEmulator,
      { name: 'voice', numbers: [OWNED, OWNED_2] },
      { autoAnswer: 'never', ...options },
    );
    const sink = await startCallbackSink();
    const client = new VoiceClient({ ...emulator.credentials, baseUrl: emulator.url });
    const callbackUrl = (path = '/events') => `${sink.url}${path}`;
    const waitFor = async (fields: Record<string, unknown>, timeoutMs?: number) =>
      (await sink.next(fields, timeoutMs)).event;
    const placeCall = (extra: Partial<CreateCallOptions> = {}) =>
      client.createCall({ from: OWNED, to: FAR_END, callbackUrl: callbackUrl(), ...extra });
    Object.assign(fixture, {
      emulator,
      client,
      sink,
      callbackUrl,
      waitFor,
      placeCall,
      async activeCall(extra: Partial<CreateCallOptions> = {}) {
        const callId = await placeCall(extra);
        await emulator.control.answerCall(callId);
        await waitFor({ callId, eventType: 'answer' });
        return callId;
      },
      async voiceState() {
        const state = await emulator.control.state();
        return state.voice as VoiceStateSnapshot;
      },
    } satisfies VoiceFixture);
  });
  beforeEach(async () => {
    await fixture.emulator.control.reset();
    fixture.sink.clear();
  });
  afterAll(async () => {
    await fixture.emulator?.close();
    await fixture.sink?.close();
  });
  return fixture;
}

/** Collects an async iterable (a `PagedIterable`) into an array. */
export async function all<T>(items: AsyncIterable<T>): Promise<T[]> {
  const collected: T[] = [];
  for await (const item of items) collected.push(item);
  return collected;
}
