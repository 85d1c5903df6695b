import { type Emulator, startEmulator } from '@bw/emulator';
import { type EmulatorFixture, startEmulatorFixture } from '../../../test-support/emulator';
import { AccountClient } from '../src/index';

/** A number the test user owns from the start. */
export const OWNED_NUMBER = '+19195550100';

/** The shared emulator fixture with an `AccountClient` for its user, who owns {@link OWNED_NUMBER}. */
export interface AccountFixture extends EmulatorFixture<Emulator> {
  client: AccountClient;
}

export async function startAccountFixture(): Promise<AccountFixture> {
  const fixture = await startEmulatorFixture(
    startEmulator,
    { name: 'account', numbers: [OWNED_NUMBER], balance: '50.00' },
    { seed: 7 },
  );
  const client = new AccountClient({ ...fixture.credentials, baseUrl: fixture.url });
  return { ...fixture, client };
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
