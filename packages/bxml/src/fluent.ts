/**
 * A thin chain over the builder functions, for code that reads better top to bottom.
 */
import {
  gather,
  hangup,
  pause,
  playAudio,
  record,
  redirect,
  response,
  sendDtmf,
  speakSentence,
  transfer,
} from './builders';
import type { BxmlResponse, ResponseVerb } from './verbs';
import { type ToXmlOptions, toXml } from './xml';

/**
 * Collects verbs in order: each verb method calls the builder function of the same name (and
 * throws what it throws) and appends the verb; `build()` makes the document, `toXml()` writes it.
 *
 * @example
 * ```ts
 * new BxmlBuilder()
 *   .speakSentence('Thanks for calling')
 *   .gather({ requestUrl: 'https://app.example/menu', maxDigits: 1 }, speakSentence('Press 1'))
 *   .hangup()
 *   .toXml();
 * ```
 */
export class BxmlBuilder {
  readonly #verbs: ResponseVerb[] = [];

  /** Appends {@link speakSentence}. */
  declare speakSentence: (...args: Parameters<typeof speakSentence>) => this;
  /** Appends {@link playAudio}. */
  declare playAudio: (...args: Parameters<typeof playAudio>) => this;
  /** Appends {@link gather}. */
  declare gather: (...args: Parameters<typeof gather>) => this;
  /** Appends {@link record}. */
  declare record: (...args: Parameters<typeof record>) => this;
  /** Appends {@link redirect}. */
  declare redirect: (...args: Parameters<typeof redirect>) => this;
  /** Appends {@link transfer}. */
  declare transfer: (...args: Parameters<typeof transfer>) => this;
  /** Appends {@link pause}. */
  declare pause: (...args: Parameters<typeof pause>) => this;
  /** Appends {@link sendDtmf}. */
  declare sendDtmf: (...args: Parameters<typeof sendDtmf>) => this;
  /** Appends {@link hangup}. */
  declare hangup: (...args: Parameters<typeof hangup>) => this;

  /** Appends verbs made elsewhere, the deprecated ones included. */
  add(...verbs: ResponseVerb[]): this {
    this.#verbs.push(...verbs);
    return this;
  }

  /** The document made of the verbs so far (see {@link response}). */
  build(): BxmlResponse {
    return response(...this.#verbs);
  }

  /** The document made of the verbs so far, as XML (see {@link toXml}). */
  toXml(options?: ToXmlOptions): string {
    return toXml(this.build(), options);
  }
}

// The verb methods, one per builder function: the chain adds nothing but the appending.
for (const [name, build] of Object.entries({
  speakSentence,
  playAudio,
  gather,
  record,
  redirect,
  transfer,
  pause,
  sendDtmf,
  hangup,
})) {
  (BxmlBuilder.prototype as unknown as Record<string, unknown>)[name] = function (
    this: BxmlBuilder,
    ...args: unknown[]
  ) {
    return this.add((build as (...args: unknown[]) => ResponseVerb)(...args));
  };
}
