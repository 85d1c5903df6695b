import { packageBuild } from '../../tsup.base';

// Built after tsup.namespaces.config.ts: the main entry takes the `messaging` and `voice` modules
// by name (`@bw/sdk/messaging`), so each is one module at run time, and its declarations refer to
// theirs instead of inlining a copy.
export default packageBuild({ entry: ['src/index.ts'], external: [/^@bw\/sdk\//], clean: false });
