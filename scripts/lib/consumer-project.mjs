// A consumer project: the packed tarballs installed with npm, as a user installs them, next to the
// tools a user brings (a TypeScript, an `@types/node`, framework types). Used by the type matrix
// and the README check. Projects live under `.tmp/` and are kept between runs: npm only fetches
// what changed, so a rerun costs a second or two per project instead of a full install.
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { packAll, rootDir, run } from './workspace.mjs';

/** Where consumer projects and their tarballs are kept between runs (git-ignored). */
export const cacheRoot = path.join(rootDir, '.tmp');

/**
 * Packs every publishable package into `dir` (emptied first, so a renamed tarball never lingers).
 * Returns `Map<name, tarball path>`.
 */
export async function packInto(dir) {
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  return packAll(dir);
}

/**
 * The environment of every child: the caller's, minus anything that would let a tool resolve
 * modules from outside the project (the workspace's pnpm store, preloaded hooks). The caller's
 * other `npm_config_*` settings stay, so a registry mirror keeps working.
 */
export function consumerEnv(extra = {}) {
  const env = { ...process.env, ...extra };
  for (const key of ['NODE_PATH', 'NODE_OPTIONS', 'npm_config_prefix']) delete env[key];
  env.NO_COLOR = '1';
  return env;
}

/**
 * Makes `dir` a project with every tarball and each of `specs` (`typescript@~5.9.3` …) installed
 * by npm. `manifest` fields (e.g. `type`) are merged into its package.json. A project from an earlier
 * run is updated in place: npm replaces the tarballs whose content changed and leaves the rest, so
 * a project's directory name should say which tools it holds.
 * Resolves `{ ok, ms, output }`.
 */
export async function installConsumer(dir, tarballs, specs, manifest = {}) {
  await mkdir(dir, { recursive: true });
  const manifestPath = path.join(dir, 'package.json');
  const existing = await readFile(manifestPath, 'utf8').then(JSON.parse, () => ({}));
  const next = {
    name: `bw-consumer-${path.basename(dir)}`,
    version: '1.0.0',
    private: true,
    ...existing,
    ...manifest,
  };
  await writeFile(manifestPath, `${JSON.stringify(next, null, 2)}\n`);
  const result = await run(
    'npm',
    [
      'install',
      '--prefer-offline',
      '--no-audit',
      '--no-fund',
      '--loglevel=error',
      ...tarballs.values(),
      ...specs,
    ],
    { cwd: dir, env: consumerEnv(), timeoutMs: 300_000 },
  );
  return { ok: result.code === 0, ms: result.ms, output: `${result.stderr}${result.stdout}` };
}
