import { validationError } from './errors';
import type { HttpReply, HttpRequest, RequestQuery } from './http';

/** Page-size limits of a list. */
export interface PageLimits {
  /** Default `size` (25). */
  defaultSize?: number;
  /** Largest allowed `size` (1000). */
  maxSize?: number;
  /** Resource name used in validation messages. */
  resource?: string;
}

/** Reads one query value (the last one when repeated). */
export function queryValue(query: unknown, key: string): string | undefined {
  const value = (query as RequestQuery | undefined)?.[key];
  return Array.isArray(value) ? value[value.length - 1] : value;
}

/** Parses a non-negative integer query parameter; 400 when it is not one. */
export function integerQuery(
  query: unknown,
  key: string,
  resource: string,
  fallback: number,
): number {
  const raw = queryValue(query, key);
  if (raw === undefined || raw === '') return fallback;
  if (!/^\d+$/.test(raw)) {
    throw validationError(`The '${resource}' resource property '${key}' must be a number`);
  }
  return Number(raw);
}

/** Reads and checks `size` (default 25, between 1 and the maximum). */
export function pageSize(query: unknown, limits: PageLimits = {}): number {
  const resource = limits.resource ?? 'list';
  const maxSize = limits.maxSize ?? 1000;
  const size = integerQuery(query, 'size', resource, limits.defaultSize ?? 25);
  if (size < 1) {
    throw validationError(`The '${resource}' resource property 'size' must be greater than 0`);
  }
  if (size > maxSize) {
    throw validationError(
      `The '${resource}' resource property 'size' exceeds the limit of ${maxSize}`,
    );
  }
  return size;
}

/**
 * Page/size pagination: returns one page of `items` and sets
 * `Link: <…?page=0&size=S>; rel="first", <…?page=N+1&size=S>; rel="next"` (next only while
 * more items follow). Other query parameters are kept so filters survive in the links.
 */
export function paginate<T>(
  request: HttpRequest,
  reply: HttpReply,
  items: readonly T[],
  origin: string,
  limits: PageLimits = {},
): T[] {
  const size = pageSize(request.query, limits);
  const page = integerQuery(request.query, 'page', limits.resource ?? 'list', 0);
  const start = page * size;
  const pageItems = items.slice(start, start + size);
  const links = [`<${linkTo(request, origin, { page: '0', size: String(size) })}>; rel="first"`];
  if (start + size < items.length) {
    links.push(
      `<${linkTo(request, origin, { page: String(page + 1), size: String(size) })}>; rel="next"`,
    );
  }
  reply.header('Link', links.join(', '));
  return pageItems;
}

/** Cursor order of a cursor-paginated list. */
export type SortOrder = 'asc' | 'desc';

/**
 * Cursor pagination (messages): `items` must already be filtered and sorted in `order`.
 * Returns the first `size` items and, while more follow, sets
 * `Link: <…?sortKeyLT=KEY&size=S>; rel="next"` (`sortKeyGT` in ascending order), where KEY
 * is the key of the last item returned.
 */
export function cursorPaginate<T>(
  request: HttpRequest,
  reply: HttpReply,
  items: readonly T[],
  keyOf: (item: T) => string,
  order: SortOrder,
  origin: string,
  limits: PageLimits = {},
): T[] {
  const size = pageSize(request.query, limits);
  const pageItems = items.slice(0, size);
  const last = pageItems[pageItems.length - 1];
  if (items.length > size && last !== undefined) {
    const cursorKey = order === 'desc' ? 'sortKeyLT' : 'sortKeyGT';
    const next = linkTo(request, origin, { [cursorKey]: keyOf(last), size: String(size) }, [
      'sortKeyLT',
      'sortKeyGT',
      'page',
    ]);
    reply.header('Link', `<${next}>; rel="next"`);
  }
  return pageItems;
}

function linkTo(
  request: HttpRequest,
  origin: string,
  overrides: Record<string, string>,
  drop: string[] = [],
): string {
  const params = new URLSearchParams(request.url.slice(request.path.length + 1));
  for (const key of drop) params.delete(key);
  for (const [key, value] of Object.entries(overrides)) params.set(key, value);
  return `${origin}${request.path}?${params.toString()}`;
}
