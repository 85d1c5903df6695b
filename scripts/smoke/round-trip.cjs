// The message round trip both flow scripts run, given the modules each loaded with its own module
// system: starts the installed emulator, sends a message through the installed client, reads it
// back, checks that `@bw/messaging/callbacks` rejects bad input with the `CallbackError` of
// `@bw/messaging`, and prints one `BW_SMOKE_RESULT` JSON line. CommonJS, so both can load it.

/**
 * @param {string} system `require` or `import`: how the caller loaded the packages.
 * @param {{ emulator: any, messaging: any, callbacks: any }} loaded the three modules.
 */
async function roundTrip(system, { emulator: emulatorModule, messaging, callbacks }) {
  const { DEFAULT_USER, startEmulator } = emulatorModule;
  const runtime = globalThis.Bun ? 'bun' : globalThis.Deno ? 'deno' : 'node';
  const from = '+19195551212';
  const to = '+19195553434';
  const text = `smoke test from ${runtime} via ${system}`;
  const result = { system, runtime, ok: false };
  let emulator;
  try {
    emulator = await startEmulator({ users: [{ ...DEFAULT_USER, numbers: [from] }] });
    const client = new messaging.MessagingClient(
      DEFAULT_USER.userId,
      DEFAULT_USER.apiToken,
      DEFAULT_USER.apiSecret,
      { baseUrl: emulator.url },
    );
    const id = await client.sendMessage({ from, to, text });
    const message = await client.getMessage(id);
    result.id = id;
    const readBack = message.id === id && message.text === text && message.from === from;
    // The callbacks entry throws the main entry's error classes: one copy of each, not two.
    const rejected = await callbacks.parseMessageEvent('{not json').then(
      () => undefined,
      (error) => error,
    );
    result.sharedErrors = rejected instanceof messaging.CallbackError && rejected.status === 400;
    result.ok = readBack && result.sharedErrors;
    if (!readBack) result.error = `read back ${JSON.stringify(message)}`;
    else if (!result.sharedErrors) result.error = `callbacks entry threw ${rejected}`;
  } catch (error) {
    result.error = String(error?.stack ?? error);
  } finally {
    await emulator?.close();
  }
  console.log(`BW_SMOKE_RESULT ${JSON.stringify(result)}`);
}

module.exports = { roundTrip };
