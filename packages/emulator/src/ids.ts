import { Buffer } from 'node:buffer';
import type { RandomSource } from './random';

const ID_ALPHABET = 'abcdefghijklmnopqrstuvwxyz234567';
const ID_LENGTH = 23;
const ID_CODES = Array.from(ID_ALPHABET, (character) => character.charCodeAt(0));

/**
 * Prefixes of the ids the API hands out (`m-dr4mcch2wfb6frcls677glq` …). Voice resources
 * use the same generator with their own prefixes.
 */
export const ID_PREFIXES = {
  application: 'a-',
  bridge: 'brg-',
  call: 'c-',
  callEvent: 'ce-',
  conference: 'conf-',
  domain: 'dom-',
  endpoint: 're-',
  error: 'ue-',
  gather: 'gtr-',
  member: 'member-',
  message: 'm-',
  phoneNumber: 'n-',
  recording: 'rec-',
  transaction: 'pptx-',
  transcription: 'tr-',
  token: 'tok-',
} as const;

/** Where {@link IdGenerator.next} writes an id before reading it out as a string. */
let scratch = Buffer.allocUnsafe(32);

/** Creates resource ids such as `m-…`; deterministic when its random source is seeded. */
export class IdGenerator {
  readonly #random: () => RandomSource;

  /** `random` is asked for the current stream on every id, so a reset can swap it. */
  constructor(random: () => RandomSource) {
    this.#random = random;
  }

  /** A new id with the given prefix (e.g. `'m-'`). */
  next(prefix: string): string {
    const random = this.#random();
    // Written into one buffer kept for every id (ids are made one at a time) and read out as one
    // flat string: appending a character at a time would leave a chain of partial strings for
    // the id (a map key kept for the emulator's life) to hold on to, and an array of the codes,
    // grown as they are pushed, made several times the id's own bytes of garbage per id.
    const length = prefix.length + ID_LENGTH;
    if (scratch.length < length) scratch = Buffer.allocUnsafe(length);
    const start = scratch.write(prefix, 0, 'latin1');
    for (let index = 0; index < ID_LENGTH; index++) {
      scratch[start + index] = ID_CODES[Math.floor(random() * ID_CODES.length)] as number;
    }
    return scratch.toString('latin1', 0, length);
  }
}
