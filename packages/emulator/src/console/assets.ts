import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const SAFE_NAME = /^[a-z0-9][a-z0-9.-]*$/i;
let root: string | undefined;

/**
 * The file of a console asset, or `undefined` for a name that is not one. The assets are built
 * into the package's `dist/console` (next to the compiled module, or under the package when
 * running from source).
 */
export function consoleAssets(name: string): string | undefined {
  if (!SAFE_NAME.test(name)) return undefined;
  root ??= findRoot();
  return join(root, name);
}

function findRoot(): string {
  const here = moduleDirectory();
  const candidates = [join(here, 'console'), join(here, '..', '..', 'dist', 'console')];
  return (
    candidates.find((candidate) => existsSync(join(candidate, 'index.html'))) ?? candidates[0]!
  );
}

function moduleDirectory(): string {
  // tsup's CJS build defines __dirname; the ESM build and sources use import.meta.url.
  if (typeof __dirname === 'string') return __dirname;
  return dirname(fileURLToPath(import.meta.url));
}
