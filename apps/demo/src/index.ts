/** @packageDocumentation `pnpm demo`: the whole story of the SDK against a local emulator. */
export type { CheckResult } from './checks';
export { type DemoResult, type DemoServices, runDemo } from './demo';
export { type DemoOptions, parseArguments, USAGE } from './options';
export { NUMBERS } from './story';
