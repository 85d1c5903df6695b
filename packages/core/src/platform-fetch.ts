import { nodeHttpDispatcher } from './node-http-dispatcher';
import type { PlatformFetch } from './transport';
import { createUndiciFetch } from './undici-fetch';

/**
 * The `node` build's platform `fetch`: `interim` until `engine` has loaded, then `engine`. The load
 * starts once the first request has been answered, on an unreferenced timer: no request waits for
 * it or counts it against its timeout, and a process that sends once and exits never pays for it.
 * `ready()` starts it at once instead (a server at start-up, so that it does not land in the first
 * burst of requests). If the load fails, requests stay on `interim`.
 */
export function fetchOnceLoaded(
  engine: typeof globalThis.fetch,
  load: () => Promise<unknown>,
  interim: typeof globalThis.fetch,
): PlatformFetch {
  // Once the load has started it settles `loaded`; a failed load leaves `ready` false and
  // `interim` serves from then on.
  let loaded: Promise<void> | undefined;
  let ready = false;
  const startLoading = (): Promise<void> => {
    loaded ??= load().then(
      () => {
        ready = true;
      },
      () => {},
    );
    return loaded;
  };
  let answered = false;
  const platform: PlatformFetch = (input, init) => {
    if (ready) return engine(input, init);
    const answer = interim(input, init);
    if (!answered) {
      answered = true;
      // A runtime that takes the `node` build with timers as numbers has nothing to unref.
      const later = () => void setTimeout(startLoading, 0).unref?.();
      answer.then(later, later);
    }
    return answer;
  };
  platform.ready = startLoading;
  return platform;
}

/**
 * What the `node` build installs: the undici fetch once undici has loaded, and until then the same
 * fetch over `node:http` (part of Node.js itself: the first request neither loads a client nor
 * compiles one, as Node's global `fetch` compiles its HTTP parser to WebAssembly on first use).
 */
export function nodePlatformFetch(): PlatformFetch {
  return fetchOnceLoaded(
    createUndiciFetch(),
    () => import('undici'),
    createUndiciFetch({ dispatcher: nodeHttpDispatcher() }),
  );
}
