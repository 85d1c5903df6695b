import type { AddOutcome, CampaignStore, NewRecord, RecordPatch, RecordView } from './backend';
import { emptyCounts } from './backend';
import type { SendRecord, SendStatus, StatusCounts } from './types';

const LOCAL_OWNER = 'local';

/** A {@link CampaignStore} in this process's memory. */
export class MemoryStore implements CampaignStore {
  readonly #records = new Map<string, SendRecord>();
  readonly #counts: StatusCounts = emptyCounts();
  readonly #suppressed = new Set<string>();
  readonly #sticky = new Map<string, string>();
  readonly #assigned = new Map<string, number>();

  async addMany(
    records: readonly NewRecord[],
    senders: readonly string[],
    sticky: boolean,
  ): Promise<AddOutcome[]> {
    return records.map((fresh) => {
      const known = this.#records.get(fresh.key);
      if (known) {
        const outcome: AddOutcome = { added: false, sender: known.sender, status: known.status };
        if (known.sendAt !== undefined) outcome.sendAt = known.sendAt;
        return outcome;
      }
      const sender = this.#assign(fresh.to, senders, sticky);
      this.#records.set(fresh.key, { ...fresh, sender });
      this.#counts[fresh.status] += 1;
      const outcome: AddOutcome = { added: true, sender, status: fresh.status };
      if (fresh.sendAt !== undefined) outcome.sendAt = fresh.sendAt;
      return outcome;
    });
  }

  async get(key: string): Promise<SendRecord | undefined> {
    const record = this.#records.get(key);
    return record && { ...record };
  }

  async view(key: string): Promise<RecordView | undefined> {
    const record = this.#records.get(key);
    return record && { record: { ...record }, suppressed: this.#suppressed.has(record.to) };
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
    if (status !== 'sending') {
      delete record.owner;
      delete record.attemptEndedAt;
    }
    return true;
  }

  async claim(key: string, attempts: number, at: number): Promise<string | undefined> {
    const record = this.#records.get(key);
    if (!record || record.attempts !== attempts) return undefined;
    if (record.status === 'sending' && record.attemptEndedAt === undefined) return undefined;
    const claimed = await this.transition(key, ['queued', 'sending'], 'sending', {
      attempts: attempts + 1,
      attemptAt: at,
      owner: LOCAL_OWNER,
    });
    delete record.attemptEndedAt;
    return claimed ? LOCAL_OWNER : undefined;
  }

  release(): void {
    // One process: the job itself knows when its request is over.
  }

  async endAttempt(
    key: string,
    attempt: number,
    owner: string | undefined,
    at: number,
  ): Promise<boolean> {
    const record = this.#records.get(key);
    if (record?.status !== 'sending' || record.attempts !== attempt) return false;
    if (record.attemptEndedAt !== undefined || record.owner !== owner) return false;
    record.attemptEndedAt = at;
    delete record.owner;
    record.updatedAt = Date.now();
    return true;
  }

  async ownerAlive(): Promise<boolean> {
    // One process runs each key one turn at a time: an attempt still open when its key's next
    // turn starts was left by a turn that failed unexpectedly, and nothing more comes from it.
    return false;
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

  #assign(to: string, senders: readonly string[], sticky: boolean): string {
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
