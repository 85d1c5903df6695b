import { useEffect, useState } from 'preact/hooks';
import { store } from './stream';

/** One user's state as `/_emulator/console/api/overview` shows it (credentials masked). */
export interface UserOverview {
  userId: string;
  balance: string;
  credentials: { userId: string; apiToken: string; apiSecret: string };
  phoneNumbers: Array<{ id: string; number: string; applicationId?: string; name?: string }>;
  applications: Array<Record<string, unknown> & { id: string; name: string }>;
  domains: Array<Record<string, unknown>>;
  endpoints: Array<Record<string, unknown>>;
  errors: Array<Record<string, unknown>>;
  [slot: string]: unknown;
}

/** The auto-answer policy of outbound calls: `never`, or answered after `afterMs`. */
export type AutoAnswerPolicy = 'never' | { afterMs: number };

/** The emulator's state for the views. */
export interface Overview {
  url: string;
  speed: number;
  autoAnswer: AutoAnswerPolicy;
  /** The policy the emulator started with (what a reset restores). */
  startAutoAnswer: AutoAnswerPolicy;
  users: UserOverview[];
  /** When the page asked for this overview (epoch ms): answers older than a change are stale. */
  requestedAt: number;
}

const MIN_INTERVAL_MS = 500;

/**
 * The overview, fetched again while entries come in: at most one request in flight and one
 * every 500 ms however many entries arrive, so 200 live calls do not turn into 200 fetches.
 */
class OverviewPoller {
  current: Overview | undefined;
  readonly #listeners = new Set<() => void>();
  #timer: ReturnType<typeof setTimeout> | undefined;
  #inFlight = false;
  #again = false;
  #fetchedAt = 0;

  start(): void {
    store.subscribe(() => this.request());
    this.request();
  }

  /** Asks for a fresh overview (soon, not necessarily at once). */
  request(): void {
    if (this.#timer !== undefined || this.#inFlight) {
      this.#again = true;
      return;
    }
    const wait = Math.max(0, MIN_INTERVAL_MS - (Date.now() - this.#fetchedAt));
    this.#timer = setTimeout(() => void this.#fetch(), wait);
  }

  subscribe(listener: () => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  async #fetch(): Promise<void> {
    this.#timer = undefined;
    this.#inFlight = true;
    const requestedAt = Date.now();
    this.#fetchedAt = requestedAt;
    try {
      const response = await fetch('/_emulator/console/api/overview');
      if (response.ok) {
        this.current = { ...((await response.json()) as Overview), requestedAt };
        for (const listener of this.#listeners) listener();
      }
    } catch {
      // The stream shows the connection state; the next change asks again.
    } finally {
      this.#inFlight = false;
      if (this.#again) {
        this.#again = false;
        this.request();
      }
    }
  }
}

/** The page's one overview poller. */
export const overviewPoller = new OverviewPoller();

/** The latest overview; re-renders the caller when a new one arrives. */
export function useOverview(): Overview | undefined {
  const [overview, setOverview] = useState(overviewPoller.current);
  useEffect(() => overviewPoller.subscribe(() => setOverview(overviewPoller.current)), []);
  return overview;
}

/** A list of the user's voice state (`calls`, `recordings`, `conferences` …). */
export function voiceItems(
  user: UserOverview | undefined,
  name: string,
): Array<Record<string, unknown>> {
  const voice = user?.voice as Record<string, unknown> | undefined;
  const value = voice?.[name];
  return Array.isArray(value) ? (value as Array<Record<string, unknown>>) : [];
}

/** Every user's items of one list, each with its `userId`. */
export function allItems(
  overview: Overview | undefined,
  pick: (user: UserOverview) => Array<Record<string, unknown>>,
): Array<Record<string, unknown> & { userId: string }> {
  return (overview?.users ?? []).flatMap((user) =>
    pick(user).map((item) => ({ ...item, userId: user.userId })),
  );
}
