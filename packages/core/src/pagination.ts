/** A lazy list: iterate items, `pages()` for one array per page, or `toArray()`. */
export interface PagedIterable<T> extends AsyncIterable<T> {
  /** One array per page, empty pages included. */
  pages(): AsyncIterable<T[]>;
  /** Every item, or the first `limit` items without requesting further pages. */
  toArray(options?: { limit?: number }): Promise<T[]>;
}

/** One parsed link-value of a `Link` header. */
export interface LinkValue {
  /** The target as written (not yet resolved). */
  target: string;
  /** Relation types, lower-cased. */
  rel: string[];
}

// `<target>` and its parameters. A parameter value is a quoted string (which may hold `,`, `;`
// and `\"`), a single-quoted string, or a bare token.
const linkValuePattern =
  /<([^>]*)>((?:\s*;\s*[^;,=\s]+(?:\s*=\s*(?:"(?:[^"\\]|\\.)*"|'[^']*'|[^;,]*))?)*)/g;
const linkParamPattern = /;\s*([^;,=\s]+)(?:\s*=\s*("(?:[^"\\]|\\.)*"|'[^']*'|[^;,]*))?/g;

function unquote(value: string): string {
  if (value.startsWith('"')) return value.slice(1, -1).replace(/\\(.)/g, '$1');
  return value.startsWith("'") ? value.slice(1, -1) : value.trim();
}

/**
 * Parses `Link` header values (RFC 8288), tolerantly: link-values split on commas outside `<…>`
 * and quotes, parameters on `;`, `rel` quoted with `"` or `'` or bare and possibly holding several
 * space-separated types; other parameters are skipped. Pass every `Link` header, or one combined.
 */
export function parseLinkHeader(
  header: string | readonly string[] | null | undefined,
): LinkValue[] {
  const text = typeof header === 'string' ? header : (header ?? []).join(',');
  const links: LinkValue[] = [];
  for (const [, target = '', params = ''] of text.matchAll(linkValuePattern)) {
    // Only the first `rel` counts (RFC 8288 §3.3).
    const rel = [...params.matchAll(linkParamPattern)].find(
      ([, name]) => name?.toLowerCase() === 'rel',
    );
    links.push({
      target: target.trim(),
      rel: rel
        ? unquote(rel[2] ?? '')
            .toLowerCase()
            .split(/\s+/)
            .filter(Boolean)
        : [],
    });
  }
  return links;
}

/** The first `rel="next"` target, resolved against `requestUrl`; `undefined` at the last page. */
export function nextLink(
  header: string | readonly string[] | null | undefined,
  requestUrl: string,
): string | undefined {
  const next = parseLinkHeader(header).find((link) => link.rel.includes('next'));
  return next && new URL(next.target, requestUrl).href;
}

/** One fetched page: its items and the URL of the next page, if any. */
export interface Page<T> {
  items: T[];
  next: string | undefined;
}

/**
 * A lazy `PagedIterable` over `fetchPage`: called with `undefined` for the first page, then with
 * each `next`. Nothing is requested until iteration starts; every iteration starts afresh.
 */
export function createPagedIterable<T>(
  fetchPage: (next: string | undefined) => Promise<Page<T>>,
  map?: (item: T) => T,
): PagedIterable<T> {
  async function* pages(): AsyncGenerator<T[]> {
    let next: string | undefined;
    do {
      const page = await fetchPage(next);
      yield map ? page.items.map((item) => map(item)) : page.items;
      next = page.next;
    } while (next !== undefined);
  }
  return {
    pages,
    async *[Symbol.asyncIterator]() {
      for await (const page of pages()) yield* page;
    },
    async toArray({ limit = Infinity } = {}) {
      const items: T[] = [];
      if (limit <= 0) return items;
      for await (const page of pages()) {
        items.push(...page);
        if (items.length >= limit) return items.slice(0, limit);
      }
      return items;
    },
  };
}
