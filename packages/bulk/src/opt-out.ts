/** Inbound texts that put the sender on the suppression list (case and spaces ignored). */
export const OPT_OUT_KEYWORDS: readonly string[] = Object.freeze([
  'STOP',
  'UNSUBSCRIBE',
  'CANCEL',
  'END',
  'QUIT',
]);

/** Inbound texts that take the sender off the suppression list. */
export const OPT_IN_KEYWORDS: readonly string[] = Object.freeze(['START']);

/** `opt-out`, `opt-in` or nothing, for an inbound text. */
export function keywordOf(text: string | undefined): 'opt-out' | 'opt-in' | undefined {
  const word = (text ?? '').trim().toUpperCase();
  if (OPT_OUT_KEYWORDS.includes(word)) return 'opt-out';
  if (OPT_IN_KEYWORDS.includes(word)) return 'opt-in';
  return undefined;
}
