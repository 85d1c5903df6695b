import type { RoutePlugin } from '../context';
import { MAX_WAIT_MS } from '../control';
import { apiError, validationError } from '../errors';
import { integerQuery, queryValue } from '../pagination';
import { isE164, isSipUri } from '../phone';
import { redactStrings } from '../redaction';
import { objectBody, requiredString } from '../validation';
import { validateAutoAnswer } from '../voice/auto-answer';
import { validateAutoPress } from '../voice/auto-press';
import { isConnected } from '../voice/call-update';
import { checkFarEndDigits, receiveDigits } from '../voice/digits';
import { placeInboundCall } from '../voice/inbound';
import { answerCall, endCall, findAnyCall, hasEnded, invalidState } from '../voice/lifecycle';
import type { CallRecord } from '../voice/voice-state';

/**
 * The far end of calls, driven from tests (`/_emulator/calls/…`, no auth): place an inbound
 * call; answer, reject, busy, fail or hang up; press digits; read (or wait on) a call's trace;
 * the auto-answer and auto-press policies.
 */
export const callsControl: RoutePlugin = (app, context) => {
  app.post('/_emulator/calls/inbound', async (request) => {
    const body = objectBody(request.body);
    const from = requiredString(body, 'from', 'call');
    const to = requiredString(body, 'to', 'call');
    if (!isE164(from) && !isSipUri(from)) throw validationError('Invalid phone number: from');
    if (!isE164(to)) throw validationError('Invalid phone number: to');
    const call = placeInboundCall(context, from, to);
    return { callId: call.id };
  });

  app.get('/_emulator/calls/auto-answer', async () => context.callRuntimes.autoAnswer);
  app.post('/_emulator/calls/auto-answer', async (request) => {
    const raw = request.body as unknown;
    const policy = (raw as { policy?: unknown } | undefined)?.policy ?? raw;
    try {
      context.callRuntimes.autoAnswer = validateAutoAnswer(policy);
    } catch (error) {
      throw validationError((error as Error).message);
    }
    return context.callRuntimes.autoAnswer;
  });

  app.get('/_emulator/calls/auto-press', async () => context.callRuntimes.autoPress);
  app.post('/_emulator/calls/auto-press', async (request) => {
    const raw = request.body as unknown;
    const policy = (raw as { policy?: unknown } | undefined)?.policy ?? raw;
    try {
      context.callRuntimes.autoPress = validateAutoPress(policy);
    } catch (error) {
      throw validationError((error as Error).message);
    }
    return context.callRuntimes.autoPress;
  });

  const ringing = (call: CallRecord, action: string): void => {
    if (call.direction !== 'out' || call.state !== 'started') {
      throw apiError(
        403,
        'forbidden',
        'call-invalid-state',
        `The far end cannot ${action} call ${call.id}: it is ${call.direction === 'in' ? 'inbound' : call.state}`,
      );
    }
  };
  const result = (call: CallRecord) => ({ callId: call.id, state: call.state });

  app.post<{ Params: { callId: string } }>('/_emulator/calls/:callId/answer', async (request) => {
    const { call } = findAnyCall(context, request.params.callId);
    ringing(call, 'answer');
    answerCall(context, call);
    return result(call);
  });

  app.post<{ Params: { callId: string } }>('/_emulator/calls/:callId/reject', async (request) => {
    const { call } = findAnyCall(context, request.params.callId);
    ringing(call, 'reject');
    endCall(context, call, 'CALL_REJECTED', { state: 'rejected', outcome: 'rejected' });
    return result(call);
  });

  app.post<{ Params: { callId: string } }>('/_emulator/calls/:callId/busy', async (request) => {
    const { call } = findAnyCall(context, request.params.callId);
    ringing(call, 'be busy on');
    endCall(context, call, 'USER_BUSY', { outcome: 'busy' });
    return result(call);
  });

  // The network cannot complete a ringing call: the number is not in service, or a temporary
  // failure (the reference's cause for international calls without the product).
  app.post<{ Params: { callId: string } }>('/_emulator/calls/:callId/fail', async (request) => {
    const { call } = findAnyCall(context, request.params.callId);
    const cause = (request.body as { cause?: unknown } | undefined)?.cause ?? 'UNALLOCATED_NUMBER';
    if (cause !== 'UNALLOCATED_NUMBER' && cause !== 'NORMAL_TEMPORARY_FAILURE') {
      throw validationError('cause must be "UNALLOCATED_NUMBER" or "NORMAL_TEMPORARY_FAILURE"');
    }
    ringing(call, 'fail');
    endCall(context, call, cause);
    return result(call);
  });

  app.post<{ Params: { callId: string } }>('/_emulator/calls/:callId/hangup', async (request) => {
    const { call } = findAnyCall(context, request.params.callId);
    if (hasEnded(call)) invalidState(call, 'completed');
    const cause =
      call.state === 'started' && call.direction === 'in' ? 'ORIGINATOR_CANCEL' : 'NORMAL_CLEARING';
    endCall(context, call, cause);
    return result(call);
  });

  app.post<{ Params: { callId: string } }>('/_emulator/calls/:callId/dtmf', async (request) => {
    const { call } = findAnyCall(context, request.params.callId);
    const digits = checkFarEndDigits(objectBody(request.body).digits);
    if (!isConnected(call)) invalidState(call);
    receiveDigits(context, call, digits);
    return result(call);
  });

  // `?type=verb,bxml-end` keeps only entries of those types. `?after=N&wait=ms` long-polls: the
  // answer waits (up to `wait` ms) until the trace has changed since version N — an entry added,
  // a verb ended or got a result. `X-Emulator-Trace-Version` gives the version answered.
  app.get<{ Params: { callId: string } }>(
    '/_emulator/calls/:callId/trace',
    async (request, reply) => {
      const { call } = findAnyCall(context, request.params.callId);
      const types = queryValue(request.query, 'type')?.split(',').filter(Boolean) ?? [];
      const after = integerQuery(request.query, 'after', 'trace', 0);
      const wait = Math.min(integerQuery(request.query, 'wait', 'trace', 0), MAX_WAIT_MS);
      // The request's abort signal is made on first use: only an answer that waits needs it.
      if (wait > 0 && context.callRuntimes.traces.version(call) <= after) {
        await context.callRuntimes.traces.changeAfter(call, after, wait, request.signal);
      }
      reply.header('x-emulator-trace-version', String(context.callRuntimes.traces.version(call)));
      return redactStrings(
        types.length > 0 ? call.trace.filter((entry) => types.includes(entry.type)) : call.trace,
      );
    },
  );
};
