// The runtimes of the matrix and where their binaries come from. Node.js releases come from the
// npm packages `node-<platform>-<arch>` (their `bin/node`), installed on first use into a cache
// directory and reused while present, so the gate needs nothing on the machine beyond the
// Node.js and npm that run it. Bun, Deno and workerd are root devDependencies (their npm
// packages carry the binaries).
import { existsSync, realpathSync } from 'node:fs';
import path from 'node:path';
import { rootDir, run } from '../lib/workspace.mjs';

/**
 * The Node.js releases every package is tested on, newest patch of each supported major when
 * last updated. 20 is past its end of life (April 2026) and stays while users still run it.
 */
export const nodeReleases = ['20.20.2', '22.23.5', '24.22.3', '26.12.1'];

/** Where downloaded runtimes are kept between runs (git-ignored). */
export const runtimeCacheDir = path.join(rootDir, '.tmp', 'runtimes');

/** Bun, Deno and workerd binaries from the root devDependencies. */
export const devRuntimes = {
  bun: path.join(rootDir, 'node_modules', 'bun', 'bin', 'bun.exe'),
  deno: path.join(rootDir, 'node_modules', 'deno', 'deno'),
  workerd: path.join(rootDir, 'node_modules', 'workerd', 'bin', 'workerd'),
};

/** The npm CLI script of the npm that runs beside this Node.js, runnable by any other Node.js. */
export function npmCli() {
  const candidates = [
    path.join(
      path.dirname(process.execPath),
      '..',
      'lib',
      'node_modules',
      'npm',
      'bin',
      'npm-cli.js',
    ),
  ];
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    const bin = path.join(dir, 'npm');
    if (existsSync(bin)) candidates.push(realpathSync(bin));
  }
  const found = candidates.find((file) => file.endsWith('npm-cli.js') && existsSync(file));
  if (!found) throw new Error('cannot find npm-cli.js beside this Node.js or on PATH');
  return found;
}

/**
 * Returns the path of the `node` binary of `version`, installing `node-<platform>-<arch>@version`
 * into the cache first when it is not there. Rejects when it cannot be installed or does not run.
 */
export async function nodeBinary(version) {
  const packageName = `node-${process.platform === 'win32' ? 'win' : process.platform}-${process.arch}`;
  const prefix = path.join(runtimeCacheDir, `node-${version}`);
  const binary = path.join(prefix, 'node_modules', packageName, 'bin', 'node');
  if ((await reports(binary, version)) !== true) {
    const install = await run(
      process.execPath,
      [
        npmCli(),
        'install',
        '--prefix',
        prefix,
        '--no-save',
        '--no-package-lock',
        '--no-audit',
        '--no-fund',
        '--loglevel=error',
        `${packageName}@${version}`,
      ],
      { timeoutMs: 300_000 },
    );
    if (install.code !== 0) {
      throw new Error(`npm install ${packageName}@${version} failed: ${install.stderr.trim()}`);
    }
    const reported = await reports(binary, version);
    if (reported !== true) {
      throw new Error(`${binary} does not run as v${version} after its install: ${reported}`);
    }
  }
  return binary;
}

/** `true` when `binary --version` prints `v<version>`, else what went wrong (e.g. a missing library). */
async function reports(binary, version) {
  if (!existsSync(binary)) return 'not installed';
  const result = await run(binary, ['--version'], { timeoutMs: 30_000 });
  if (result.code === 0 && result.stdout.trim() === `v${version}`) return true;
  return `exit ${result.code}: ${(result.stderr || result.stdout).trim()}`;
}
