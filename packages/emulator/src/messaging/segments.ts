// The GSM 03.38 basic character set and its extension table (extension characters take two septets).
const GSM_BASIC =
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';
const GSM_EXTENDED = '^{}\\[~]|€\f';
/** Septets per GSM character, by UTF-16 code unit (one look-up per character of a text). */
const SEPTETS = new Map<number, number>([
  ...[...GSM_BASIC].map((char) => [char.charCodeAt(0), 1] as const),
  ...[...GSM_EXTENDED].map((char) => [char.charCodeAt(0), 2] as const),
]);

/**
 * How many SMS segments `text` takes: GSM-7 text fits 160 septets in one segment and 153 per
 * segment when split; anything else is UCS-2, 70 characters or 67 per segment.
 */
export function segmentCount(text: string): number {
  let septets = 0;
  let gsm = true;
  // Every GSM character is a single UTF-16 unit; a surrogate half is in neither table.
  for (let index = 0; index < text.length; index++) {
    const width = SEPTETS.get(text.charCodeAt(index));
    if (width === undefined) {
      gsm = false;
      break;
    }
    septets += width;
  }
  if (gsm) return septets <= 160 ? 1 : Math.ceil(septets / 153);
  const units = text.length; // UTF-16 code units, as UCS-2 counts them
  return units <= 70 ? 1 : Math.ceil(units / 67);
}
