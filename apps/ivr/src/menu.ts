import { bxml } from '@bw/sdk';

/** The callback paths of the IVR server, relative to its URL. */
export const IVR_PATHS = Object.freeze({
  /** The application's `incomingCallUrl`: `incomingcall`, `answer`, `hangup` … */
  voice: '/voice',
  /** The menu's `<Gather requestUrl>`: the `gather` event with the key pressed. */
  menu: '/menu',
  /** The voicemail's `<Record requestUrl>`: the `recording` event once the file is saved. */
  voicemail: '/voicemail',
  /** The sales `<Transfer requestUrl>`: `transferComplete` when sales hangs up. */
  transferComplete: '/transfer-complete',
});

/** What the menu says and does; every sentence can be changed. */
export interface IvrScript {
  greeting: string;
  menu: string;
  transferring: string;
  /** Played to sales before the calls are connected. */
  whisper: string;
  salesUnavailable: string;
  voicemailPrompt: string;
  voicemailThanks: string;
  goodbye: string;
  invalidChoice: string;
}

/** The default sentences. */
export const DEFAULT_SCRIPT: Readonly<IvrScript> = Object.freeze({
  greeting: 'Thank you for calling Bandwidth.',
  menu: 'Press 1 for sales, 2 to leave a message, or 3 to hang up.',
  transferring: 'Connecting you to sales.',
  whisper: 'A caller chose sales in the phone menu.',
  salesUnavailable: 'Sales is not available right now.',
  voicemailPrompt: 'Please leave a message. Press pound when you are done.',
  voicemailThanks: 'Thank you for your message. Goodbye.',
  goodbye: 'Thank you for calling. Goodbye.',
  invalidChoice: 'Sorry, that is not an option.',
});

/** Everything the documents need to know. */
export interface MenuSettings {
  /** Base URL of the IVR server, for the `requestUrl`s. */
  url: string;
  /** Where the sales choice is transferred to. */
  salesNumber: string;
  /** Caller id shown to sales (default: the caller's own number). */
  transferCallerId?: string;
  /** How long sales rings before the caller is offered voicemail (default 20). */
  salesRingSeconds?: number;
  script: IvrScript;
}

/** How long sales rings before the caller is offered voicemail, seconds. */
export const DEFAULT_SALES_RING_SECONDS = 20;

/**
 * The menu: a `<Gather>` of one key whose prompts are the greeting (first time only) and the
 * choices. It is the document's last verb: a Gather followed by other verbs would send its
 * `gather` event without running the answer. With no key pressed the document ends, and the
 * platform hangs up.
 */
export function menuDocument(
  settings: MenuSettings,
  options: { greet: boolean; before?: string },
): string {
  const prompts = [...(options.greet ? [settings.script.greeting] : []), settings.script.menu].map(
    (sentence) => bxml.speakSentence(sentence),
  );
  return bxml.toXml(
    bxml.response(
      ...(options.before ? [bxml.speakSentence(options.before)] : []),
      bxml.gather(
        { requestUrl: `${settings.url}${IVR_PATHS.menu}`, maxDigits: 1, interDigitTimeout: 5 },
        ...prompts,
      ),
    ),
  );
}

/** What a key pressed in the menu leads to. */
export type MenuChoice = 'sales' | 'voicemail' | 'goodbye' | 'invalid';

/** The choice a key stands for. */
export function choiceOf(digits: string | undefined): MenuChoice {
  switch (digits) {
    case '1':
      return 'sales';
    case '2':
      return 'voicemail';
    case '3':
      return 'goodbye';
    default:
      return 'invalid';
  }
}

/** The document that carries out a choice. */
export function choiceDocument(settings: MenuSettings, choice: MenuChoice): string {
  const { script } = settings;
  switch (choice) {
    case 'sales':
      return bxml.toXml(
        bxml.response(
          bxml.speakSentence(script.transferring),
          bxml.transfer(
            {
              transferTo: settings.salesNumber,
              transferCallerId: settings.transferCallerId,
              callTimeout: settings.salesRingSeconds ?? DEFAULT_SALES_RING_SECONDS,
              requestUrl: `${settings.url}${IVR_PATHS.transferComplete}`,
            },
            bxml.speakSentence(script.whisper),
          ),
          // Runs only when sales does not answer: the caller can leave a message instead.
          bxml.speakSentence(script.salesUnavailable),
          ...voicemailVerbs(settings),
        ),
      );
    case 'voicemail':
      return bxml.toXml(bxml.response(...voicemailVerbs(settings)));
    case 'goodbye':
      return goodbyeDocument(script.goodbye);
    case 'invalid':
      return menuDocument(settings, { greet: false, before: script.invalidChoice });
  }
}

/** The voicemail box: the prompt, a recording until pound or silence, thanks, hang up. */
function voicemailVerbs(settings: MenuSettings) {
  const { script } = settings;
  return [
    bxml.speakSentence(script.voicemailPrompt),
    bxml.record({
      requestUrl: `${settings.url}${IVR_PATHS.voicemail}`,
      fileFormat: 'wav',
      maxDuration: 120,
      terminatingDigits: '#',
    }),
    bxml.speakSentence(script.voicemailThanks),
    bxml.hangup(),
  ];
}

/** Says `sentence` and hangs up. */
export function goodbyeDocument(sentence: string): string {
  return bxml.toXml(bxml.response(bxml.speakSentence(sentence), bxml.hangup()));
}
