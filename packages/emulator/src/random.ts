import { randomFillSync } from 'node:crypto';

/** A source of uniformly distributed numbers in [0, 1). */
export type RandomSource = () => number;

/** Hashes a string to 32 bits (FNV-1a); used to derive independent streams from one seed. */
export function hashString(text: string): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < text.length; index++) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/**
 * A small seeded generator (a 32-bit SplitMix variant). Quality is ample for ids,
 * synthetic numbers and fault dice; it is not for cryptography.
 */
export function seededRandom(seed: number): RandomSource {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x9e3779b9) >>> 0;
    let mixed = state;
    mixed = Math.imul(mixed ^ (mixed >>> 16), 0x85ebca6b);
    mixed = Math.imul(mixed ^ (mixed >>> 13), 0xc2b2ae35);
    mixed ^= mixed >>> 16;
    return (mixed >>> 0) / 0x1_0000_0000;
  };
}

/** 32-bit values drawn from the operating system per refill: one call serves about 180 ids. */
const SYSTEM_BATCH = 4096;

/** Unseeded randomness from the operating system, drawn in batches to keep it cheap. */
export function systemRandom(): RandomSource {
  const values = new Uint32Array(SYSTEM_BATCH);
  let offset = SYSTEM_BATCH;
  return () => {
    if (offset === SYSTEM_BATCH) {
      randomFillSync(values);
      offset = 0;
    }
    const value = values[offset] as number;
    offset += 1;
    return value / 0x1_0000_0000;
  };
}

/**
 * Independent random streams, one per purpose, so that (for example) a fault dice roll
 * never shifts the ids generated afterwards. Deterministic when a seed is given.
 */
export class RandomStreams {
  readonly #seed: number | undefined;
  readonly #streams = new Map<string, RandomSource>();

  constructor(seed: number | undefined) {
    this.#seed = seed;
  }

  /** The stream for `purpose`, created on first use. */
  stream(purpose: string): RandomSource {
    let source = this.#streams.get(purpose);
    if (!source) {
      source =
        this.#seed === undefined
          ? systemRandom()
          : seededRandom((this.#seed ^ hashString(purpose)) >>> 0);
      this.#streams.set(purpose, source);
    }
    return source;
  }

  /** A generator for one derived key (e.g. a search query), independent of call order. */
  derived(key: string): RandomSource {
    return this.#seed === undefined
      ? seededRandom(hashString(key))
      : seededRandom((this.#seed ^ hashString(key)) >>> 0);
  }

  /** Forgets every stream so that a seeded run starts over (used by reset). */
  restart(): void {
    this.#streams.clear();
  }
}

/** An integer in [min, max] inclusive. */
export function randomInt(random: RandomSource, min: number, max: number): number {
  return min + Math.floor(random() * (max - min + 1));
}
