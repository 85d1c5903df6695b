/**
 * The `node` build's platform `fetch`: Node's global `fetch` (already loaded, since importing ky
 * builds a `Request`) until `engine` has loaded, then `engine`. The load starts once the first
 * request has been answered, on an unreferenced timer: no request waits for it or counts it
 * against its timeout, and a process that sends once and exits never pays for it. If the load
 * fails, requests stay on the global `fetch`.
 */
export function fetchOnceLoaded(
  engine: typeof globalThis.fetch,
  load: () => Promise<unknown>,
): typeof globalThis.fetch {
  // A failed load leaves the state at 'loading': the global `fetch` serves from then on.
  let state: 'idle' | 'loading' | 'ready' = 'idle';
  const startLoading = () => {
    load().then(
      () => {
        state = 'ready';
      },
      () => {},
    );
  };
  return (input, init) => {
    if (state === 'ready') return engine(input, init);
    const answer = globalThis.fetch(input, init);
    if (state === 'idle') {
      state = 'loading';
      const later = () => void setTimeout(startLoading, 0).unref?.();
      answer.then(later, later);
    }
    return answer;
  };
}
