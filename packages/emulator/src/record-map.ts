/**
 * `Map`s a {@link RecordMap} spreads its ids over. A `Map` that outgrows its table builds one
 * twice the size and moves every entry into it, all within the call that added the entry: on
 * Node.js 20 that holds the thread ~3 ms at 16,000 entries, ~13 ms at 66,000 and ~47 ms at
 * 263,000. Spread over this many, each table is this many times smaller, and so is each hold
 * (~1 ms for each of them at a million records). Each is made when its first id comes.
 */
const SHARDS = 256;

/** Records per chunk of the list kept in order. */
export const CHUNK_SIZE = 4096;

/**
 * Records of one kind that the emulator keeps for good (a user's messages, transactions, calls),
 * by id and in the order they were added, whose number only grows while it runs: a `Map` each,
 * but one that never rebuilds a table of all of them at once. Ids are spread over
 * {@link SHARDS} `Map`s by their last characters (the emulator's ids end in random ones), and the
 * order is kept in a list of chunks of `chunkSize` records (a new chunk begun when the last is
 * full, rather than one array copied whole as it grows).
 */
export class RecordMap<V> {
  readonly #chunkSize: number;
  readonly #shards: Array<Map<string, V> | undefined> = new Array(SHARDS).fill(undefined);
  readonly #chunks: V[][] = [[]];

  constructor(chunkSize = CHUNK_SIZE) {
    if (!Number.isSafeInteger(chunkSize) || chunkSize < 1) {
      throw new RangeError(`chunkSize must be a whole number from 1 up (got ${chunkSize})`);
    }
    this.#chunkSize = chunkSize;
  }

  /** How many records it holds. */
  get size(): number {
    // Every chunk but the last is full.
    const chunks = this.#chunks;
    return (chunks.length - 1) * this.#chunkSize + (chunks[chunks.length - 1] as V[]).length;
  }

  /** How many chunks hold them in order (each full but the last). */
  get chunks(): number {
    return this.#chunks.length;
  }

  /** How many of its id `Map`s are in use (made at a shard's first id). */
  get shards(): number {
    return this.#shards.reduce((count, ids) => count + (ids === undefined ? 0 : 1), 0);
  }

  /** The record with this id, if any. */
  get(id: string): V | undefined {
    return this.#shards[shardOf(id)]?.get(id);
  }

  /**
   * Adds a record under a new id: every caller has just generated it, so it is not looked for
   * first (an id added twice would be listed twice).
   */
  add(id: string, record: V): void {
    const shard = shardOf(id);
    let ids = this.#shards[shard];
    if (ids === undefined) {
      ids = new Map();
      this.#shards[shard] = ids;
    }
    ids.set(id, record);
    let last = this.#chunks[this.#chunks.length - 1] as V[];
    if (last.length >= this.#chunkSize) {
      last = [];
      this.#chunks.push(last);
    }
    last.push(record);
  }

  /** Every record, oldest first. */
  *values(): IterableIterator<V> {
    for (const chunk of this.#chunks) yield* chunk;
  }
}

/**
 * The shard of an id, from its last three characters (an id may end in characters of a small
 * alphabet, such as the emulator's 32; a missing one counts as 0).
 */
function shardOf(id: string): number {
  const end = id.length;
  const hash =
    ((id.charCodeAt(end - 1) || 0) * 41 + (id.charCodeAt(end - 2) || 0)) * 41 +
    (id.charCodeAt(end - 3) || 0);
  return hash % SHARDS;
}
