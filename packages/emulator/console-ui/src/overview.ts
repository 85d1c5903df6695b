import { useEffect, useState } from 'preact/hooks';
import { store, useStore } from './stream';

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

/** The emulator's state for the views. */
export interface Overview {
  url: string;
  speed: number;
  users: UserOverview[];
}

/** The overview, fetched again (at most every 500 ms) while entries come in. */
export function useOverview(): Overview | undefined {
  const version = useStore();
  const [overview, setOverview] = useState<Overview>();
  const [fetchedAt, setFetchedAt] = useState(0);
  useEffect(() => {
    const wait = Math.max(0, 500 - (Date.now() - fetchedAt));
    const timer = setTimeout(() => {
      setFetchedAt(Date.now());
      fetch('/_emulator/console/api/overview')
        .then((response) => response.json() as Promise<Overview>)
        .then(setOverview)
        .catch(() => undefined);
    }, wait);
    return () => clearTimeout(timer);
  }, [version === 0 ? 0 : Math.floor(store.version / 20), store.entries.length]);
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
