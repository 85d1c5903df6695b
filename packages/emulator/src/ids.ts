import type { RandomSource } from './random';

const ID_ALPHABET = 'abcdefghijklmnopqrstuvwxyz234567';
const ID_LENGTH = 23;

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
    let id = prefix;
    for (let index = 0; index < ID_LENGTH; index++) {
      id += ID_ALPHABET[Math.floor(random() * ID_ALPHABET.length)];
    }
    return id;
  }
}
