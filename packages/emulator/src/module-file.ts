import { fileURLToPath } from 'node:url';

/**
 * The file the emulator's code runs from: the built `dist/index.js`, `index.cjs` or `cli.js` (the
 * modules are bundled into one), or under `src/` this module's own source.
 */
export function moduleFile(): string {
  // The ESM build and the sources have import.meta.url; in tsup's CJS build import.meta is empty
  // and __filename is the module's. (Asked first, __filename could be a global one: `node -e`
  // defines `[eval]`.)
  const url = import.meta.url;
  return url ? fileURLToPath(url) : __filename;
}
