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
    // Made in one piece: appending a character at a time leaves a chain of partial strings,
    // and the id (a map key kept for the emulator's life) would hold on to its root.
    const codes: number[] = [];
    for (let index = 0; index < prefix.length; index++) codes.push(prefix.charCodeAt(index));
    for (let index = 0; index < ID_LENGTH; index++) {
      codes.push(ID_CODES[Math.floor(random() * ID_CODES.length)] as number);
    }
    return String.fromCharCode(...codes);
  }
}
