import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { AddOutcome, CampaignStore, NewRecord, RecordPatch, RecordView } from './backend';
import { emptyCounts } from './backend';
import type { SendRecord, SendStatus, StatusCounts } from './types';

// Each operation is one Lua script: Redis runs it atomically, so a status and its counts never
// disagree, and a conditional move (a claim) cannot interleave with another worker's.

// A batch of new records: each known key is reported as it is; each new one gets its sender
// (sticky, else the least used of the pool) and is added with its count.
const ADD_MANY = `
local prefix, sticky = ARGV[1], ARGV[2] == '1'
local senders, records = cjson.decode(ARGV[3]), cjson.decode(ARGV[4])
local inPool, used = {}, {}
local stored = redis.call('HMGET', KEYS[4], unpack(senders))
for i, sender in ipairs(senders) do inPool[sender] = true; used[sender] = tonumber(stored[i] or '0') end
local outcomes = {}
for i, record in ipairs(records) do
  local key = prefix .. record.key
  local known = redis.call('HMGET', key, 'status', 'sender', 'sendAt')
  if known[1] then
    outcomes[i] = { 0, known[2], known[1], known[3] or '' }
  else
    local chosen = sticky and redis.call('HGET', KEYS[3], record.to) or nil
    if not (chosen and inPool[chosen]) then
      chosen = nil
      for _, sender in ipairs(senders) do
        if chosen == nil or used[sender] < used[chosen] then chosen = sender end
      end
      used[chosen] = used[chosen] + 1
      redis.call('HINCRBY', KEYS[4], chosen, 1)
      if sticky then redis.call('HSET', KEYS[3], record.to, chosen) end
    end
    local fields = { 'sender', chosen }
    for name, value in pairs(record) do fields[#fields + 1] = name; fields[#fields + 1] = value end
    redis.call('HSET', key, unpack(fields))
    redis.call('HINCRBY', KEYS[1], record.status, 1)
    redis.call('SADD', KEYS[2], key)
    outcomes[i] = { 1, chosen, record.status, record.sendAt or '' }
  end
end
return cjson.encode(outcomes)`;

const VIEW = `
local hash = redis.call('HGETALL', KEYS[1])
if #hash == 0 then return false end
local to = ''
for i = 1, #hash, 2 do if hash[i] == 'to' then to = hash[i + 1] end end
return { hash, redis.call('SISMEMBER', KEYS[2], to) }`;

// The next attempt: from queued, or from sending once the last attempt is over; never twice for
// one attempt number. The record names the attempt's owner until the attempt is over.
const CLAIM = `
local status, attempts, ended = unpack(redis.call('HMGET', KEYS[1], 'status', 'attempts', 'attemptEndedAt'))
if attempts ~= ARGV[1] then return 0 end
if status == 'sending' then
  if not ended then return 0 end
elseif status == 'queued' then
  redis.call('HINCRBY', KEYS[2], 'queued', -1)
  redis.call('HINCRBY', KEYS[2], 'sending', 1)
else
  return 0
end
redis.call('HSET', KEYS[1], 'status', 'sending', 'attempts', tonumber(ARGV[1]) + 1, 'attemptAt', ARGV[2], 'owner', ARGV[3], 'updatedAt', ARGV[2])
redis.call('HDEL', KEYS[1], 'attemptEndedAt')
return 1`;

// An attempt whose outcome is in doubt is over: only the attempt named, only from its owner.
const END_ATTEMPT = `
local status, attempts, ended, owner = unpack(redis.call('HMGET', KEYS[1], 'status', 'attempts', 'attemptEndedAt', 'owner'))
if status ~= 'sending' or attempts ~= ARGV[1] or ended or (owner or '') ~= ARGV[2] then return 0 end
redis.call('HSET', KEYS[1], 'attemptEndedAt', ARGV[3], 'updatedAt', ARGV[3])
redis.call('HDEL', KEYS[1], 'owner')
return 1`;

// After a reconnection this worker has a new connection id: its attempts in flight carry it.
const RENAME_OWNER = `
local status, attempts, ended, owner = unpack(redis.call('HMGET', KEYS[1], 'status', 'attempts', 'attemptEndedAt', 'owner'))
if status ~= 'sending' or attempts ~= ARGV[1] or ended or owner ~= ARGV[2] then return 0 end
redis.call('HSET', KEYS[1], 'owner', ARGV[3])
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
if ARGV[1] ~= 'sending' then redis.call('HDEL', KEYS[1], 'owner', 'attemptEndedAt') end
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

const NUMBER_FIELDS = [
  'attempts',
  'attemptAt',
  'attemptEndedAt',
  'sendAt',
  'deliveryCode',
  'updatedAt',
] as const;

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

/** A Lua script run by its SHA1 (`EVALSHA`), sent whole only when Redis does not know it. */
class LuaScript {
  readonly #source: string;
  readonly #sha: string;

  constructor(source: string) {
    this.#source = source;
    this.#sha = createHash('sha1').update(source).digest('hex');
  }

  async run(redis: Redis, keys: readonly string[], args: ReadonlyArray<string | number>) {
    try {
      return await redis.evalsha(this.#sha, keys.length, ...keys, ...args);
    } catch (error) {
      if (!String(error).includes('NOSCRIPT')) throw error;
      return redis.eval(this.#source, keys.length, ...keys, ...args);
    }
  }
}

const scripts = {
  addMany: new LuaScript(ADD_MANY),
  view: new LuaScript(VIEW),
  transition: new LuaScript(TRANSITION),
  claim: new LuaScript(CLAIM),
  endAttempt: new LuaScript(END_ATTEMPT),
  renameOwner: new LuaScript(RENAME_OWNER),
  delivery: new LuaScript(DELIVERY),
};

/** Runs a script of this module (also for the queue's pacing scripts). */
export { LuaScript };

/** Key names of a campaign in Redis. */
export interface RedisKeys {
  /** `<prefix>:<name>`: the campaign's records, counts and key set. */
  campaign: string;
  /** `<prefix>`: account-wide data (suppression list, sticky senders, account pacing). */
  account: string;
}

/**
 * A {@link CampaignStore} in Redis, shared by every worker of the campaign.
 *
 * An attempt in flight names its owner: this worker's Redis connection, as `<run id>:<client
 * id>`. The connection lives as long as the process: a process that dies (even `kill -9`) drops
 * it and Redis forgets the client at once, while a process that only stalls keeps it. So another
 * worker can tell "gone, nothing more can come from it" from "still there" without a clock.
 */
export class RedisStore implements CampaignStore {
  readonly #redis: Redis;
  readonly #keys: RedisKeys;
  readonly #restartGraceMs: number;
  /** This worker's attempts in flight: key → [attempt number, owner stamped on it]. */
  readonly #inFlight = new Map<string, [number, string]>();
  /** Every owner name this worker has had (one per connection). */
  readonly #ownNames = new Set<string>();
  #owner: Promise<string>;
  #runId = '';

  /**
   * @param restartGraceMs after a Redis restart, how long workers have to reconnect and name
   * their attempts in flight before an attempt from before the restart counts as abandoned.
   */
  constructor(redis: Redis, keys: RedisKeys, restartGraceMs: number) {
    this.#redis = redis;
    this.#keys = keys;
    this.#restartGraceMs = restartGraceMs;
    this.#owner = this.#identify();
    redis.on('ready', () => {
      this.#owner = this.#identify();
      void this.#renameAttempts().catch(() => {});
    });
  }

  /** Who this worker is on its current connection (asked of Redis once per connection). */
  #identify(): Promise<string> {
    const named = this.#askName();
    // Closing the connection rejects it; whoever awaits it sees that, nobody else needs to.
    named.catch(() => {});
    return named;
  }

  async #askName(): Promise<string> {
    const [id, info] = await Promise.all([
      this.#redis.client('ID') as Promise<number>,
      this.#redis.info('server'),
    ]);
    this.#runId = /run_id:(\w+)/.exec(info)?.[1] ?? '';
    const name = `${this.#runId}:${id}`;
    this.#ownNames.add(name);
    return name;
  }

  async #renameAttempts(): Promise<void> {
    const owner = await this.#owner;
    for (const [key, [attempt, stamped]] of this.#inFlight) {
      if (stamped === owner) continue;
      await scripts.renameOwner.run(this.#redis, [this.#record(key)], [attempt, stamped, owner]);
      if (this.#inFlight.get(key)?.[0] === attempt) this.#inFlight.set(key, [attempt, owner]);
    }
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

  get #suppressed(): string {
    return `${this.#keys.account}:suppressed`;
  }

  async addMany(
    records: readonly NewRecord[],
    senders: readonly string[],
    sticky: boolean,
  ): Promise<AddOutcome[]> {
    if (records.length === 0) return [];
    const encoded = records.map((record) => Object.fromEntries(pairs(toFields(record))));
    const reply = await scripts.addMany.run(
      this.#redis,
      [this.#counts, this.#set, `${this.#keys.account}:sticky`, `${this.#keys.campaign}:assigned`],
      [this.#record(''), sticky ? '1' : '0', JSON.stringify(senders), JSON.stringify(encoded)],
    );
    return (JSON.parse(String(reply)) as Array<[number, string, SendStatus, string]>).map(
      ([added, sender, status, sendAt]) => {
        const outcome: AddOutcome = { added: added === 1, sender, status };
        if (sendAt !== '') outcome.sendAt = Number(sendAt);
        return outcome;
      },
    );
  }

  async get(key: string): Promise<SendRecord | undefined> {
    return fromFields(await this.#redis.hgetall(this.#record(key)));
  }

  async view(key: string): Promise<RecordView | undefined> {
    const reply = (await scripts.view.run(
      this.#redis,
      [this.#record(key), this.#suppressed],
      [],
    )) as [string[], number] | null;
    const record = reply ? fromFields(Object.fromEntries(pairs(reply[0]))) : undefined;
    return record && { record, suppressed: reply?.[1] === 1 };
  }

  async transition(
    key: string,
    from: readonly SendStatus[],
    status: SendStatus,
    patch: RecordPatch,
    attempts?: number,
  ): Promise<boolean> {
    const moved = await scripts.transition.run(
      this.#redis,
      [this.#record(key), this.#counts],
      [
        status,
        from.join(','),
        attempts === undefined ? '' : String(attempts),
        String(Date.now()),
        ...toFields(patch),
      ],
    );
    return moved === 1;
  }

  async claim(key: string, attempts: number, at: number): Promise<string | undefined> {
    const owner = await this.#owner;
    // Known before Redis answers, so that a reconnection in between renames this attempt too.
    this.#inFlight.set(key, [attempts + 1, owner]);
    const claimed = await scripts.claim
      .run(this.#redis, [this.#record(key), this.#counts], [attempts, at, owner])
      .catch((error: unknown) => {
        this.#inFlight.delete(key);
        throw error;
      });
    if (claimed !== 1) this.#inFlight.delete(key);
    return claimed === 1 ? owner : undefined;
  }

  release(key: string): void {
    this.#inFlight.delete(key);
  }

  async endAttempt(
    key: string,
    attempt: number,
    owner: string | undefined,
    at: number,
  ): Promise<boolean> {
    // This worker's own attempt carries the name it has now (renamed after a reconnection).
    const held = this.#inFlight.get(key);
    const named = held?.[0] === attempt ? held[1] : owner;
    if (held?.[0] === attempt) this.#inFlight.delete(key);
    const ended = await scripts.endAttempt.run(
      this.#redis,
      [this.#record(key)],
      [attempt, named ?? '', at],
    );
    return ended === 1;
  }

  async ownerAlive(owner: string, key: string): Promise<boolean | undefined> {
    if (this.#inFlight.has(key)) return true;
    if (this.#ownNames.has(owner)) return false;
    await this.#owner;
    const [runId, clientId] = owner.split(':');
    if (runId !== this.#runId) {
      // Redis restarted since the claim: every connection is new, and a live owner renames its
      // attempts when it reconnects. Until it has had the time to, nobody can tell.
      const uptime = Number(/uptime_in_seconds:(\d+)/.exec(await this.#redis.info('server'))?.[1]);
      return uptime * 1000 < this.#restartGraceMs ? undefined : false;
    }
    const listed = await this.#redis.call('CLIENT', 'LIST', 'ID', String(clientId));
    return String(listed).trim() !== '';
  }

  async recordDelivery(
    key: string,
    delivery: 'delivered' | 'not-delivered',
    code: number | undefined,
    description: string | undefined,
  ): Promise<boolean> {
    const recorded = await scripts.delivery.run(
      this.#redis,
      [this.#record(key), this.#counts],
      [delivery, String(Date.now()), code === undefined ? '' : String(code), description ?? ''],
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
    await this.#redis.sadd(this.#suppressed, number);
  }

  async unsuppress(number: string): Promise<void> {
    await this.#redis.srem(this.#suppressed, number);
  }

  async isSuppressed(number: string): Promise<boolean> {
    return (await this.#redis.sismember(this.#suppressed, number)) === 1;
  }
}

/** `[name, value, name, value …]` → `[[name, value] …]`. */
function pairs(flat: readonly string[]): Array<[string, string]> {
  const result: Array<[string, string]> = [];
  for (let index = 0; index + 1 < flat.length; index += 2) {
    result.push([flat[index] as string, flat[index + 1] as string]);
  }
  return result;
}
