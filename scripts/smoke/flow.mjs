// ESM consumer: starts the installed emulator, sends a message through the installed client, reads
// it back, and prints one `BW_SMOKE_RESULT` JSON line. Runs unchanged in Node.js, Bun and Deno.
import { DEFAULT_USER, startEmulator } from '@bw/emulator';
import { MessagingClient } from '@bw/messaging';

const runtime = globalThis.Bun ? 'bun' : globalThis.Deno ? 'deno' : 'node';
const from = '+19195551212';
const to = '+19195553434';
const text = `smoke test from ${runtime} via import`;
const result = { system: 'import', runtime, ok: false };
let emulator;
try {
  emulator = await startEmulator({ users: [{ ...DEFAULT_USER, numbers: [from] }] });
  const client = new MessagingClient(
    DEFAULT_USER.userId,
    DEFAULT_USER.apiToken,
    DEFAULT_USER.apiSecret,
    { baseUrl: emulator.url },
  );
  const id = await client.sendMessage({ from, to, text });
  const message = await client.getMessage(id);
  result.id = id;
  result.ok = message.id === id && message.text === text && message.from === from;
  if (!result.ok) result.error = `read back ${JSON.stringify(message)}`;
} catch (error) {
  result.error = String(error?.stack ?? error);
} finally {
  await emulator?.close();
}
console.log(`BW_SMOKE_RESULT ${JSON.stringify(result)}`);
