// How a server in another runtime tells the test what happened: one JSON line per report.
import type { AppReport } from '../src/app.ts';

/** The prefix of every line the test reads; anything else on stdout is ignored. */
export const REPORT_PREFIX = 'BW_REPORT ';

/** A line the test parses: the port the server listens on, or what the app saw. */
export type ServerLine = { kind: 'listening'; port: number } | AppReport;

/** Prints one report line (console.log is the one output every runtime has). */
export function print(line: ServerLine): void {
  console.log(`${REPORT_PREFIX}${JSON.stringify(line)}`);
}
