import type { Redis } from 'ioredis';
import type { CampaignStore, RecordPatch } from './backend';
import { emptyCounts } from './backend';
import type { SendRecord, SendStatus, StatusCounts } from './types';

// Each operation is one Lua script: Redis runs it atomically, so a status and its counts never
// disagree, and a conditional move (a claim) cannot interleave with another worker's.

const ADD = `
if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
redis.call('HSET', KEYS[1], unpack(ARGV, 2))
redis.call('HINCRBY', KEYS[2], ARGV[1], 1)
redis.call('SADD', KEYS[3], KEYS[1])
return 1`;

const TRANSITION = `
local status = redis.call('HGET', KEYS[1], 'status')
if not status then return 0 end
local allowed = false
for from in string.gmatch(ARGV[2], '[^,]+') do if from == status then allowed = true end end
if not allowed then return 0 end
if ARGV[3] ~= '' and redis.call('HGET', KEYS[1], 'attempts') ~= ARGV[3] then return 0 end
if status ~= ARGV[1] then
  redis.call('HINCRBY', KEYS[2], status, -1)
  redis.call('HINCRBY', KEYS[2], ARGV[1], 1)
end
redis.call('HSET', KEYS[1], 'status', ARGV[1], 'updatedAt', ARGV[4])
if #ARGV > 4 then redis.call('HSET', KEYS[1], unpack(ARGV, 5)) end
return 1`;

const DELIVERY = `
if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
local before = redis.call('HGET', KEYS[1], 'delivery')
local counter = { delivered = 'delivered', ['not-delivered'] = 'notDelivered' }
if before ~= ARGV[1] then
  if before then redis.call('HINCRBY', KEYS[2], counter[before], -1) end
  redis.call('HINCRBY', KEYS[2], counter[ARGV[1]], 1)
end
redis.call('HSET', KEYS[1], 'delivery', ARGV[1], 'updatedAt', ARGV[2])
if ARGV[3] ~= '' then redis.call('HSET', KEYS[1], 'deliveryCode', ARGV[3]) end
if ARGV[4] ~= '' then redis.call('HSET', KEYS[1], 'deliveryDescription', ARGV[4]) end
return 1`;

const ASSIGN = `
if ARGV[2] == '1' then
  local known = redis.call('HGET', KEYS[1], ARGV[1])
  if known then
    for i = 3, #ARGV do if ARGV[i] == known then return known end end
  end
end
local chosen, fewest = ARGV[3], nil
for i = 3, #ARGV do
  local count = tonumber(redis.call('HGET', KEYS[2], ARGV[i]) or '0')
  if fewest == nil or count < fewest then chosen, fewest = ARGV[i], count end
end
redis.call('HINCRBY', KEYS[2], chosen, 1)
if ARGV[2] == '1' then redis.call('HSET', KEYS[1], ARGV[1], chosen) end
return chosen`;

const NUMBER_FIELDS = ['attempts', 'attemptAt', 'sendAt', 'deliveryCode', 'updatedAt'] as const;

/** A record as hash fields (media as JSON; undefined fields left out). */
function toFields(patch: RecordPatch | SendRecord): string[] {
  const fields: string[] = [];
  for (const [name, value] of Object.entries(patch)) {
    if (value === undefined) continue;
    fields.push(name, name === 'media' ? JSON.stringify(value) : String(value));
  }
  return fields;
}

function fromFields(hash: Record<string, string>): SendRecord | undefined {
  if (!hash.key) return undefined;
  const record: Record<string, unknown> = { ...hash };
  for (const name of NUMBER_FIELDS) if (hash[name] !== undefined) record[name] = Number(hash[name]);
  if (hash.media !== undefined) record.media = JSON.parse(hash.media);
  return record as unknown as SendRecord;
}

/** Key names of a campaign in Redis. */
export interface RedisKeys {
  /** `<prefix>:<name>`: the campaign's records, counts and key set. */
  campaign: string;
  /** `<prefix>`: account-wide data (suppression list, sticky senders, account pacing). */
  account: string;
}

/** A {@link CampaignStore} in Redis, shared by every worker of the campaign. */
export class RedisStore implements CampaignStore {
  readonly #redis: Redis;
  readonly #keys: RedisKeys;

  constructor(redis: Redis, keys: RedisKeys) {
    this.#redis = redis;
    this.#keys = keys;
  }

  #record(key: string): string {
    return `${this.#keys.campaign}:r:${key}`;
  }

  get #counts(): string {
    return `${this.#keys.campaign}:counts`;
  }

  get #set(): string {
    return `${this.#keys.campaign}:records`;
  }

  async add(record: SendRecord): Promise<boolean> {
    const added = await this.#redis.eval(
      ADD,
      3,
      this.#record(record.key),
      this.#counts,
      this.#set,
      record.status,
      ...toFields(record),
    );
    return added === 1;
  }

  async get(key: string): Promise<SendRecord | undefined> {
    return fromFields(await this.#redis.hgetall(this.#record(key)));
  }

  async transition(
    key: string,
    from: readonly SendStatus[],
    status: SendStatus,
    patch: RecordPatch,
    attempts?: number,
  ): Promise<boolean> {
    const moved = await this.#redis.eval(
      TRANSITION,
      2,
      this.#record(key),
      this.#counts,
      status,
      from.join(','),
      attempts === undefined ? '' : String(attempts),
      String(Date.now()),
      ...toFields(patch),
    );
    return moved === 1;
  }

  async recordDelivery(
    key: string,
    delivery: 'delivered' | 'not-delivered',
    code: number | undefined,
    description: string | undefined,
  ): Promise<boolean> {
    const recorded = await this.#redis.eval(
      DELIVERY,
      2,
      this.#record(key),
      this.#counts,
      delivery,
      String(Date.now()),
      code === undefined ? '' : String(code),
      description ?? '',
    );
    return recorded === 1;
  }

  async counts(): Promise<StatusCounts> {
    const counts = emptyCounts();
    const stored = await this.#redis.hgetall(this.#counts);
    for (const [name, value] of Object.entries(stored)) {
      if (name in counts) counts[name as keyof StatusCounts] = Number(value);
    }
    return counts;
  }

  async total(): Promise<number> {
    return this.#redis.scard(this.#set);
  }

  async *records(): AsyncIterable<SendRecord> {
    let cursor = '0';
    do {
      const [next, keys] = await this.#redis.sscan(this.#set, cursor, 'COUNT', 500);
      cursor = next;
      const pipeline = this.#redis.pipeline();
      for (const key of keys) pipeline.hgetall(key);
      for (const [error, hash] of (await pipeline.exec()) ?? []) {
        if (error) throw error;
        const record = fromFields(hash as Record<string, string>);
        if (record) yield record;
      }
    } while (cursor !== '0');
  }

  async suppress(number: string): Promise<void> {
    await this.#redis.sadd(`${this.#keys.account}:suppressed`, number);
  }

  async unsuppress(number: string): Promise<void> {
    await this.#redis.srem(`${this.#keys.account}:suppressed`, number);
  }

  async isSuppressed(number: string): Promise<boolean> {
    return (await this.#redis.sismember(`${this.#keys.account}:suppressed`, number)) === 1;
  }

  async assignSender(to: string, senders: readonly string[], sticky: boolean): Promise<string> {
    const chosen = await this.#redis.eval(
      ASSIGN,
      2,
      `${this.#keys.account}:sticky`,
      `${this.#keys.campaign}:assigned`,
      to,
      sticky ? '1' : '0',
      ...senders,
    );
    return String(chosen);
  }
}
