import { type ListenOptions, listen } from '@bw/app-kit';
import { type Logger, voice } from '@bw/sdk';
import {
  choiceDocument,
  choiceOf,
  DEFAULT_SCRIPT,
  goodbyeDocument,
  IVR_PATHS,
  type IvrScript,
  type MenuChoice,
  type MenuSettings,
  menuDocument,
} from './menu';

/** A message left in the voicemail box. */
export interface Voicemail {
  callId: string;
  /** The caller, from the call's `answer` event. */
  from: string | undefined;
  recordingId: string;
  /** API URL of the recording (its `media` holds the file). */
  recordingUri: string | undefined;
}

/** Options of {@link createIvrApp}. */
export interface IvrAppOptions {
  /** Where choice 1 (sales) is transferred to, E.164 or `sip:`. */
  salesNumber: string;
  /** Caller id shown to sales: an owned number (default: the caller's own number). */
  transferCallerId?: string;
  /** How long sales rings before the caller is offered voicemail, seconds (default 20). */
  salesRingSeconds?: number;
  /** Sentences to use instead of the defaults. */
  script?: Partial<IvrScript>;
  /** Where the server listens; `publicUrl` is used in the `requestUrl`s. Default: a free local port. */
  server?: ListenOptions;
  /** Sees every callback event and the BXML answered to it (`undefined`: an empty 200). */
  onEvent?: (event: voice.VoiceEvent, reply: string | undefined) => void;
  /** Sees each key choice made in the menu. */
  onChoice?: (callId: string, choice: MenuChoice) => void;
  /** Sees each voicemail once its recording is saved. */
  onVoicemail?: (voicemail: Voicemail) => void;
  /** Receives handler failures. */
  logger?: Logger;
}

/** A running IVR server. */
export interface IvrApp {
  /** Base URL of the server. */
  readonly url: string;
  /** The URL to set as the application's `incomingCallUrl` (with `callbackHttpMethod: 'GET'`). */
  readonly incomingCallUrl: string;
  /** Voicemails left so far, oldest first. */
  readonly voicemails: readonly Voicemail[];
  /** Stops the server. */
  close(): Promise<void>;
}

/**
 * Starts a BXML phone menu for an application's `incomingCallUrl`. A caller hears a greeting
 * and the menu (a `<Gather>` of one key): 1 transfers to sales (and, when sales does not answer,
 * takes a voicemail), 2 records a voicemail, 3 says goodbye, anything else repeats the menu.
 */
export async function createIvrApp(options: IvrAppOptions): Promise<IvrApp> {
  const voicemails: Voicemail[] = [];
  const callers = new Map<string, string | undefined>();
  let settings: MenuSettings | undefined;

  const reply = (event: voice.VoiceEvent, path: string): string | undefined => {
    if (!settings) return undefined;
    switch (event.eventType) {
      case 'answer':
        callers.set(event.callId, event.from);
        return menuDocument(settings, { greet: true });
      case 'gather': {
        if (path !== IVR_PATHS.menu) return undefined;
        const choice = choiceOf(event.digits);
        options.onChoice?.(event.callId, choice);
        return choiceDocument(settings, choice);
      }
      case 'recording': {
        if (path !== IVR_PATHS.voicemail || event.status === 'error') return undefined;
        const voicemail: Voicemail = {
          callId: event.callId,
          from: callers.get(event.callId),
          recordingId: event.recordingId,
          recordingUri: event.recordingUri,
        };
        voicemails.push(voicemail);
        options.onVoicemail?.(voicemail);
        // The platform runs the rest of the voicemail document; nothing to answer.
        return undefined;
      }
      case 'transferComplete':
        return goodbyeDocument(settings.script.goodbye);
      case 'hangup':
        callers.delete(event.callId);
        return undefined;
      default:
        return undefined;
    }
  };

  const handler = voice.createVoiceCallbackHandler({
    logger: options.logger,
    onEvent: (event, request) => {
      const answer = reply(event, new URL(request.url).pathname);
      options.onEvent?.(event, answer);
      return answer;
    },
  });
  const server = await listen(handler.node, options.server);
  settings = {
    url: server.url,
    salesNumber: options.salesNumber,
    transferCallerId: options.transferCallerId,
    salesRingSeconds: options.salesRingSeconds,
    script: { ...DEFAULT_SCRIPT, ...options.script },
  };
  return {
    url: server.url,
    incomingCallUrl: `${server.url}${IVR_PATHS.voice}`,
    voicemails,
    close: () => server.close(),
  };
}
