import { packageBuild } from '../../tsup.base';

// A private app: dependents read its types from source, so the build emits JavaScript only.
export default packageBuild({
  entry: ['src/index.ts', 'src/main.ts', 'src/worker.ts'],
  format: ['esm'],
  dts: false,
});
