import type { BxmlVerbTraceEntry, EmulatorControl } from '@bw/emulator';

/** Options of {@link waitForVerb}. */
export interface WaitForVerbOptions {
  /** Give up after this many ms (real time). Default 10000. */
  timeoutMs?: number;
}

/**
 * Resolves with the first BXML verb of a call's emulator trace that satisfies `matches`
 * (e.g. the menu's `Gather` while it is `running`). The emulator answers as soon as the trace
 * changes (a long poll), so this reacts the moment the verb starts or ends.
 */
export function waitForVerb(
  control: EmulatorControl,
  callId: string,
  matches: (verb: BxmlVerbTraceEntry) => boolean,
  options: WaitForVerbOptions = {},
): Promise<BxmlVerbTraceEntry> {
  return control.waitForTrace(callId, matches, {
    type: 'verb',
    timeout: options.timeoutMs ?? 10_000,
  });
}
