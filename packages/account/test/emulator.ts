import { type Emulator, startEmulator } from '@bw/emulator';
import { AccountClient } from '../src/index';

/** A number the test user owns from the start. */
export const OWNED_NUMBER = '+19195550100';

/** An emulator with one user owning {@link OWNED_NUMBER}, and an `AccountClient` for that user. */
export interface AccountFixture {
  emulator: Emulator;
  client: AccountClient;
  /** The emulator's own view of the user's resources (`GET /_emulator/state`). */
  state(): Promise<Record<string, unknown>>;
  close(): Promise<void>;
}

export async function startAccountFixture(): Promise<AccountFixture> {
  const emulator = await startEmulator({
    speed: 100,
    seed: 7,
    users: [
      {
        userId: 'u-account',
        apiToken: 't-account',
        apiSecret: 's-account',
        numbers: [OWNED_NUMBER],
        balance: '50.00',
      },
    ],
  });
  const client = new AccountClient({ ...emulator.credentials, baseUrl: emulator.url });
  return {
    emulator,
    client,
    state: () => emulator.control.state(),
    close: () => emulator.close(),
  };
}

/** Reads a list property of an emulator state snapshot. */
export function listOf<T = Record<string, unknown>>(
  state: Record<string, unknown>,
  key: string,
): T[] {
  const value = state[key];
  if (!Array.isArray(value)) throw new Error(`state.${key} is not a list`);
  return value as T[];
}
