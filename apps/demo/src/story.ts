import { callAndSpeak } from '@bw/app-call-and-speak';
import type { IvrApp } from '@bw/app-ivr';
import { waitForVerb } from '@bw/app-kit';
import { sendSms } from '@bw/app-send-sms';
import type { AutoReplyApp } from '@bw/app-sms-auto-reply';
import type { CallbackRecord, Emulator } from '@bw/emulator';
import type { messaging, voice } from '@bw/sdk';
import { type Checks, shown } from './checks';
import {
  type ApiRequestRecord,
  callbackEntry,
  farEndEntries,
  requestEntry,
  type Timeline,
  type TimelineEntry,
  verbEntry,
} from './timeline';

/** The numbers of the story: three owned by the demo user, two customers. */
export const NUMBERS = Object.freeze({
  /** Sends the SMS and answers texts (sms-auto-reply). */
  sms: '+19195551212',
  /** Places the outbound call (call-and-speak). */
  caller: '+19195551313',
  /** Takes inbound calls (ivr). */
  ivr: '+19195551414',
  /** Where the IVR's choice 1 is transferred. */
  sales: '+19195550199',
  alice: '+14045550100',
  bob: '+14045550111',
});

/** Everything a step needs. */
export interface Story {
  emulator: Emulator;
  sms: messaging.MessagingClient;
  voice: voice.VoiceClient;
  autoReply: AutoReplyApp;
  ivr: IvrApp;
  timeline: Timeline;
  checks: Checks;
  /** Requests made by the demo's clients, in order (filled by a client hook). */
  requests: ApiRequestRecord[];
  stepTimeoutMs: number;
}

/** Where the previous step's records end. */
interface Cursor {
  callback: string | undefined;
  request: number;
}

type StoredRecord = Record<string, unknown>;

async function snapshot(story: Story): Promise<{
  messages: StoredRecord[];
  calls: StoredRecord[];
  recordings: StoredRecord[];
  media: StoredRecord[];
}> {
  const state = await story.emulator.control.state();
  const voiceState = (state.voice ?? {}) as Record<string, StoredRecord[]>;
  return {
    messages: (state.messages ?? []) as StoredRecord[],
    media: (state.media ?? []) as StoredRecord[],
    calls: voiceState.calls ?? [],
    recordings: voiceState.recordings ?? [],
  };
}

async function cursor(story: Story): Promise<Cursor> {
  const records = await story.emulator.control.callbacks();
  return { callback: records.at(-1)?.id, request: story.requests.length };
}

/** The callbacks and requests since `from`, printed in time order with `extra` entries. */
async function printSince(
  story: Story,
  from: Cursor,
  extra: TimelineEntry[] = [],
): Promise<CallbackRecord[]> {
  const callbacks = await story.emulator.control.callbacks({ since: from.callback });
  story.timeline.print([
    ...story.requests.slice(from.request).map(requestEntry),
    ...callbacks.map(callbackEntry),
    ...extra,
  ]);
  return callbacks;
}

function waitForRecord(story: Story, from: Cursor, matches: (record: CallbackRecord) => boolean) {
  return story.emulator.control.waitForCallback(matches, {
    since: from.callback,
    timeout: story.stepTimeoutMs,
  });
}

function allAnswered200(records: CallbackRecord[]): string | undefined {
  const failed = records.filter((record) => record.status !== 200);
  return failed.length === 0 ? undefined : shown(failed.map((r) => [r.url, r.status ?? r.error]));
}

/** 1. send-sms: "Hello World" to Alice, and its final state. */
export async function sendAnSms(story: Story): Promise<void> {
  const { timeline, checks } = story;
  timeline.line('1. Send an SMS  (apps/send-sms: sendSms)');
  checks.step('send an SMS');
  const from = await cursor(story);
  const result = await sendSms({
    messaging: story.sms,
    from: NUMBERS.sms,
    to: NUMBERS.alice,
    text: 'Hello World',
    timeoutMs: story.stepTimeoutMs,
  });
  await waitForRecord(
    story,
    from,
    (r) => r.body.messageId === result.messageId && r.body.state === 'sent',
  );
  const callbacks = await printSince(story, from);

  checks.check(
    `sendSms resolved: message ${result.messageId} is ${result.state}`,
    result.state === 'sent',
    result.state,
  );
  const stored = (await snapshot(story)).messages.find((m) => m.id === result.messageId);
  checks.check(
    `the emulator holds it: out, ${NUMBERS.sms} → ${NUMBERS.alice}, "Hello World", sent`,
    stored?.direction === 'out' &&
      stored.from === NUMBERS.sms &&
      stored.to === NUMBERS.alice &&
      stored.text === 'Hello World' &&
      stored.state === 'sent',
    shown(stored),
  );
  const mine = callbacks.filter((r) => r.body.messageId === result.messageId);
  checks.check(
    `its state callbacks (${mine.map((r) => r.body.state).join(', ')}) were answered 200 by the app`,
    mine.length > 0 && mine.at(-1)?.body.state === 'sent' && allAnswered200(mine) === undefined,
    allAnswered200(mine) ?? shown(mine.map((r) => r.body.state)),
  );
}

/** 2. sms-auto-reply: Bob texts the SMS number and gets an automatic answer. */
export async function autoReplyToAnInboundSms(story: Story): Promise<void> {
  const { timeline, checks, emulator } = story;
  timeline.line('2. An inbound SMS gets an automatic reply  (apps/sms-auto-reply)');
  checks.step('auto-reply');
  const from = await cursor(story);
  const text = 'Hi! Are you open today?';
  const sentAt = Date.now();
  const { messageId } = await emulator.control.inboundMessage({
    from: NUMBERS.bob,
    to: NUMBERS.sms,
    text,
  });
  const replySent = await waitForRecord(
    story,
    from,
    (r) => r.body.tag === `reply-to:${messageId}` && r.body.state === 'sent',
  );
  const callbacks = await printSince(story, from, [
    {
      at: sentAt,
      mark: '☎',
      text: `${NUMBERS.bob} texts ${NUMBERS.sms}: ${JSON.stringify(text)} (${messageId})`,
    },
  ]);

  const inbound = callbacks.find((r) => r.body.messageId === messageId);
  checks.check(
    'the inbound message reached the app at its incomingMessageUrl and was answered 200',
    inbound?.url === story.autoReply.incomingMessageUrl && inbound.status === 200,
    shown(inbound && [inbound.url, inbound.status]),
  );
  const replyId = String(replySent.body.messageId);
  const reply = (await snapshot(story)).messages.find((m) => m.id === replyId);
  checks.check(
    `the reply ${replyId} went from ${NUMBERS.sms} back to ${NUMBERS.bob} and is sent`,
    reply?.direction === 'out' &&
      reply.from === NUMBERS.sms &&
      reply.to === NUMBERS.bob &&
      reply.state === 'sent',
    shown(reply),
  );
  checks.check(
    `it quotes the text: ${JSON.stringify(reply?.text)}`,
    typeof reply?.text === 'string' && reply.text.includes(text),
    shown(reply?.text),
  );
  checks.check(
    'exactly one reply: the reply’s own status callbacks were not answered',
    story.autoReply.replies.length === 1 &&
      (await snapshot(story)).messages.filter((m) => m.direction === 'out' && m.to === NUMBERS.bob)
        .length === 1,
    `${story.autoReply.replies.length} replies`,
  );
}

/** 3. call-and-speak: a call to Alice that speaks once answered and hangs up when done. */
export async function callAndSpeakToAlice(story: Story): Promise<void> {
  const { timeline, checks, emulator } = story;
  timeline.line('3. An outbound call speaks and hangs up  (apps/call-and-speak)');
  checks.step('call and speak');
  const from = await cursor(story);
  const sentence = 'Hello From Bandwidth. Goodbye.';
  const result = await callAndSpeak({
    voice: story.voice,
    from: NUMBERS.caller,
    to: NUMBERS.alice,
    sentence,
    stepTimeoutMs: story.stepTimeoutMs,
  });
  await waitForRecord(
    story,
    from,
    (r) => r.body.callId === result.callId && r.body.eventType === 'hangup',
  );
  const trace = await emulator.control.trace(result.callId);
  const callbacks = await printSince(story, from, [
    ...trace
      .filter((entry) => entry.type === 'state' && entry.state === 'active')
      .map((entry) => ({
        at: Date.parse(entry.time),
        mark: '☎' as const,
        text: `${NUMBERS.alice} answers`,
      })),
  ]);

  checks.check(
    `callAndSpeak resolved: answered, spoke, hung up (${result.cause})`,
    result.answered && result.spoken && result.cause === 'NORMAL_CLEARING',
    shown({ answered: result.answered, spoken: result.spoken, cause: result.cause }),
  );
  const call = (await snapshot(story)).calls.find((c) => c.id === result.callId);
  checks.check(
    `call ${result.callId} is completed in the emulator`,
    call?.state === 'completed',
    shown(call?.state),
  );
  const speech = trace.findIndex((entry) => entry.type === 'speak' && entry.sentence === sentence);
  const ended = trace.findIndex((entry) => entry.type === 'state' && entry.state === 'completed');
  checks.check(
    'its trace has the whole sentence spoken before the hang-up',
    speech !== -1 && ended > speech,
    shown(trace.map((entry) => entry.type)),
  );
  const events = callbacks.filter((r) => r.body.callId === result.callId);
  const names = events.map((r) =>
    r.body.status ? `${r.body.eventType}:${r.body.status}` : r.body.eventType,
  );
  checks.check(
    `its callbacks came in order (${names.join(', ')}), each answered 200`,
    shown(names) === shown(['answer', 'speak:started', 'speak:done', 'hangup']) &&
      allAnswered200(events) === undefined,
    allAnswered200(events) ?? shown(names),
  );
}

/** 4. ivr: Alice calls the IVR number, presses 2 and leaves a voicemail. */
export async function walkTheIvrIntoVoicemail(story: Story): Promise<void> {
  const { timeline, checks, emulator, ivr } = story;
  timeline.line('4. An inbound call walks the IVR into voicemail  (apps/ivr, BXML)');
  checks.step('IVR voicemail');
  const from = await cursor(story);
  const calledAt = Date.now();
  const { callId } = await emulator.control.inboundCall({ from: NUMBERS.alice, to: NUMBERS.ivr });
  // Press 2 while the menu's Gather listens (during its prompts or right after them).
  await waitForVerb(
    emulator.control,
    callId,
    (verb) => verb.verb === 'Gather' && verb.outcome === 'running',
    {
      timeoutMs: story.stepTimeoutMs,
    },
  );
  await emulator.control.sendDtmf(callId, '2');
  await waitForRecord(
    story,
    from,
    (r) => r.body.callId === callId && r.body.eventType === 'hangup',
  );
  const trace = await emulator.control.trace(callId);
  const verbs = await emulator.control.trace(callId, { type: 'verb' });
  const callbacks = await printSince(story, from, [
    { at: calledAt, mark: '☎', text: `${NUMBERS.alice} calls ${NUMBERS.ivr} (${callId})` },
    ...farEndEntries(trace),
    ...verbs.map(verbEntry),
  ]);

  const ran = verbs.map((verb) => verb.verb);
  const expected = ['Gather', 'SpeakSentence', 'Record', 'SpeakSentence', 'Hangup'];
  checks.check(
    `the call ran ${ran.join(' → ')}`,
    shown(ran) === shown(expected),
    `expected ${expected.join(' → ')}`,
  );
  checks.check(
    'the menu Gather took the key 2',
    verbs[0]?.result?.digits === '2',
    shown(verbs[0]?.result),
  );
  const recordingId = String(verbs[2]?.result?.recordingId);
  const state = await snapshot(story);
  const recording = state.recordings.find((r) => r.id === recordingId);
  checks.check(
    `recording ${recordingId} of call ${callId} is complete`,
    recording?.callId === callId && recording.state === 'complete',
    shown(recording),
  );
  checks.check(
    `its file ${String(recording?.mediaName)} is in the account's media`,
    state.media.some((m) => m.mediaName === recording?.mediaName),
    shown(state.media.map((m) => m.mediaName)),
  );
  checks.check(
    `the IVR app filed it as a voicemail from ${NUMBERS.alice}`,
    ivr.voicemails.length === 1 &&
      ivr.voicemails[0]?.recordingId === recordingId &&
      ivr.voicemails[0]?.from === NUMBERS.alice,
    shown(ivr.voicemails),
  );
  const call = state.calls.find((c) => c.id === callId);
  const events = callbacks.filter((r) => r.body.callId === callId);
  checks.check(
    `the call is completed and its ${events.length} callbacks were answered 200`,
    call?.state === 'completed' && allAnswered200(events) === undefined,
    allAnswered200(events) ?? shown(call?.state),
  );
}
