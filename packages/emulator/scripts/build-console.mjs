// Bundles the web console (console-ui/) into dist/console: users of the package need no build step.
import { copyFile, mkdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'dist', 'console');
await mkdir(out, { recursive: true });
await build({
  entryPoints: [join(root, 'console-ui', 'src', 'main.tsx')],
  outfile: join(out, 'app.js'),
  bundle: true,
  minify: true,
  format: 'esm',
  target: 'es2022',
  jsx: 'automatic',
  jsxImportSource: 'preact',
  legalComments: 'none',
  logLevel: 'warning',
});
await copyFile(join(root, 'console-ui', 'index.html'), join(out, 'index.html'));
await copyFile(join(root, 'console-ui', 'app.css'), join(out, 'app.css'));
