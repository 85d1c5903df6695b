import { nodeHttpDispatcher } from './node-http-dispatcher';
import { createUndiciFetch } from './undici-fetch';

/**
 * The `node` build's platform `fetch`: `interim` until `engine` has loaded, then `engine`. The load
 * starts once the first request has been answered, on an unreferenced timer: no request waits for
 * it or counts it against its timeout, and a process that sends once and exits never pays for it.
 * If the load fails, requests stay on `interim`.
 */
export function fetchOnceLoaded(
  engine: typeof globalThis.fetch,
  load: () => Promise<unknown>,
  interim: typeof globalThis.fetch,
): typeof globalThis.fetch {
  // A failed load leaves the state at 'loading': `interim` serves from then on.
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
    const answer = interim(input, init);
    if (state === 'idle') {
      state = 'loading';
      const later = () => void setTimeout(startLoading, 0).unref?.();
      answer.then(later, later);
    }
    return answer;
  };
}

/**
 * What the `node` build installs: the undici fetch once undici has loaded, and until then the same
 * fetch over `node:http` (part of Node.js itself: the first request neither loads a client nor
 * compiles one, as Node's global `fetch` compiles its HTTP parser to WebAssembly on first use).
 */
export function nodePlatformFetch(): typeof globalThis.fetch {
  return fetchOnceLoaded(
    createUndiciFetch(),
    () => import('undici'),
    createUndiciFetch({ dispatcher: nodeHttpDispatcher() }),
  );
}
