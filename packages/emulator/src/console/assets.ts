import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { moduleFile } from '../module-file';

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
  // `dist/` when built, `src/` when running from source.
  const here = dirname(moduleFile());
  const candidates = [join(here, 'console'), join(here, '..', 'dist', 'console')];
  return (
    candidates.find((candidate) => existsSync(join(candidate, 'index.html'))) ?? candidates[0]!
  );
}
