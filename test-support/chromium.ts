import { existsSync } from 'node:fs';
import { aptInstall } from './apt.mjs';

/** Where Debian's chromium package puts the browser. */
export const CHROMIUM = '/usr/bin/chromium';

/**
 * Makes sure Debian's Chromium is installed, for browser tests: installs it with apt-get when
 * running as root on a machine that has apt, and otherwise fails at once naming the command.
 * (Playwright's own browser download is not used: it is not reachable everywhere we test.)
 */
export function ensureChromium(): string {
  if (existsSync(CHROMIUM)) return CHROMIUM;
  const root = typeof process.getuid === 'function' && process.getuid() === 0;
  const apt = existsSync('/usr/bin/apt-get');
  if (!root || !apt) {
    throw new Error(
      `Chromium is missing (${CHROMIUM}); install it with: sudo apt-get install -y chromium`,
    );
  }
  return aptInstall('chromium', CHROMIUM);
}
