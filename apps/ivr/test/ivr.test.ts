import { fileURLToPath } from 'node:url';
import { routeNumber, startScript, waitForVerb, withoutBandwidthSettings } from '@bw/app-kit';
import { type BxmlVerbTraceEntry, type Emulator, startEmulator } from '@bw/emulator';
import { bxml, client } from '@bw/sdk';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { createIvrApp, DEFAULT_SCRIPT, type IvrApp, menuDocument } from '../src/index';

const IVR_NUMBER = '+19195551414';
const SALES = '+19195550199';
const CALLER = '+14045550100';

let emulator: Emulator;
let app: IvrApp;

beforeAll(async () => {
  // Slow enough that a key pressed after seeing the Gather start lands inside it on a busy machine.
  emulator = await startEmulator({
    speed: 20,
    users: [{ userId: 'u-ivr', apiToken: 't-ivr', apiSecret: 's-ivr', numbers: [IVR_NUMBER] }],
  });
});
afterEach(async () => {
  await app?.close();
  await emulator.control.reset();
});
afterAll(() => emulator.close());

async function startIvr(): Promise<IvrApp> {
  app = await createIvrApp({ salesNumber: SALES });
  const { userId, apiToken, apiSecret } = emulator.credentials;
  const accounts = client('account', userId, apiToken, apiSecret, { baseUrl: emulator.url });
  await routeNumber(accounts, {
    number: IVR_NUMBER,
    name: 'ivr test',
    incomingCallUrl: app.incomingCallUrl,
    callbackHttpMethod: 'GET',
  });
  return app;
}

/** Places an inbound call and presses `key` once the menu's Gather of `document` listens. */
async function callAndPress(key: string, document = 1): Promise<string> {
  const { callId } = await emulator.control.inboundCall({ from: CALLER, to: IVR_NUMBER });
  await pressWhenListening(callId, key, document);
  return callId;
}

async function pressWhenListening(callId: string, key: string, document: number): Promise<void> {
  await waitForVerb(
    emulator.control,
    callId,
    (verb) => verb.verb === 'Gather' && verb.document === document && verb.outcome === 'running',
  );
  await emulator.control.sendDtmf(callId, key);
}

function hungUp(callId: string) {
  return emulator.control.waitForCallback(
    (record) => record.body.callId === callId && record.body.eventType === 'hangup',
    { timeout: 15_000 },
  );
}

/** `document:Verb` for every executed verb, e.g. `1:Gather`. */
function verbsOf(trace: BxmlVerbTraceEntry[]): string[] {
  return trace.map((verb) => `${verb.document}:${verb.verb}`);
}

describe('the phone menu', () => {
  test('answers with the greeting and the menu in one Gather of one key', async () => {
    const ivr = await startIvr();
    const { callId } = await emulator.control.inboundCall({ from: CALLER, to: IVR_NUMBER });
    const gather = await waitForVerb(emulator.control, callId, (verb) => verb.verb === 'Gather');

    expect(gather.attributes).toMatchObject({ requestUrl: `${ivr.url}/menu`, maxDigits: 1 });
    expect(gather.children?.map((child) => child.text)).toEqual([
      DEFAULT_SCRIPT.greeting,
      DEFAULT_SCRIPT.menu,
    ]);
    const answer = await emulator.control.waitForCallback(
      (record) => record.body.callId === callId && record.body.eventType === 'answer',
    );
    expect(answer).toMatchObject({ method: 'GET', url: app.incomingCallUrl, status: 200 });
    await emulator.control.hangupCall(callId);
  });

  test('2 records a voicemail, thanks the caller and hangs up', async () => {
    const ivr = await startIvr();
    const callId = await callAndPress('2');
    await hungUp(callId);

    const verbs = await emulator.control.trace(callId, { type: 'verb' });
    expect(verbsOf(verbs)).toEqual([
      '1:Gather',
      '2:SpeakSentence',
      '2:Record',
      '2:SpeakSentence',
      '2:Hangup',
    ]);
    expect(verbs[0]?.result).toMatchObject({ digits: '2' });
    const record = verbs[2];
    expect(record?.outcome).toBe('completed');
    expect(record?.result).toMatchObject({ reason: 'silence' });

    expect(ivr.voicemails).toEqual([
      expect.objectContaining({ callId, from: CALLER, recordingId: record?.result?.recordingId }),
    ]);
    const { userId, apiToken, apiSecret } = emulator.credentials;
    const recordings = client('voice', userId, apiToken, apiSecret, { baseUrl: emulator.url });
    const saved = await recordings.getRecording(String(record?.result?.recordingId));
    expect(saved).toMatchObject({ state: 'complete' });
    expect(saved.call ?? '').toContain(callId);
  });

  test('1 transfers to sales, and when sales hangs up the caller hears goodbye', async () => {
    await startIvr();
    const callId = await callAndPress('1');
    const transfer = await waitForVerb(
      emulator.control,
      callId,
      (verb) => verb.verb === 'Transfer' && verb.result?.answeredBy !== undefined,
    );
    expect(transfer.attributes).toMatchObject({ transferTo: SALES });
    await emulator.control.hangupCall(String(transfer.result?.answeredBy));
    await hungUp(callId);

    const verbs = await emulator.control.trace(callId, { type: 'verb' });
    expect(verbsOf(verbs)).toEqual([
      '1:Gather',
      '2:SpeakSentence',
      '2:Transfer',
      '3:SpeakSentence',
      '3:Hangup',
    ]);
    expect(verbs[3]?.text).toBe(DEFAULT_SCRIPT.goodbye);
    const complete = await emulator.control.waitForCallback(
      (record) => record.body.callId === callId && record.body.eventType === 'transferComplete',
    );
    expect(complete.url).toBe(`${app.url}/transfer-complete`);
  });

  test('1 when sales does not answer says so and takes a voicemail', async () => {
    await emulator.control.setAutoAnswer('never');
    const ivr = await startIvr();
    const callId = await callAndPress('1');
    const transfer = await waitForVerb(
      emulator.control,
      callId,
      (verb) => verb.verb === 'Transfer',
    );
    expect(transfer.attributes).toMatchObject({ transferTo: SALES, callTimeout: 20 });
    await hungUp(callId);

    const verbs = await emulator.control.trace(callId, { type: 'verb' });
    expect(verbsOf(verbs)).toEqual([
      '1:Gather',
      '2:SpeakSentence',
      '2:Transfer',
      '2:SpeakSentence',
      '2:SpeakSentence',
      '2:Record',
      '2:SpeakSentence',
      '2:Hangup',
    ]);
    expect(verbs[3]?.text).toBe(DEFAULT_SCRIPT.salesUnavailable);
    expect(verbs[4]?.text).toBe(DEFAULT_SCRIPT.voicemailPrompt);
    expect(ivr.voicemails).toEqual([
      expect.objectContaining({ callId, from: CALLER, recordingId: verbs[5]?.result?.recordingId }),
    ]);
  }, 20_000);

  test('3 says goodbye; any other key repeats the menu', async () => {
    await startIvr();
    const callId = await callAndPress('9');
    await pressWhenListening(callId, '3', 2);
    await hungUp(callId);

    const verbs = await emulator.control.trace(callId, { type: 'verb' });
    expect(verbsOf(verbs)).toEqual([
      '1:Gather',
      '2:SpeakSentence',
      '2:Gather',
      '3:SpeakSentence',
      '3:Hangup',
    ]);
    expect(verbs[1]?.text).toBe(DEFAULT_SCRIPT.invalidChoice);
    expect(verbs[2]?.children?.map((child) => child.text)).toEqual([DEFAULT_SCRIPT.menu]);
    expect(verbs[3]?.text).toBe(DEFAULT_SCRIPT.goodbye);
  });
});

test('every document is valid BXML and escapes the sentences', () => {
  const xml = menuDocument(
    {
      url: 'http://127.0.0.1:1',
      salesNumber: SALES,
      script: { ...DEFAULT_SCRIPT, greeting: 'Welcome to <Ben & Jerry>' },
    },
    { greet: true },
  );
  expect(xml).toContain('Welcome to &lt;Ben &amp; Jerry&gt;');
  expect(bxml.validateBxml(xml)).toEqual([]);
  const document = bxml.parseBxml(xml);
  expect(document.children.at(-1)?.verb).toBe('Gather');
});

test('the start entry routes its number to itself and takes a voicemail until Ctrl+C', async () => {
  const main = fileURLToPath(new URL('../src/main.ts', import.meta.url));
  const script = startScript(main, {
    env: { ...withoutBandwidthSettings(process.env), BW_EMULATOR_SPEED: '20' },
  });
  try {
    const [, control] = (await script.waitForOutput(/curl -s -X POST (\S+)\/calls\/inbound/)) as [
      string,
      string,
    ];
    const placed = await fetch(`${control}/calls/inbound`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ from: CALLER, to: IVR_NUMBER }),
    });
    const { callId } = (await placed.json()) as { callId: string };
    const { EmulatorControl } = await import('@bw/emulator');
    const remote = new EmulatorControl(control.replace(/\/_emulator$/, ''));
    await waitForVerb(
      remote,
      callId,
      (verb) => verb.verb === 'Gather' && verb.outcome === 'running',
    );
    await remote.sendDtmf(callId, '2');
    await script.waitForOutput(new RegExp(`${callId}: voicemail \\S+ from \\${CALLER}`));
    expect(script.stdout).toContain(`${callId}: caller chose voicemail`);
  } finally {
    script.kill('SIGINT');
  }
  expect((await script.exited).code).toBe(0);
}, 60_000);
