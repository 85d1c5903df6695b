import { describe, expect, test } from 'vitest';
import { parseVoiceEvent, type VoiceEvent } from '../../src/callbacks';
import { type Delivery, FAR_END, OWNED, useVoiceFixture } from './fixture';

const fx = useVoiceFixture();

/** Every event type the emulator sends for REST-controlled calls and conferences. */
const EMULATED_EVENT_TYPES = [
  'incomingcall',
  'answer',
  'hangup',
  'timeout',
  'playback',
  'speak',
  'dtmf',
  'gather',
  'recording',
  'transcription',
  'conference',
  'conference-member',
  'conference-playback',
  'conference-speak',
] as const;

/**
 * Drives calls and a conference so that every event type is sent, all with `method` as the
 * callback HTTP method; resolves once the last expected event arrived.
 */
async function produceEveryEvent(method: 'GET' | 'POST'): Promise<void> {
  const { client, emulator, waitFor, callbackUrl } = fx;
  await pointNumberAt(callbackUrl('/app'), method);
  const inbound = (await emulator.control.inboundCall({ from: FAR_END, to: OWNED })).callId;
  await waitFor({ callId: inbound, eventType: 'answer' });
  await client.hangupCall(inbound);

  const callId = await client.createCall({
    from: OWNED,
    to: FAR_END,
    callbackUrl: callbackUrl(),
    callbackHttpMethod: method,
    recordingEnabled: true,
    transcriptionEnabled: true,
    tag: 'every-event',
  });
  await emulator.control.answerCall(callId);
  await client.speakSentenceToCall(callId, 'Hello');
  await waitFor({ callId, eventType: 'speak', status: 'done' });
  await client.playAudioFileToCall(callId, 'https://example.com/a.wav');
  await waitFor({ callId, eventType: 'playback', status: 'done' });
  await client.createCallGather(callId, { maxDigits: 1, interDigitTimeout: 30 });
  await emulator.control.sendDtmf(callId, '7');
  await waitFor({ callId, eventType: 'gather' });
  await client.hangupCall(callId);
  await waitFor({ callId, eventType: 'transcription' });

  const unanswered = await client.createCall({
    from: OWNED,
    to: FAR_END,
    callbackUrl: callbackUrl(),
    callbackHttpMethod: method,
    callTimeout: 1,
  });
  await waitFor({ callId: unanswered, eventType: 'hangup' });

  const conferenceId = await client.createConference({
    from: OWNED,
    callbackUrl: callbackUrl('/conference'),
    callbackHttpMethod: method,
  });
  const memberCall = await client.createCall({ from: OWNED, to: FAR_END, conferenceId });
  await emulator.control.answerCall(memberCall);
  await client.createConferenceMember(conferenceId, { callId: memberCall, mute: true });
  await client.speakSentenceToConference(conferenceId, 'Welcome');
  await waitFor({ conferenceId, eventType: 'conference-speak', status: 'done' });
  await client.playAudioFileToConference(conferenceId, 'https://example.com/b.wav');
  await waitFor({ conferenceId, eventType: 'conference-playback', status: 'done' });
  await client.terminateConference(conferenceId);
  await waitFor({ conferenceId, eventType: 'conference', status: 'completed' });
}

/** The same callback as a Fetch `Request`, the way a Fetch-API server would see it. */
function asRequest(delivery: Delivery): Request {
  return delivery.method === 'GET'
    ? new Request(delivery.url)
    : new Request(delivery.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json; charset=utf-8' },
        body: delivery.body,
      });
}

describe.each(['POST', 'GET'] as const)('every emulated voice event parses (%s form)', (method) => {
  test('parseVoiceEvent reads each event type from the raw payload and from a Request', async () => {
    await produceEveryEvent(method);
    const deliveries = fx.sink.deliveries;
    expect(deliveries.every((delivery) => delivery.method === method)).toBe(true);
    const parsed: VoiceEvent[] = [];
    for (const delivery of deliveries) {
      const raw = method === 'GET' ? delivery.search : delivery.body;
      const event = await parseVoiceEvent(raw);
      expect(await parseVoiceEvent(asRequest(delivery))).toEqual(event);
      expect(event.eventType).toBe(delivery.event.eventType);
      parsed.push(event);
    }
    const types = new Set(parsed.map((event) => event.eventType));
    expect([...types].sort()).toEqual([...EMULATED_EVENT_TYPES].sort());

    const byType = <T extends VoiceEvent['eventType']>(type: T) =>
      parsed.filter(
        (event): event is Extract<VoiceEvent, { eventType: T }> => event.eventType === type,
      );
    expect(byType('answer').find((e) => e.tag === 'every-event')).toMatchObject({
      callState: 'active',
    });
    expect(byType('incomingcall')[0]).toMatchObject({
      from: FAR_END,
      to: OWNED,
      callState: 'active',
    });
    expect(byType('gather')[0]).toMatchObject({ digits: '7', reason: 'max-digits' });
    expect(byType('dtmf')[0]).toMatchObject({ dtmfDigit: '7' });
    expect(byType('speak').map((e) => e.state)).toEqual(['PLAYBACK_START', 'PLAYBACK_STOP']);
    expect(byType('recording')[0]).toMatchObject({ status: 'complete', state: 'complete' });
    expect(byType('timeout')).toHaveLength(1);
    expect(
      byType('hangup')
        .map((e) => e.cause)
        .sort(),
    ).toEqual(['NORMAL_CLEARING', 'NORMAL_CLEARING', 'NO_ANSWER']);
    const transcription = byType('transcription')[0];
    expect(transcription?.status).toBe('completed');
    expect(transcription?.textSize).toBe(transcription?.text?.length);
    // The GET form carries strings; the parser gives numbers and booleans back.
    const joined = byType('conference-member').find((e) => e.state === 'active');
    expect(joined).toMatchObject({ activeMembers: 1, mute: true, hold: false });
    expect(byType('conference-member').find((e) => e.state === 'completed')?.activeMembers).toBe(0);
    expect(byType('conference').map((e) => e.status)).toEqual(['created', 'completed']);
    expect(byType('conference-speak').map((e) => e.status)).toEqual(['started', 'done']);
    expect(byType('conference-playback').map((e) => e.status)).toEqual(['started', 'done']);
  });
});

describe('BXML events from the emulator (GET form)', () => {
  test('parseVoiceEvent reads redirect and transferComplete as a BXML app receives them', async () => {
    const { client, emulator, sink, callbackUrl, waitFor } = fx;
    const xml = (verbs: string) =>
      `<?xml version="1.0" encoding="UTF-8"?><Response>${verbs}</Response>`;
    sink.respondWithBxml(
      '/bxml/answer',
      xml(`<Redirect requestUrl="${callbackUrl('/bxml/next')}" requestUrlTimeout="10000"/>`),
    );
    sink.respondWithBxml(
      '/bxml/next',
      xml(`<Transfer transferTo="+14045550177" requestUrl="${callbackUrl('/bxml/done')}"/>`),
    );
    sink.respondWithBxml('/bxml/done', xml('<Hangup/>'));
    const callId = await client.createCall({
      from: OWNED,
      to: FAR_END,
      callbackUrl: callbackUrl('/bxml/answer'),
      callbackHttpMethod: 'GET',
    });
    await emulator.control.answerCall(callId);
    const redirect = await sink.next({ callId, eventType: 'redirect' });
    const parsedRedirect = await parseVoiceEvent(redirect.search);
    expect(parsedRedirect).toMatchObject({
      eventType: 'redirect',
      callId,
      from: OWNED,
      to: FAR_END,
    });
    expect(await parseVoiceEvent(asRequest(redirect))).toEqual(parsedRedirect);

    const legOf = async () =>
      (await fx.voiceState()).calls.find((call) => call.transferredFrom === callId)?.id;
    await expect.poll(legOf).toMatch(/^c-/);
    const legId = await legOf();
    await emulator.control.answerCall(legId as string);
    await emulator.control.hangupCall(legId as string);
    const complete = await sink.next({ callId, eventType: 'transferComplete' });
    expect(complete.method).toBe('GET');
    const parsedComplete = await parseVoiceEvent(complete.search);
    expect(parsedComplete).toMatchObject({ eventType: 'transferComplete', callId });
    expect(await parseVoiceEvent(asRequest(complete))).toEqual(parsedComplete);
    await waitFor({ callId, eventType: 'hangup' });
  });
});

/** Attaches the owned number to a new application whose call events go to `url`. */
async function pointNumberAt(url: string, method: 'GET' | 'POST'): Promise<void> {
  const { emulator } = fx;
  const { userId, apiToken, apiSecret } = emulator.credentials;
  const base = `${emulator.url}/v1/users/${userId}`;
  const headers = {
    authorization: `Basic ${Buffer.from(`${apiToken}:${apiSecret}`).toString('base64')}`,
    'content-type': 'application/json',
  };
  const created = await fetch(`${base}/applications`, {
    method: 'POST',
    headers,
    body: JSON.stringify({ name: 'events', incomingCallUrl: url, callbackHttpMethod: method }),
  });
  const applicationId = created.headers.get('location')?.split('/').pop();
  const numbers = (await (await fetch(`${base}/phoneNumbers`, { headers })).json()) as Array<{
    id: string;
    number: string;
  }>;
  const owned = numbers.find((number) => number.number === OWNED);
  await fetch(`${base}/phoneNumbers/${owned?.id}`, {
    method: 'POST',
    headers,
    body: JSON.stringify({ applicationId }),
  });
}
