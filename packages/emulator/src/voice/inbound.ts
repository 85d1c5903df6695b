import type { EmulatorContext } from '../context';
import { notFound } from '../errors';
import type { UserState } from '../state';
import { logUserError } from '../user-errors';
import { callEventBody, emitCallEvent, traceCall } from './events';
import { answerCall, endCall, hasEnded, newCall, type OutboundCallInput } from './lifecycle';
import { transferCall } from './transfer';
import type { CallRecord } from './voice-state';

/**
 * An inbound call from `from` to the owned number `to`: `incomingcall` to the number's
 * application, then `answer` when the application has `autoAnswer`. Without an application
 * or an `incomingCallUrl` the call is rejected and the owner's error log says why. When the
 * `incomingcall` event cannot be delivered and the number has a `fallbackNumber`, the call is
 * forwarded there.
 */
export function placeInboundCall(context: EmulatorContext, from: string, to: string): CallRecord {
  const owner = context.store.ownerOf(to);
  if (!owner) throw notFound('number-not-found', 'number', to);
  const { user, phoneNumber } = owner;
  const application = phoneNumber.applicationId
    ? user.applications.get(phoneNumber.applicationId)
    : undefined;
  const input: OutboundCallInput = {
    from,
    to,
    callbackHttpMethod: application?.callbackHttpMethod.toUpperCase() === 'GET' ? 'GET' : 'POST',
  };
  if (application?.incomingCallUrl) input.callbackUrl = application.incomingCallUrl;
  if (application?.incomingCallFallbackUrl) input.fallbackUrl = application.incomingCallFallbackUrl;
  if (application?.incomingCallUrlCallbackTimeout) {
    input.callbackTimeout = application.incomingCallUrlCallbackTimeout;
  }
  const call = newCall(context, user, 'in', input);
  if (application) call.applicationId = application.id;
  context.callRuntimes.notify((observer) => observer.created?.(context, call));
  if (!application?.incomingCallUrl) {
    logUserError(context, user, {
      category: 'unavailable',
      code: application ? 'no-callback-for-call' : 'no-application-for-number',
      message: application
        ? `Application ${application.id} ("${application.name}") for number ${to} does not specify a URL for call events`
        : `No application is configured for number ${to}`,
      details: [
        { name: 'number', value: to },
        { name: 'callId', value: call.id },
      ],
    });
    endCall(context, call, 'CALL_REJECTED', { state: 'rejected', outcome: 'rejected' });
    return call;
  }
  const delivery = emitCallEvent(
    context,
    call,
    callEventBody(
      context,
      call,
      'incomingcall',
      { from, to, callState: 'active', applicationId: application.id },
      null,
    ),
  );
  if (application.autoAnswer) answerCall(context, call);
  const fallbackNumber = phoneNumber.fallbackNumber;
  if (fallbackNumber) {
    void delivery.then((result) => {
      if (result?.ok === false) forwardToFallbackNumber(context, user, call, fallbackNumber);
    });
  }
  return call;
}

/**
 * The app could not be reached: the call is answered (if it still rings) and transferred to
 * the number's `fallbackNumber`, as the platform does (reference §1.13).
 */
function forwardToFallbackNumber(
  context: EmulatorContext,
  user: UserState,
  call: CallRecord,
  fallbackNumber: string,
): void {
  if (hasEnded(call)) return;
  traceCall(context, call, 'fallback-number', { to: fallbackNumber });
  answerCall(context, call);
  if (call.state === 'active') transferCall(context, user, call, { transferTo: fallbackNumber });
}
