/**
 * @packageDocumentation
 * BXML (Bandwidth XML) for voice apps: build documents as plain values, write them as XML, read
 * XML back into the same values, and validate either. No dependencies; runs in any JavaScript
 * runtime.
 */
export type {
  CallAttributes,
  ConferenceAttributes,
  DiversionReason,
  DiversionTreatment,
  FileFormat,
  GatherAttributes,
  Gender,
  Locale,
  NoAttributes,
  PauseAttributes,
  PlayAudioAttributes,
  RecordAttributes,
  RedirectAttributes,
  SendMessageAttributes,
  SpeakSentenceAttributes,
  TransferAttributes,
  Voice,
} from './attributes';
export {
  call,
  conference,
  gather,
  hangup,
  pause,
  phoneNumber,
  playAudio,
  record,
  redirect,
  response,
  sendDtmf,
  sendMessage,
  speakSentence,
  transfer,
} from './builders';
export { BxmlError, type BxmlProblem } from './errors';
export { BxmlBuilder } from './fluent';
export { validateBxml } from './validate';
export type {
  BxmlNode,
  BxmlResponse,
  BxmlVerb,
  CallChild,
  CallVerb,
  ConferenceVerb,
  GatherVerb,
  HangupVerb,
  PauseVerb,
  PhoneNumberVerb,
  PlayAudioVerb,
  RecordVerb,
  RedirectVerb,
  ResponseVerb,
  SendDtmfVerb,
  SendMessageVerb,
  SpeakSentenceVerb,
  TransferChild,
  TransferVerb,
  VerbName,
} from './verbs';
export { type BxmlVisitor, walkBxml } from './walk';
export { BXML_MAX_BYTES } from './write';
export { parseBxml, type ToXmlOptions, toXml } from './xml';
