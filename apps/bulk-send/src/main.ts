#!/usr/bin/env node
import { SingleBar } from 'cli-progress';
import { readArgs } from './args';
import { runCampaign } from './bulk-send';

// pnpm --filter @bw/app-bulk-send start -- --csv list.csv --senders +1…,+1… — options in the README.
let args: ReturnType<typeof readArgs>;
try {
  args = readArgs(process.argv.slice(2));
} catch (error) {
  console.error((error as Error).message);
  process.exit(2);
}
const bar = new SingleBar({
  format:
    ' {bar} {percentage}% | {value}/{total} | {rate}/s | ETA {eta_formatted} | sent {sent} · failed {failed} · opted-out {optedOut} · unknown {unknown}',
  hideCursor: true,
  etaBuffer: 50,
});
let barStarted = false;
try {
  const outcome = await runCampaign({
    ...args,
    onProgress(progress) {
      const payload = {
        rate: progress.rate,
        sent: progress.counts.sent,
        failed: progress.counts.failed,
        optedOut: progress.counts['opted-out'],
        unknown: progress.counts.unknown,
      };
      if (!barStarted) {
        bar.start(progress.total, progress.done, payload);
        barStarted = true;
      } else {
        bar.setTotal(progress.total);
        bar.update(progress.done, payload);
      }
    },
  });
  if (barStarted) bar.stop();
  const { report } = outcome;
  console.log(`\ncampaign ${report.name} → ${outcome.target}`);
  console.log(
    `${report.total} recipients in ${outcome.seconds.toFixed(1)} s: sent ${report.counts.sent}, failed ${report.counts.failed}, opted-out ${report.counts['opted-out']}, unknown ${report.counts.unknown}, delivered ${report.counts.delivered}`,
  );
  if (outcome.limitAnswers !== undefined)
    console.log(`limit answers from the API: ${outcome.limitAnswers}`);
  for (const problem of report.problems.slice(0, 20)) {
    console.log(
      `  ${problem.key} ${problem.to}: ${problem.status} ${problem.errorCode ?? ''} ${problem.errorMessage ?? ''}`,
    );
  }
  if (report.counts.failed + report.counts.unknown > 0) process.exitCode = 1;
} catch (error) {
  if (barStarted) bar.stop();
  console.error(error instanceof Error ? error.message : String(error));
  process.exitCode = 1;
}
