/**
 * @packageDocumentation
 * What the sample apps share: where the API is (Bandwidth at `BANDWIDTH_BASE_URL` or a local
 * emulator), callback servers on free ports, awaiting callback events, routing a number to an app.
 */
export {
  type RunningScript,
  type RunScriptOptions,
  runScript,
  type ScriptResult,
  startScript,
  withoutBandwidthSettings,
} from './child';
export { Inbox, InboxTimeoutError, type NextOptions } from './inbox';
export { type RouteNumberOptions, routeNumber } from './numbers';
export { runMain, untilStopped } from './process';
export { type ListenOptions, listen, type RunningServer } from './server';
export { ApiTarget, connectTarget, readNumber, type TargetOptions } from './target';
export { type WaitForVerbOptions, waitForVerb } from './trace';
