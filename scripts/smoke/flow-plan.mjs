// Checks that the installed packages still offer what the message round trip uses
// (`MessagingClient` from `@bw/messaging`, `startEmulator` from `@bw/emulator`) and copies the
// flow scripts into the consumer project.
import { copyFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));

/** Returns `{ ready: true, files }` or `{ ready: false, reason }`. */
export async function planMessageFlow(projectDir) {
  const requireFromProject = createRequire(path.join(projectDir, 'package.json'));
  const missing = [];
  let messaging;
  let emulator;
  try {
    messaging = requireFromProject('@bw/messaging');
  } catch (error) {
    missing.push(`@bw/messaging does not load: ${error.message}`);
  }
  try {
    emulator = requireFromProject('@bw/emulator');
  } catch (error) {
    missing.push(`@bw/emulator does not load: ${error.message}`);
  }
  try {
    if (typeof requireFromProject('@bw/messaging/callbacks').parseMessageEvent !== 'function') {
      missing.push('@bw/messaging/callbacks does not export parseMessageEvent');
    }
  } catch (error) {
    missing.push(`@bw/messaging/callbacks does not load: ${error.message}`);
  }
  if (messaging && typeof messaging.MessagingClient !== 'function') {
    missing.push('@bw/messaging does not export MessagingClient');
  }
  if (emulator && typeof emulator.startEmulator !== 'function') {
    missing.push('@bw/emulator does not export startEmulator');
  }
  if (missing.length > 0) return { ready: false, reason: missing.join('; ') };
  const files = ['flow.cjs', 'flow.mjs'];
  for (const file of [...files, 'round-trip.cjs']) {
    await copyFile(path.join(here, file), path.join(projectDir, file));
  }
  return { ready: true, files };
}
