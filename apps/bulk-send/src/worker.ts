// A bulk-send worker process (started by the CLI with --redis --workers N): works the campaign
// until SIGTERM.
import { createBulkSender } from '@bw/bulk';
import { bullmqQueue } from '@bw/bulk/bullmq';
import { MessagingClient } from '@bw/messaging';

const settings = JSON.parse(process.env.BULK_SEND_WORKER ?? '{}');
const sender = createBulkSender({
  client: new MessagingClient(settings.api),
  senders: settings.senders,
  limits: settings.limits,
  queue: bullmqQueue({ connection: settings.redis, name: settings.name }),
});
await sender.start();
process.once('SIGTERM', () => {
  void sender.close().then(() => process.exit(0));
});
