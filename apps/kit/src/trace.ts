import type { BxmlVerbTraceEntry, EmulatorControl } from '@bw/emulator';

/** Options of {@link waitForVerb}. */
export interface WaitForVerbOptions {
  /** Give up after this many ms (real time). Default 10000. */
  timeoutMs?: number;
  /** Pause between two reads of the trace, ms. Default 10. */
  intervalMs?: number;
}

/**
 * Resolves with the first BXML verb of a call's emulator trace that satisfies `matches`
 * (e.g. the menu's `Gather` while it is `running`). The emulator offers no event for a verb
 * starting, so the trace is read again every `intervalMs` until it shows one or time is up.
 */
export async function waitForVerb(
  control: EmulatorControl,
  callId: string,
  matches: (verb: BxmlVerbTraceEntry) => boolean,
  options: WaitForVerbOptions = {},
): Promise<BxmlVerbTraceEntry> {
  const timeoutMs = options.timeoutMs ?? 10_000;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const verb = (await control.trace(callId, { type: 'verb' })).find(matches);
    if (verb) return verb;
    if (Date.now() >= deadline) {
      throw new Error(`No matching BXML verb on call ${callId} within ${timeoutMs} ms`);
    }
    await new Promise((resolve) => setTimeout(resolve, options.intervalMs ?? 10));
  }
}
