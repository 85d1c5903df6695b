import ky from 'ky';
import type { SenderFactory } from './transport';

/**
 * Clients' ky instances over a platform `fetch` whose engine loads on first use: the first attempt
 * waits for `prepare` (that load, once for every client) before it starts, so the load is not
 * counted against its timeout, and later attempts go straight to ky.
 */
export function kyAfter(prepare: () => Promise<unknown>): SenderFactory {
  let prepared: Promise<unknown> | undefined;
  let ready = false;
  return (defaults) => {
    const instance = ky.create(defaults);
    return (input, options) => {
      if (ready) return instance(input, options);
      prepared ??= prepare().then(() => {
        ready = true;
      });
      return prepared.then(() => instance(input, options));
    };
  };
}
