// Debian packages the tests (and benchmarks) install on first use when they run as root on a
// machine with apt: Chromium for the browser tests, redis-server for @bw/bulk. Test files start in
// parallel, so every install goes through one lock file, waits for dpkg's own lock rather than
// failing on it, and retries once after refreshing the package lists.
import { execFileSync } from 'node:child_process';
import { accessSync, constants, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** The lock every install of ours holds, so two test files never run apt-get at once. */
export const APT_LOCK = path.join(tmpdir(), 'bw-apt-install.lock');

/** apt-get options: wait up to 10 minutes for dpkg's lock (another apt), retry downloads. */
const OPTIONS = '-qq -o DPkg::Lock::Timeout=600 -o Acquire::Retries=3';

/**
 * The shell script that makes `binary` exist by installing Debian's `pkg`: nothing when it is
 * there already (another file installed it while this one waited for the lock); else an install
 * from the package lists at hand, else one after `apt-get update` (a fresh image has no lists),
 * and once more after a pause (a mirror caught mid-sync).
 */
export function aptInstallScript(pkg, binary) {
  const install = `apt-get install -y --no-install-recommends ${OPTIONS} ${pkg}`;
  const update = `apt-get update ${OPTIONS}`;
  return [
    `test -x ${binary}`,
    install,
    `(${update} && ${install})`,
    `(sleep 10 && ${update} && ${install})`,
  ].join(' || ');
}

/** Whether `file` is an executable file. */
export function isExecutable(file) {
  try {
    accessSync(file, constants.X_OK);
    return statSync(file).isFile();
  } catch {
    return false;
  }
}

/**
 * Installs Debian's `pkg` under the shared lock unless `binary` exists; throws when `binary` is
 * still missing afterwards. Callers check first that they run as root with apt-get at hand.
 */
export function aptInstall(pkg, binary) {
  if (isExecutable(binary)) return binary;
  process.stderr.write(`${binary} is missing: apt-get install -y ${pkg}\n`);
  try {
    execFileSync('flock', [APT_LOCK, 'sh', '-c', aptInstallScript(pkg, binary)], {
      stdio: 'inherit',
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    });
  } catch (error) {
    throw new Error(`apt-get could not install ${pkg}: ${error.message}`);
  }
  if (!isExecutable(binary)) throw new Error(`apt-get installed ${pkg} but ${binary} is missing`);
  return binary;
}
