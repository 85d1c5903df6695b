import { packageBuild } from '../../tsup.base';

// The client, and the callback side as its own entry (`@bw/voice/callbacks`).
export default packageBuild({ entry: { index: 'src/index.ts', callbacks: 'src/callbacks.ts' } });
