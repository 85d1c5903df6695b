import {
  omitUndefined,
  type RequestOptions,
  requireString,
  type Transport,
} from '@bw/core/internal';
import type { AudioOptions, PlayAudioFileOptions, SpeakSentenceOptions } from './types';

// The one place that knows how audio bodies look. Calls, bridges, conferences and conference
// members all post the same audio object to their own `…/audio` resource, so each of their
// `playAudioTo*`, `speakSentenceTo*`, `playAudioFileTo*` and `stop*` methods is a single call
// to `postAudio` with one of the body builders below.

/** The only defaults the SDK ever applies, and only in the `speakSentenceTo*` conveniences. */
const speakSentenceDefaults = { gender: 'female', voice: 'susan', locale: 'en_US' } as const;

/**
 * Builds a text-to-speech audio object: `{ sentence, ...opts }` without `undefined` keys and
 * without any defaults. Use it for `whisperAudio`, a gather `prompt` or `playAudioTo*`.
 *
 * @example
 * ```ts
 * await client.transferCall(callId, { transferTo: '+15551234567', whisperAudio: buildSentence('Incoming transfer') });
 * ```
 */
export function buildSentence(sentence: string, opts?: SpeakSentenceOptions): AudioOptions {
  return omitUndefined({ sentence, ...opts });
}

/**
 * Builds a file playback audio object: `{ fileUrl, ...opts }` without `undefined` keys.
 *
 * @example
 * ```ts
 * await client.playAudioToBridge(bridgeId, buildAudioPlayback('https://example.com/hold.mp3', { loopEnabled: true }));
 * ```
 */
export function buildAudioPlayback(fileUrl: string, opts?: PlayAudioFileOptions): AudioOptions {
  return omitUndefined({ fileUrl, ...opts });
}

/** Body of `speakSentenceTo*`: flat, with the speak defaults unless the caller set the key. */
export function speakSentenceBody(sentence: unknown, opts?: SpeakSentenceOptions): AudioOptions {
  // omitUndefined first, so `{ voice: undefined }` keeps the default instead of erasing it.
  return {
    sentence: requireString('sentence', sentence),
    ...speakSentenceDefaults,
    ...omitUndefined(opts ?? {}),
  };
}

/** Body of `playAudioFileTo*`: flat `{ fileUrl, ...opts }`. */
export function playAudioFileBody(fileUrl: unknown, opts?: PlayAudioFileOptions): AudioOptions {
  return { fileUrl: requireString('fileUrl', fileUrl), ...omitUndefined(opts ?? {}) };
}

/** Body of `playAudioTo*`: the caller's audio object, copied. */
export function audioBody(opts: AudioOptions | undefined): AudioOptions {
  return omitUndefined({ ...opts });
}

/** Body of `stopSpeakingTo*`: an empty sentence stops the current speech. */
export function stopSpeakingBody(): AudioOptions {
  return { sentence: '' };
}

/** Body of `stopAudioFilePlaybackTo*`: an empty file URL stops the current playback. */
export function stopAudioFilePlaybackBody(): AudioOptions {
  return { fileUrl: '' };
}

/** Posts an audio object to the `…/audio` path of a call, bridge, conference or member. */
export function postAudio(
  transport: Transport,
  audioPath: string,
  body: AudioOptions,
  requestOptions?: RequestOptions,
): Promise<void> {
  return transport.noContent({ method: 'POST', path: audioPath, json: body }, requestOptions);
}
