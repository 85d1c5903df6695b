import type { PagedIterable } from '@bw/core';

/**
 * Defers building a list until it is first read, so that an invalid path id rejects the first
 * `next()` (or `toArray()`) instead of throwing from the list method itself.
 */
export function lazyPaged<T>(start: () => PagedIterable<T>): PagedIterable<T> {
  return {
    async *[Symbol.asyncIterator]() {
      yield* start();
    },
    async *pages() {
      yield* start().pages();
    },
    async toArray(options) {
      return start().toArray(options);
    },
  };
}
