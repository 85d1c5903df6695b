import { createBulkSender, memoryQueue, type Recipient } from '@bw/bulk';
import { shown } from './checks';
import { NUMBERS, type Story } from './story';

/** Customers of the campaign: Alice twice (sticky sender), one who has opted out. */
const CAMPAIGN: Recipient[] = [
  { key: 'visit-1', to: NUMBERS.alice, text: 'Your visit is tomorrow at 10:00' },
  { key: 'visit-2', to: '+14045550200', text: 'Your visit is tomorrow at 11:00' },
  { key: 'visit-3', to: '+14045550201', text: 'Your visit is tomorrow at 12:00' },
  { key: 'visit-4', to: '+14045550202', text: 'Your visit is tomorrow at 14:00' },
  { key: 'visit-5', to: '+14045550203', text: 'Your visit is tomorrow at 15:00' },
  { key: 'visit-6', to: NUMBERS.alice, text: 'Reply STOP to stop these reminders' },
];
const OPTED_OUT = '+14045550203';

/** 5. @bw/bulk: a small campaign from a pool of two numbers, on the in-memory queue. */
export async function sendACampaign(story: Story): Promise<void> {
  const { timeline, checks, emulator } = story;
  timeline.line('5. A campaign from a pool of numbers  (@bw/bulk, in-memory queue)');
  checks.step('bulk campaign');
  const pool: string[] = [NUMBERS.sms, NUMBERS.caller];
  const bulk = createBulkSender({
    client: story.sms,
    senders: pool,
    queue: memoryQueue({ name: 'demo' }),
    // The demo's emulator has no limits; pace at 20 per second per number to show it.
    limits: { perNumber: { limit: 20, windowMs: 1000 }, perAccount: false },
  });
  try {
    await bulk.optOut(OPTED_OUT);
    const first = await bulk.enqueue(CAMPAIGN);
    await bulk.start();
    const again = await bulk.enqueue(CAMPAIGN);
    const report = await bulk.drained({ timeoutMs: story.stepTimeoutMs });
    for (const record of [...(await Promise.all(CAMPAIGN.map((r) => bulk.get(r.key))))]) {
      if (!record) continue;
      timeline.line(
        `     ${record.key}  ${record.status.padEnd(9)} ${record.sender} → ${record.to}${record.messageId ? ` (${record.messageId})` : ''}`,
      );
    }

    checks.check(
      `every key ended in one final status: ${report.counts.sent} sent, ${report.counts['opted-out']} opted-out`,
      first.added === 6 &&
        report.counts.sent === 5 &&
        report.counts['opted-out'] === 1 &&
        report.total === 6,
      shown({ first, counts: report.counts }),
    );
    checks.check(
      'enqueueing the same list again queued nothing (idempotent by key)',
      again.added === 0 && again.skipped === 6,
      shown(again),
    );
    const state = (await emulator.control.state()) as { messages: Array<Record<string, unknown>> };
    const campaign = state.messages.filter(
      (m) => typeof m.tag === 'string' && m.tag.startsWith('bwbulk:demo:'),
    );
    const tags = new Set(campaign.map((m) => m.tag));
    checks.check(
      `the emulator holds each sent key's message once, from the pool`,
      campaign.length === 5 &&
        tags.size === 5 &&
        campaign.every((m) => pool.includes(String(m.from))) &&
        !campaign.some((m) => m.to === OPTED_OUT),
      shown(campaign.map((m) => [m.tag, m.from, m.to])),
    );
    const alice = campaign.filter((m) => m.to === NUMBERS.alice).map((m) => m.from);
    checks.check(
      `sticky sender: both messages to ${NUMBERS.alice} came from ${String(alice[0])}`,
      alice.length === 2 && alice[0] === alice[1],
      shown(alice),
    );
  } finally {
    await bulk.close();
  }
}
