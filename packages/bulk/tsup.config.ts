import { packageBuild } from '../../tsup.base';

// The sender and the in-memory queue; the BullMQ queue as its own entry (`@bw/bulk/bullmq`), so
// a single-process user never loads BullMQ or ioredis.
export default packageBuild({ entry: { index: 'src/index.ts', bullmq: 'src/bullmq.ts' } });
