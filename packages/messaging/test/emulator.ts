import { type Emulator, startEmulator } from '@bw/emulator';
import { type EmulatorFixture, startEmulatorFixture } from '../../../test-support/emulator';
import { MessagingClient } from '../src/index';

/** Numbers the test user owns from the start. */
export const OWNED = ['+19195550100', '+19195550101'] as const;

/** The shared emulator fixture with a `MessagingClient` for its user, who owns {@link OWNED}. */
export interface MessagingFixture extends EmulatorFixture<Emulator> {
  client: MessagingClient;
}

export async function startMessagingFixture(): Promise<MessagingFixture> {
  const fixture = await startEmulatorFixture(
    startEmulator,
    { name: 'messaging', numbers: OWNED },
    { seed: 3 },
  );
  const client = new MessagingClient({ ...fixture.credentials, baseUrl: fixture.url });
  return { ...fixture, client };
}
