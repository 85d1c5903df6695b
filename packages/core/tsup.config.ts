import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Plugin } from 'esbuild';
import { packageBuild } from '../../tsup.base';

/**
 * Dependencies built into a module of `@bw/core`'s own (`src/bundled/<name>.ts` into
 * `dist/<name>.js` and `.cjs`) rather than installed beside it: one module to load instead of a
 * package's many. The implementation imports that module by its relative path, so a bundler still
 * drops it when nothing imported uses it. Being `devDependencies`, tsup builds them in rather than
 * leaving them external.
 */
const bundled = ['ky'];
const bundledDir = `${path.sep}src${path.sep}bundled${path.sep}`;

/** Points the implementation's imports of a bundled dependency at the module built from it. */
const bundledModules: Plugin = {
  name: 'bundled-modules',
  setup(build) {
    // The extension of this build's output (`.cjs` for CommonJS), which tsup sets per format.
    const extension = build.initialOptions.outExtension?.['.js'] ?? '.js';
    const filter = new RegExp(`^(${bundled.join('|')})$`);
    build.onResolve({ filter }, ({ path: name, importer }) =>
      importer.includes(bundledDir) ? undefined : { path: `./${name}${extension}`, external: true },
    );
  },
};

/**
 * Writes `dist/THIRD-PARTY-NOTICES.md`: the name, version and license of each bundled dependency,
 * read from the installed copy the build took it from.
 */
async function writeNotices() {
  const sections = await Promise.all(
    bundled.map(async (name) => {
      const folder = path.join('node_modules', name);
      const manifest = JSON.parse(await readFile(path.join(folder, 'package.json'), 'utf8'));
      const license = await readFile(path.join(folder, 'license'), 'utf8');
      return `## ${name} ${manifest.version}\n\nhttps://www.npmjs.com/package/${name}\n\n${license.trim()}\n`;
    }),
  );
  const intro =
    '# Third-party notices\n\nThe files in this folder include the following packages.\n';
  await writeFile('dist/THIRD-PARTY-NOTICES.md', [intro, ...sections].join('\n'));
}

// `internal` (`@bw/core/internal`) is the one bundle holding the implementation: the transport,
// the error classes, every helper; its `node` build also installs the undici-based fetch. The
// public entries (`@bw/core`, its `node` build adding `createUndiciFetch`, `@bw/core/shared`, the
// list every client package re-exports, and `@bw/core/callbacks`) take what they export from it by
// name, so a class or the platform `fetch` exists once however the package is imported.
const entries = {
  index: 'src/index.ts',
  'index.node': 'src/index.node.ts',
  shared: 'src/shared.ts',
  internal: 'src/internal.ts',
  'internal.node': 'src/internal.node.ts',
  callbacks: 'src/callbacks/index.ts',
};

export default packageBuild({
  entry: {
    ...entries,
    ...Object.fromEntries(bundled.map((name) => [name, `src/bundled/${name}.ts`])),
  },
  dts: { entry: entries },
  external: [/^@bw\/core(\/|$)/],
  esbuildPlugins: [bundledModules],
  onSuccess: writeNotices,
});
