import type { CampaignStore, RecordPatch } from './backend';
import { emptyCounts } from './backend';
import type { SendRecord, SendStatus, StatusCounts } from './types';

/** A {@link CampaignStore} in this process's memory. */
export class MemoryStore implements CampaignStore {
  readonly #records = new Map<string, SendRecord>();
  readonly #counts: StatusCounts = emptyCounts();
  readonly #suppressed = new Set<string>();
  readonly #sticky = new Map<string, string>();
  readonly #assigned = new Map<string, number>();

  async add(record: SendRecord): Promise<boolean> {
    if (this.#records.has(record.key)) return false;
    this.#records.set(record.key, { ...record });
    this.#counts[record.status] += 1;
    return true;
  }

  async get(key: string): Promise<SendRecord | undefined> {
    const record = this.#records.get(key);
    return record && { ...record };
  }

  async transition(
    key: string,
    from: readonly SendStatus[],
    status: SendStatus,
    patch: RecordPatch,
    attempts?: number,
  ): Promise<boolean> {
    const record = this.#records.get(key);
    if (!record || !from.includes(record.status)) return false;
    if (attempts !== undefined && record.attempts !== attempts) return false;
    this.#counts[record.status] -= 1;
    this.#counts[status] += 1;
    Object.assign(record, patch, { status, updatedAt: Date.now() });
    return true;
  }

  async recordDelivery(
    key: string,
    delivery: 'delivered' | 'not-delivered',
    code: number | undefined,
    description: string | undefined,
  ): Promise<boolean> {
    const record = this.#records.get(key);
    if (!record) return false;
    if (record.delivery === undefined) {
      this.#counts[delivery === 'delivered' ? 'delivered' : 'notDelivered'] += 1;
    } else if (record.delivery !== delivery) {
      this.#counts[record.delivery === 'delivered' ? 'delivered' : 'notDelivered'] -= 1;
      this.#counts[delivery === 'delivered' ? 'delivered' : 'notDelivered'] += 1;
    }
    record.delivery = delivery;
    if (code !== undefined) record.deliveryCode = code;
    if (description !== undefined) record.deliveryDescription = description;
    record.updatedAt = Date.now();
    return true;
  }

  async counts(): Promise<StatusCounts> {
    return { ...this.#counts };
  }

  async total(): Promise<number> {
    return this.#records.size;
  }

  async *records(): AsyncIterable<SendRecord> {
    for (const record of this.#records.values()) yield { ...record };
  }

  async suppress(number: string): Promise<void> {
    this.#suppressed.add(number);
  }

  async unsuppress(number: string): Promise<void> {
    this.#suppressed.delete(number);
  }

  async isSuppressed(number: string): Promise<boolean> {
    return this.#suppressed.has(number);
  }

  async assignSender(to: string, senders: readonly string[], sticky: boolean): Promise<string> {
    const known = this.#sticky.get(to);
    if (sticky && known !== undefined && senders.includes(known)) return known;
    let chosen = senders[0] as string;
    let fewest = Number.POSITIVE_INFINITY;
    for (const sender of senders) {
      const count = this.#assigned.get(sender) ?? 0;
      if (count < fewest) {
        fewest = count;
        chosen = sender;
      }
    }
    this.#assigned.set(chosen, fewest + 1);
    if (sticky) this.#sticky.set(to, chosen);
    return chosen;
  }
}
