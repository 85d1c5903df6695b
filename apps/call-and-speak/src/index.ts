/** @packageDocumentation Sample app: call, speak once answered, hang up when the speech is done. */
export {
  type CallAndSpeakOptions,
  type CallAndSpeakResult,
  callAndSpeak,
} from './call-and-speak';
