/** @packageDocumentation Sample app: a BXML phone menu with transfer, voicemail and goodbye. */
export { createIvrApp, type IvrApp, type IvrAppOptions, type Voicemail } from './ivr';
export {
  choiceDocument,
  choiceOf,
  DEFAULT_SALES_RING_SECONDS,
  DEFAULT_SCRIPT,
  goodbyeDocument,
  IVR_PATHS,
  type IvrScript,
  type MenuChoice,
  type MenuSettings,
  menuDocument,
} from './menu';
