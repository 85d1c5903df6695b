import { packageBuild } from '../../tsup.base';

// `internal` (`@bw/core/internal`) is the one bundle holding the implementation: the transport,
// the error classes, every helper; its `node` build also installs the undici-based fetch. The
// public entries (`@bw/core`, its `node` build adding `createUndiciFetch`, `@bw/core/shared`, the
// list every client package re-exports, and `@bw/core/callbacks`) take what they export from it by
// name, so a class or the platform `fetch` exists once however the package is imported.
export default packageBuild({
  entry: {
    index: 'src/index.ts',
    'index.node': 'src/index.node.ts',
    shared: 'src/shared.ts',
    internal: 'src/internal.ts',
    'internal.node': 'src/internal.node.ts',
    callbacks: 'src/callbacks/index.ts',
  },
  external: [/^@bw\/core(\/|$)/],
});
