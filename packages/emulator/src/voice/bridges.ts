import type { EmulatorContext } from '../context';
import { apiError, notFound, validationError } from '../errors';
import { ID_PREFIXES } from '../ids';
import type { UserState } from '../state';
import { objectBody, optionalBoolean } from '../validation';
import { logCallEvent, traceCall } from './events';
import { type BridgeRecord, type CallRecord, voiceState } from './voice-state';

/** Most calls in one bridge. */
export const MAX_BRIDGE_CALLS = 2;
const RESOURCE = 'bridge';

/** A checked bridge create/update body. */
export interface BridgeInput {
  bridgeAudio?: boolean;
  callIds?: string[];
}

/** Checks a bridge body (`bridgeAudio`, `callIds`); throws the 400/403s. */
export function parseBridgeInput(raw: unknown): BridgeInput {
  const body = objectBody(raw, true);
  const input: BridgeInput = {};
  const bridgeAudio = optionalBoolean(body, 'bridgeAudio', RESOURCE);
  if (bridgeAudio !== undefined) input.bridgeAudio = bridgeAudio;
  const callIds = body.callIds;
  if (callIds !== undefined && callIds !== null) {
    if (!Array.isArray(callIds) || callIds.some((id) => typeof id !== 'string' || id === '')) {
      throw validationError(
        `The '${RESOURCE}' resource property 'callIds' must be a list of call ids`,
      );
    }
    if (new Set(callIds).size !== callIds.length) {
      throw validationError(`The '${RESOURCE}' resource property 'callIds' lists a call twice`);
    }
    if (callIds.length > MAX_BRIDGE_CALLS) throw overflow(callIds.length);
    input.callIds = [...(callIds as string[])];
  }
  return input;
}

/** The user's bridge; 404 `bridge-not-found` otherwise. */
export function findBridge(user: UserState, bridgeId: string): BridgeRecord {
  const bridge = user.slot(voiceState).bridges.get(bridgeId);
  if (!bridge) throw notFound('bridge-not-found', 'bridge', bridgeId);
  return bridge;
}

/**
 * The calls `callIds` names, checked for joining `bridge` (undefined: a new bridge): each must
 * exist, not have ended, and not sit in another bridge that is still in use.
 */
export function checkBridgeCalls(
  user: UserState,
  bridge: BridgeRecord | undefined,
  callIds: string[],
): CallRecord[] {
  const { calls, bridges } = user.slot(voiceState);
  return callIds.map((callId) => {
    const call = calls.get(callId);
    if (!call) throw notFound('call-not-found', 'call', callId);
    if (call.state === 'completed' || call.state === 'rejected') {
      throw apiError(
        400,
        'bad-request',
        'bridge-invalid-state',
        `The call ${callId} is ${call.state} and cannot be bridged`,
      );
    }
    const current = call.bridgeId ? bridges.get(call.bridgeId) : undefined;
    if (current && current !== bridge && current.state !== 'completed') {
      throw apiError(
        400,
        'bad-request',
        'bridge-bridged-callId',
        `The call ${callId} is already in bridge ${current.id}`,
      );
    }
    return call;
  });
}

/** Creates a bridge of the checked calls (none is fine). */
export function createBridge(
  context: EmulatorContext,
  user: UserState,
  input: BridgeInput,
  calls: CallRecord[],
): BridgeRecord {
  const bridge: BridgeRecord = {
    id: context.ids.next(ID_PREFIXES.bridge),
    state: 'created',
    bridgeAudio: input.bridgeAudio ?? true,
    callIds: [],
    createdTime: new Date().toISOString(),
    sequence: context.sequence.next(),
  };
  user.slot(voiceState).bridges.set(bridge.id, bridge);
  setBridgeCalls(context, user, bridge, calls);
  return bridge;
}

/** Applies an update: `callIds` replaces the set (`[]` empties it), `bridgeAudio` holds/resumes. */
export function updateBridge(
  context: EmulatorContext,
  user: UserState,
  bridge: BridgeRecord,
  input: BridgeInput,
  calls: CallRecord[] | undefined,
): void {
  if (bridge.state === 'completed') {
    throw apiError(
      400,
      'bad-request',
      'bridge-invalid-state',
      `The bridge ${bridge.id} is completed and cannot be changed`,
    );
  }
  if (input.bridgeAudio !== undefined) bridge.bridgeAudio = input.bridgeAudio;
  if (calls) setBridgeCalls(context, user, bridge, calls);
  else refreshBridge(user, bridge);
}

/**
 * A new call created with `bridgeId` joins that bridge (403 `bridge-callIds-overflow` when it
 * is full, 400 `bridge-invalid-state` when it is completed). Call before storing the call.
 */
export function checkBridgeHasRoom(bridge: BridgeRecord): void {
  if (bridge.state === 'completed') {
    throw apiError(
      400,
      'bad-request',
      'bridge-invalid-state',
      `The bridge ${bridge.id} is completed and cannot be used`,
    );
  }
  if (bridge.callIds.length >= MAX_BRIDGE_CALLS) throw overflow(bridge.callIds.length + 1);
}

/** Adds a just-created call to its bridge (room checked by {@link checkBridgeHasRoom}). */
export function joinBridge(
  context: EmulatorContext,
  user: UserState,
  bridge: BridgeRecord,
  call: CallRecord,
): void {
  setBridgeCalls(context, user, bridge, [...callsOf(user, bridge), call]);
}

/** Re-derives a bridge's state after one of its calls changed (answered, ended). */
export function refreshBridgeOfCall(user: UserState, call: CallRecord): void {
  const bridge = call.bridgeId ? user.slot(voiceState).bridges.get(call.bridgeId) : undefined;
  if (bridge && bridge.state !== 'completed') refreshBridge(user, bridge);
}

/** The calls of a bridge, in order. */
export function callsOf(user: UserState, bridge: BridgeRecord): CallRecord[] {
  const { calls } = user.slot(voiceState);
  return bridge.callIds.flatMap((callId) => {
    const call = calls.get(callId);
    return call ? [call] : [];
  });
}

function setBridgeCalls(
  context: EmulatorContext,
  user: UserState,
  bridge: BridgeRecord,
  next: CallRecord[],
): void {
  const nextIds = new Set(next.map((call) => call.id));
  for (const call of callsOf(user, bridge)) {
    if (nextIds.has(call.id)) continue;
    if (call.bridgeId === bridge.id) call.bridgeId = undefined;
    logCallEvent(context, call, 'unbridge', bridge.id);
    traceCall(context, call, 'bridge-left', { bridgeId: bridge.id });
  }
  const previous = new Set(bridge.callIds);
  for (const call of next) {
    if (previous.has(call.id)) continue;
    call.bridgeId = bridge.id;
    logCallEvent(context, call, 'bridge', bridge.id);
    traceCall(context, call, 'bridge-joined', { bridgeId: bridge.id });
  }
  bridge.callIds = next.map((call) => call.id);
  refreshBridge(user, bridge);
}

/**
 * `created` until a call in it is active; then `active` (or `hold` with `bridgeAudio: false`);
 * `completed` once it was active and has no live calls left.
 */
function refreshBridge(user: UserState, bridge: BridgeRecord): void {
  const calls = callsOf(user, bridge);
  const live = calls.filter((call) => call.state !== 'completed' && call.state !== 'rejected');
  const connected = live.some((call) => call.activeAt !== undefined);
  if (connected) {
    bridge.activatedTime ??= new Date().toISOString();
    bridge.state = bridge.bridgeAudio ? 'active' : 'hold';
    return;
  }
  if (bridge.activatedTime !== undefined && live.length === 0) {
    bridge.state = 'completed';
    bridge.completedTime = new Date().toISOString();
    return;
  }
  bridge.state =
    bridge.activatedTime === undefined ? 'created' : bridge.bridgeAudio ? 'active' : 'hold';
}

function overflow(count: number) {
  return apiError(
    403,
    'forbidden',
    'bridge-callIds-overflow',
    `A bridge can hold at most ${MAX_BRIDGE_CALLS} calls; ${count} were given`,
  );
}
