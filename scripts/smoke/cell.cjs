// One cell of the runtime matrix, written once for every runtime and module system: Node.js, Bun
// and Deno load it from cell.mjs (import) or cell-require.cjs (require); the workerd worker bundles
// it (worker.mjs). CommonJS, so every one of them can load it. It never loads a package itself:
// the caller passes the modules it loaded, so each module system is tested through its own entry.
//
// Three checks, each returning `{ ok, error?, … }`:
// - send: a message through `@bw/sdk`'s messaging client to an emulator, read back by id.
// - callback: an `answer` callback answered by `@bw/voice/callbacks`' Fetch handler with a
//   `@bw/bxml` document, which must parse back to the same document; bad input gets a 400.
// - faults: transport failures against the gate's loopback fault server (refused, dropped, 503,
//   timeout), each through an idempotent GET and a POST; the gate checks on its side how many
//   requests arrived, so a retried GET and a POST sent once are proved by the server's count.

/** The runtime this file runs in, as the matrix names it. */
function runtimeName() {
  if (globalThis.Bun) return 'bun';
  if (globalThis.Deno) return 'deno';
  if (globalThis.navigator?.userAgent === 'Cloudflare-Workers') return 'workerd';
  return 'node';
}

const from = '+19195551212';
const to = '+19195553434';

/** Retry policy of the fault cases: the default's shape, with short waits so the gate stays fast. */
const faultRetry = { limit: 2, baseDelay: 20, maxDelay: 100 };
/**
 * Per-attempt timeouts of the fault cases, in ms. `hang` never answers and must end in a
 * `TimeoutError`; the others are answered at once, so their timeout is only a safety net that a
 * loaded machine must not reach. The cases run after the message was sent, so loading the
 * transport (on Node.js the first request imports undici) does not eat into an attempt.
 */
const faultTimeouts = { hang: 1500, other: 15_000 };

/**
 * Sends a message through the installed SDK and reads it back.
 * @param {any} sdk `@bw/sdk`
 * @param {{ url: string, userId: string, apiToken: string, apiSecret: string }} emulator where
 *   and as whom (an emulator's `credentials` hide the secret from `JSON.stringify`, so the worker
 *   gets the three values spelled out)
 * @param {string} label who sends (runtime and module system), put in the text
 */
async function sendMessage(sdk, emulator, label) {
  try {
    const { userId, apiToken, apiSecret } = emulator;
    const messaging = sdk.client('messaging', userId, apiToken, apiSecret, {
      baseUrl: emulator.url,
    });
    const text = `smoke test from ${label}`;
    const id = await messaging.sendMessage({ from, to, text });
    const message = await messaging.getMessage(id);
    if (message.id !== id || message.text !== text || message.from !== from) {
      return { ok: false, error: `read back ${JSON.stringify(message)}` };
    }
    return { ok: true, id };
  } catch (error) {
    return { ok: false, error: String(error?.stack ?? error) };
  }
}

/**
 * The document the callback handler answers an `answer` event with. The text carries markup
 * characters, so it only parses back equal when the builder escaped them.
 */
function answerDocument(bxml, event) {
  return bxml.response(
    bxml.speakSentence(`Hello ${event.from} <caller> & "co"`, { voice: 'susan' }),
    bxml.hangup(),
  );
}

/**
 * The voice callback handler every cell serves: for `answer`, the `@bw/bxml` document itself
 * (the handler renders it); nothing for the rest.
 */
function createAnswerHandler(voiceCallbacks, bxml) {
  return voiceCallbacks.createVoiceCallbackHandler({
    onEvent: (event) => (event.eventType === 'answer' ? answerDocument(bxml, event) : undefined),
  });
}

/** The GET form of an `answer` callback, as the API sends it when `callbackHttpMethod` is GET. */
function answerQuery() {
  return new URLSearchParams({
    eventType: 'answer',
    callId: 'c-smoke-1',
    callUri: 'https://api.catapult.inetwork.com/v1/users/u-smoke/calls/c-smoke-1',
    from,
    to,
    callState: 'active',
    time: '2026-01-01T00:00:00Z',
  }).toString();
}

/**
 * Checks the handler's answers: the `answer` callback gets 200 `application/xml` whose body
 * parses back to the expected document; a malformed JSON body gets a 400 (and no crash).
 * @param {(path: string, init?: RequestInit) => Promise<Response>} send delivers a callback
 */
async function checkCallback(send, bxml) {
  try {
    const answered = await send(`/voice?${answerQuery()}`);
    const body = await answered.text();
    const type = answered.headers.get('content-type') ?? '';
    if (answered.status !== 200 || !type.includes('application/xml')) {
      return { ok: false, error: `answer got ${answered.status} ${type}: ${body.slice(0, 200)}` };
    }
    const expected = bxml.toXml(answerDocument(bxml, { from }));
    const readBack = bxml.toXml(bxml.parseBxml(body));
    if (readBack !== expected) return { ok: false, error: `answer BXML was ${body}` };
    const malformed = await send('/voice', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{not json',
    });
    if (malformed.status !== 400) {
      return { ok: false, error: `malformed callback got ${malformed.status}, not 400` };
    }
    return { ok: true };
  } catch (error) {
    return { ok: false, error: String(error?.stack ?? error) };
  }
}

/** The cases the fault server serves, by the first path segment after the cell's prefix. */
const faultScenarios = ['refused', 'dropped', 'unavailable', 'hang'];

/**
 * Runs every fault scenario through a GET (`getMessage`, idempotent) and a POST (`sendMessage`),
 * all at once. Reports, per scenario and method, the error's name, whether it is an instance of
 * the SDK's class of that name, its status, and how many retries the `beforeRetry` hook saw.
 * @param {any} sdk `@bw/sdk`
 * @param {{ faultUrl: string, refusedUrl: string, cell: string }} target where the fault server
 *   listens, a loopback URL nothing listens on, and this cell's id (a path prefix the server counts by)
 */
async function runFaults(sdk, target) {
  const outcomes = {};
  const one = async (scenario, method) => {
    let retries = 0;
    const base =
      scenario === 'refused' ? target.refusedUrl : `${target.faultUrl}/${target.cell}/${scenario}`;
    const messaging = sdk.client('messaging', 'u-smoke', 't-smoke', 's-smoke', {
      baseUrl: base,
      timeout: faultTimeouts[scenario] ?? faultTimeouts.other,
      retry: faultRetry,
      hooks: { beforeRetry: [() => void retries++] },
    });
    const started = Date.now();
    try {
      const value =
        method === 'GET'
          ? await messaging.getMessage('m-smoke')
          : await messaging.sendMessage({ from, to, text: 'fault case' });
      return { resolved: JSON.stringify(value), retries };
    } catch (error) {
      const name = error?.name ?? typeof error;
      const sdkClass = sdk[name];
      return {
        error: name,
        isSdkClass: typeof sdkClass === 'function' && error instanceof sdkClass,
        status: error?.status,
        message: String(error?.message ?? error).slice(0, 200),
        retries,
        ms: Date.now() - started,
      };
    }
  };
  await Promise.all(
    faultScenarios.flatMap((scenario) =>
      ['GET', 'POST'].map(async (method) => {
        outcomes[scenario] ??= {};
        outcomes[scenario][method] = await one(scenario, method);
      }),
    ),
  );
  return outcomes;
}

/**
 * The whole cell for Node.js, Bun and Deno: starts the installed emulator in this runtime, then
 * runs the three checks and prints one `BW_SMOKE_RESULT` line. The callback handler is called
 * as a Fetch handler, with `Request` objects built here.
 * @param {string} system `import` or `require`: how the caller loaded the packages
 * @param {{ sdk: any, voiceCallbacks: any, bxml: any, emulator: any }} modules
 */
async function runCell(system, modules) {
  const { sdk, voiceCallbacks, bxml } = modules;
  const target = JSON.parse(globalThis.process?.argv?.[2] ?? Deno.args[0]);
  const runtime = runtimeName();
  const result = { system, runtime, version: runtimeVersion() };
  let emulator;
  try {
    const { DEFAULT_USER, startEmulator } = modules.emulator;
    emulator = await startEmulator({ users: [{ ...DEFAULT_USER, numbers: [from] }] });
    const account = { url: emulator.url, ...DEFAULT_USER };
    const handler = createAnswerHandler(voiceCallbacks, bxml);
    const [send, callback] = await Promise.all([
      sendMessage(sdk, account, `${runtime} via ${system}`),
      checkCallback((path, init) => handler(new Request(`http://127.0.0.1${path}`, init)), bxml),
    ]);
    Object.assign(result, { send, callback, faults: await runFaults(sdk, target) });
  } catch (error) {
    result.error = String(error?.stack ?? error);
  } finally {
    await emulator?.close();
  }
  console.log(`BW_SMOKE_RESULT ${JSON.stringify(result)}`);
}

function runtimeVersion() {
  if (globalThis.Bun) return globalThis.Bun.version;
  if (globalThis.Deno) return globalThis.Deno.version.deno;
  return globalThis.process?.versions?.node ?? '';
}

module.exports = {
  checkCallback,
  createAnswerHandler,
  faultScenarios,
  faultRetry,
  runCell,
  runFaults,
  runtimeName,
  sendMessage,
};
