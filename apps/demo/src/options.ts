import type { FaultRule } from '@bw/emulator';

/** How the demo runs. */
export interface DemoOptions {
  /**
   * Time scale of the emulator: 20 (default) runs the whole story in a few seconds; 1 is real
   * time, for trying the apps by hand after `keep`.
   */
  speed?: number;
  /** Leave the emulator and the apps running after the story, and print how to reach them. */
  keep?: boolean;
  /** Where the timeline goes, one line per call. Default: `console.log`. */
  write?: (line: string) => void;
  /** Give up on any one step after this many ms (real time). Default 15000. */
  stepTimeoutMs?: number;
  /** Fault-injection rules for the emulator, to see how a failure is reported. */
  faults?: FaultRule[];
}

/** Reads `--keep`, `--speed <n>` and `--help` from the command line. */
export function parseArguments(argv: readonly string[]): DemoOptions & { help?: boolean } {
  const options: DemoOptions & { help?: boolean } = {};
  for (let index = 0; index < argv.length; index += 1) {
    const argument = argv[index];
    if (argument === '--keep') options.keep = true;
    else if (argument === '--help' || argument === '-h') options.help = true;
    else if (argument === '--speed' || argument?.startsWith('--speed=')) {
      const text = argument === '--speed' ? argv[++index] : argument.slice('--speed='.length);
      const speed = Number(text);
      if (!Number.isFinite(speed) || speed <= 0) {
        throw new Error(`--speed needs a positive number, not ${JSON.stringify(text ?? '')}`);
      }
      options.speed = speed;
    } else if (argument !== '--') {
      throw new Error(`Unknown option ${JSON.stringify(argument)} (try --help)`);
    }
  }
  return options;
}

/** What `--help` prints. */
export const USAGE = `pnpm demo [--keep] [--speed <n>]

Runs the @bw SDK end to end against a local emulator: an SMS is sent, an inbound SMS is answered
automatically, an outbound call speaks and hangs up, and an inbound call walks a BXML phone menu
into voicemail. Every step is checked through the emulator's control API; the exit code is 0
only when all checks hold.

  --keep        leave the emulator and the apps running afterwards (Ctrl+C stops them);
                the speed is then 1 (real time) unless --speed is given
  --speed <n>   time scale of the emulator (default 20: 20 times faster than real time)`;
