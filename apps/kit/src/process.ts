/**
 * Runs an app's `start` entry: prints a failure as one readable line and sets a non-zero exit
 * code, so the process ends by itself either way.
 */
export function runMain(main: () => Promise<void>): void {
  main().catch((error: unknown) => {
    const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    console.error(`\n✗ ${text}`);
    process.exitCode = 1;
  });
}

/** Resolves on the first Ctrl+C (SIGINT) or SIGTERM, with the signal's name. */
export function untilStopped(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const stop = (signal: NodeJS.Signals) => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve(signal);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}
