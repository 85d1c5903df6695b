// CommonJS consumer: the require() twin of flow.mjs. Starts the installed emulator, sends a
// message through the installed client, reads it back, prints one `BW_SMOKE_RESULT` JSON line.
const { DEFAULT_USER, startEmulator } = require('@bw/emulator');
const { MessagingClient } = require('@bw/messaging');

const runtime = globalThis.Bun ? 'bun' : globalThis.Deno ? 'deno' : 'node';
const from = '+19195551212';
const to = '+19195553434';
const text = `smoke test from ${runtime} via require`;

async function main() {
  const result = { system: 'require', runtime, ok: false };
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
}

main();
