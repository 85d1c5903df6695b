import { ValidationError } from '@bw/messaging';
import { parse } from 'csv-parse';
import type { Recipient } from './types';

/** Options of {@link recipientsFromCsv}. */
export interface CsvOptions {
  /**
   * The text for every row, with `{column}` placeholders filled from the row (`Hi {name}`).
   * Default: the row's `text` column.
   */
  text?: string;
  /** Column of the key. Default `key`; rows without one use their `to`. */
  keyColumn?: string;
  /** Column of the recipient's number. Default `to`. */
  toColumn?: string;
  /** Column of a send time (ISO-8601), when the file has one. Default `sendAt`. */
  sendAtColumn?: string;
}

/**
 * Reads recipients from CSV with a header row (`to,key,name,…`), streaming: pass a file stream
 * (`fs.createReadStream('list.csv')`), any async iterable of text or bytes, or a string.
 * Parsing is done by `csv-parse` (quotes, commas and new lines inside fields, a BOM).
 *
 * @example
 * ```ts
 * await bulk.enqueue(recipientsFromCsv(createReadStream('list.csv'), { text: 'Hi {name}!' }));
 * ```
 */
export async function* recipientsFromCsv(
  input: AsyncIterable<string | Uint8Array> | Iterable<string | Uint8Array> | string,
  options: CsvOptions = {},
): AsyncGenerator<Recipient> {
  const keyColumn = options.keyColumn ?? 'key';
  const toColumn = options.toColumn ?? 'to';
  const sendAtColumn = options.sendAtColumn ?? 'sendAt';
  const parser = parse({ columns: true, bom: true, trim: true, skip_empty_lines: true });
  const feed = (async () => {
    try {
      const chunks = typeof input === 'string' ? [input] : input;
      for await (const chunk of chunks as AsyncIterable<string | Uint8Array>) {
        if (!parser.write(chunk)) await new Promise((resolve) => parser.once('drain', resolve));
      }
      parser.end();
    } catch (error) {
      parser.destroy(error as Error);
    }
  })();
  let line = 1;
  for await (const row of parser as AsyncIterable<Record<string, string>>) {
    line += 1;
    const to = row[toColumn];
    if (!to) throw new ValidationError(`CSV row ${line}: no ${toColumn} column`);
    const text = options.text === undefined ? row.text : fill(options.text, row);
    if (text === undefined)
      throw new ValidationError(`CSV row ${line}: no text column and no text given`);
    const recipient: Recipient = { key: row[keyColumn] || to, to, text };
    const sendAt = row[sendAtColumn];
    if (sendAt) recipient.sendAt = sendAt;
    yield recipient;
  }
  await feed;
}

function fill(template: string, row: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (whole, column: string) => row[column] ?? whole);
}
