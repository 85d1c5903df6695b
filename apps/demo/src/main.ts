import { untilStopped } from '@bw/app-kit';
import { runDemo } from './demo';
import { parseArguments, USAGE } from './options';

// `pnpm demo [--keep] [--speed <n>]`: exit code 0 only when every check held.
async function main(): Promise<void> {
  const options = parseArguments(process.argv.slice(2));
  if (options.help) {
    console.log(USAGE);
    return;
  }
  const result = await runDemo(options);
  process.exitCode = result.ok ? 0 : 1;
  if (result.running) {
    await untilStopped();
    await result.running.close();
  }
}

main().catch((error: unknown) => {
  console.error(
    `✗ The demo could not run: ${error instanceof Error ? error.message : String(error)}`,
  );
  process.exitCode = 2;
});
