import type { account } from '@bw/sdk';

/** What to receive on a number. */
export interface RouteNumberOptions {
  /** The owned number, E.164. */
  number: string;
  /** Name of the application created for it. */
  name: string;
  /** Where inbound messages to the number are sent. */
  incomingMessageUrl?: string;
  /** Where inbound calls to the number are sent. */
  incomingCallUrl?: string;
  /** `GET` for a BXML app (callbacks as query strings, answered with BXML). Default `POST`. */
  callbackHttpMethod?: 'GET' | 'POST';
}

/**
 * Points an owned number at an app: creates an application with the app's callback URLs and
 * attaches the number to it, so inbound messages and calls to the number reach the app.
 * Resolves with the application id.
 */
export async function routeNumber(
  accounts: account.AccountClient,
  options: RouteNumberOptions,
): Promise<string> {
  const applicationId = await accounts.createApplication({
    name: options.name,
    incomingMessageUrl: options.incomingMessageUrl,
    incomingCallUrl: options.incomingCallUrl,
    callbackHttpMethod: options.callbackHttpMethod,
    // BXML is only run for answered calls; inbound calls must be answered by the platform.
    autoAnswer: options.incomingCallUrl === undefined ? undefined : true,
  });
  await accounts.updatePhoneNumber(options.number, { applicationId });
  return applicationId;
}
