import { packageBuild } from '../../tsup.base';

// Two self-contained bundles: the default (browsers, edge, any runtime with fetch) and the `node`
// one, which also installs the undici-based fetch.
export default packageBuild({ entry: ['src/index.ts', 'src/index.node.ts'] });
