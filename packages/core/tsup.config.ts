import { packageBuild } from '../../tsup.base';

// Three self-contained bundles: the default (browsers, edge, any runtime with fetch), the `node`
// one, which also installs the undici-based fetch, and `callbacks` (`@bw/core/callbacks`), which
// takes the error classes from the main entry so `instanceof` holds across both.
export default packageBuild({
  entry: {
    index: 'src/index.ts',
    'index.node': 'src/index.node.ts',
    callbacks: 'src/callbacks/index.ts',
  },
  external: ['@bw/core'],
});
