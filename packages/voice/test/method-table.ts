// Every VoiceClient method once: how to call it, what the API answers, which requests must
// reach the wire and what the method resolves. Shared by the wire, encoding and validation tests.
import { callCases } from './call-cases';
import type { MethodCase } from './method-kit';
import { roomCases } from './room-cases';

export type { IdName, Ids, MethodCase } from './method-kit';
export { awkwardIds, frozen, plainIds, twoPages } from './method-kit';

export const methodCases: MethodCase[] = [...callCases, ...roomCases];
