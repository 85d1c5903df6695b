import type { EmulatorContext } from '../context';
import type { UserState } from '../state';
import type { AudioRequest } from './audio';
import { activeMembers, checkConferenceOpen } from './conference-lookup';
import { conferenceUri, emitConferenceEvent, traceCall } from './events';
import { MEDIA_TIMING, runTimed, speechDurationMs } from './timing';
import { type ConferenceRecord, voiceState } from './voice-state';

/**
 * Audio to the whole conference: `conference-speak`/`conference-playback` events (`started`,
 * then `done` at the end or when stopped/replaced) to the conference callback; every active
 * member's call records it in its trace. `""` stops.
 */
export function playToConference(
  context: EmulatorContext,
  user: UserState,
  conference: ConferenceRecord,
  audio: AudioRequest,
): void {
  checkConferenceOpen(conference);
  const current = context.callRuntimes.conferencePlaybacks.get(conference);
  if (audio.action === 'stop') {
    if (current?.kind === audio.kind) current.run.end('stopped');
    return;
  }
  current?.run.end('stopped');
  const { media } = audio;
  const kind = media.kind;
  const durationMs =
    media.kind === 'speak' ? speechDurationMs(media.sentence) : MEDIA_TIMING.fileMs;
  const eventType = kind === 'speak' ? 'conference-speak' : 'conference-playback';
  const { calls } = user.slot(voiceState);
  for (const member of activeMembers(user, conference)) {
    const call = calls.get(member.callId);
    if (!call) continue;
    const { kind: _kind, ...described } = media;
    traceCall(context, call, kind, {
      ...described,
      durationMs,
      loop: audio.loopEnabled,
      source: 'conference',
    });
  }
  const event = (status: 'started' | 'done') =>
    emitConferenceEvent(context, user.userId, conference, {
      eventType,
      conferenceId: conference.id,
      conferenceUri: conferenceUri(context, user.userId, conference),
      status,
      time: new Date().toISOString(),
      ...(audio.tag !== undefined ? { tag: audio.tag } : {}),
    });
  event('started');
  const entry = {
    kind,
    run: runTimed(context, durationMs, audio.loopEnabled, (outcome) => {
      if (context.callRuntimes.conferencePlaybacks.get(conference) === entry)
        context.callRuntimes.conferencePlaybacks.delete(conference);
      if (outcome === 'done' || outcome === 'stopped') event('done');
    }),
  };
  context.callRuntimes.conferencePlaybacks.set(conference, entry);
}

/** Ends the conference's audio without a `done` event (the conference completed). */
export function stopConferenceAudio(context: EmulatorContext, conference: ConferenceRecord): void {
  context.callRuntimes.conferencePlaybacks.get(conference)?.run.end('interrupted');
}
