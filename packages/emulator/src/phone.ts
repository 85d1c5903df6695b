/** Helpers for telephone numbers (E.164, North American numbering). */

const E164 = /^\+[1-9]\d{6,14}$/;
const NANP = /^\+1[2-9]\d{2}[2-9]\d{6}$/;
const TOLL_FREE_AREA_CODES = new Set(['800', '833', '844', '855', '866', '877', '888']);

/** True for an E.164 number such as `+19195551212`. */
export function isE164(value: unknown): value is string {
  return typeof value === 'string' && E164.test(value);
}

/** True for a valid North American (+1) number. */
export function isNanpNumber(value: string): boolean {
  return NANP.test(value);
}

/** True for a North American toll-free number (800, 833, 844 … 888). */
export function isTollFree(value: string): boolean {
  return isNanpNumber(value) && TOLL_FREE_AREA_CODES.has(value.slice(2, 5));
}

/** Every toll-free area code, in order. */
export const TOLL_FREE_PREFIXES: readonly string[] = [...TOLL_FREE_AREA_CODES];

/** `+19195551212` → `(919) 555-1212`; other numbers are returned unchanged. */
export function nationalNumber(value: string): string {
  if (!isNanpNumber(value)) return value;
  return `(${value.slice(2, 5)}) ${value.slice(5, 8)}-${value.slice(8)}`;
}

/** True for a SIP URI destination (`sip:user@host`). */
export function isSipUri(value: string): boolean {
  return /^sip:[^@\s]+@[^@\s]+$/i.test(value);
}
