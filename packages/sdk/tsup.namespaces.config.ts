import { packageBuild } from '../../tsup.base';

// Built first: `messaging` and `voice` join each client package's two entries into one module.
export default packageBuild({ entry: { messaging: 'src/messaging.ts', voice: 'src/voice.ts' } });
