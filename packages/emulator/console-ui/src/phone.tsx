import { useEffect, useRef, useState } from 'preact/hooks';
import type { AutoAnswerPolicy, Overview } from './overview';
import { control, store, useStore } from './stream';
import { Bubble } from './views';

/** What the phone remembers while another view is shown (it is one phone for the page). */
const remembered: Record<string, unknown> = {};

function useRemembered<T>(key: string, initial: T): [T, (value: T) => void] {
  const [value, setValue] = useState<T>(key in remembered ? (remembered[key] as T) : initial);
  return [
    value,
    (next: T) => {
      remembered[key] = next;
      setValue(next);
    },
  ];
}

const KEYS = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '*', '0', '#'];
const KEYPAD_COLUMNS = 3;
const DEFAULT_AUTO_ANSWER: AutoAnswerPolicy = { afterMs: 2000 };

/**
 * "Let calls ring here" is the emulator's auto-answer policy, not a setting of the page: the box
 * shows the policy in force (after a reload, a reset or a change from the Controls view too),
 * changes go to the emulator one at a time in the order they were made, and turning it off
 * restores the policy that was in force before (or the one the emulator started with).
 */
class RingSwitch {
  busy = false;
  /** The policy our last change was answered with, and when (newer than older overviews). */
  #known: { policy: AutoAnswerPolicy; at: number } | undefined;
  /** The state the user asked for while changes are on their way. */
  #wanted: boolean | undefined;
  #restore: AutoAnswerPolicy | undefined;
  #queue: Promise<unknown> = Promise.resolve();
  #pending = 0;
  readonly #listeners = new Set<() => void>();

  /** The policy in force, as best known. */
  policy(overview: Overview | undefined): AutoAnswerPolicy | undefined {
    if (this.#known && (!overview || overview.requestedAt < this.#known.at))
      return this.#known.policy;
    return overview?.autoAnswer;
  }

  checked(overview: Overview | undefined): boolean {
    return this.#wanted ?? this.policy(overview) === 'never';
  }

  set(wanted: boolean, overview: Overview | undefined): Promise<unknown> {
    this.#wanted = wanted;
    this.#pending += 1;
    this.busy = true;
    this.#changed();
    const run = async () => {
      const current = this.policy(overview);
      if (wanted && current !== undefined && current !== 'never') this.#restore = current;
      const start = overview?.startAutoAnswer;
      const policy = wanted
        ? 'never'
        : (this.#restore ?? (start && start !== 'never' ? start : DEFAULT_AUTO_ANSWER));
      try {
        const answer = await control('POST', '/_emulator/calls/auto-answer', { policy });
        this.#known = { policy: answer as AutoAnswerPolicy, at: Date.now() };
      } finally {
        this.#pending -= 1;
        if (this.#pending === 0) {
          this.#wanted = undefined;
          this.busy = false;
        }
        this.#changed();
      }
    };
    const done = this.#queue.then(run);
    this.#queue = done.catch(() => undefined);
    return done;
  }

  subscribe(listener: () => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  #changed(): void {
    for (const listener of this.#listeners) listener();
  }
}

const ringSwitch = new RingSwitch();

/** What a call "hears", from its trace: speech, audio files, pauses, tones. */
function heard(data: Record<string, unknown>): string | undefined {
  switch (data.type) {
    case 'speak':
      return `“${String(data.sentence ?? '')}”`;
    case 'playback':
      return `♪ ${String(data.fileUrl ?? '')}`;
    case 'verb':
      return data.verb === 'Pause'
        ? `(pause ${String((data.attributes as { duration?: unknown })?.duration ?? '')} s)`
        : undefined;
    case 'dtmf-out':
      return `(tones ${String(data.digits)})`;
    case 'tone':
      return '(tone)';
    default:
      return undefined;
  }
}

/**
 * A phone in the browser: it has a number of its own, texts and calls the emulator's owned
 * numbers (inbound traffic to the apps), and rings when an app calls it.
 */
export function Phone({ overview }: { overview: Overview | undefined }) {
  useStore();
  const [, setTick] = useState(0);
  const rerender = () => setTick((tick) => tick + 1);
  const [keyFocus, setKeyFocus] = useState(0);
  const keypad = useRef<HTMLFieldSetElement>(null);
  const owned = (overview?.users ?? []).flatMap((user) =>
    user.phoneNumbers.map((entry) => entry.number),
  );
  const [mine, setMine] = useRemembered('mine', '+15555550100');
  const [peer, setPeer] = useRemembered('peer', '');
  const [text, setText] = useState('');
  const [callId, setCallId] = useRemembered<string | undefined>('callId', undefined);
  const [sound, setSound] = useRemembered('sound', false);
  useEffect(() => ringSwitch.subscribe(rerender), []);
  const ringHere = ringSwitch.checked(overview);
  const [problem, setProblem] = useState<string>();
  const target = peer || owned[0] || '';
  const spoken = useRef(new Set<number>());

  const messages = (overview?.users ?? [])
    .flatMap((user) => (user.messages as Array<Record<string, unknown>>) ?? [])
    .filter(
      (message) =>
        (message.from === mine && message.to === target) ||
        (message.from === target && message.to === mine),
    );

  const ringing = [...store.calls.values()].find(
    (call) =>
      call.to === mine &&
      call.direction === 'out' &&
      call.state === 'started' &&
      call.id !== callId,
  );
  const current = callId ? store.calls.get(callId) : undefined;
  const lines = current
    ? current.entries
        .filter((entry) => entry.kind === 'trace')
        .map((entry) => ({ id: entry.id, text: heard(entry.data) }))
        .filter((line): line is { id: number; text: string } => line.text !== undefined)
    : [];

  useEffect(() => {
    if (!sound || typeof speechSynthesis === 'undefined') return;
    for (const line of lines) {
      if (spoken.current.has(line.id)) continue;
      spoken.current.add(line.id);
      if (line.text.startsWith('“'))
        speechSynthesis.speak(new SpeechSynthesisUtterance(line.text.slice(1, -1)));
    }
  });

  const act = async (run: () => Promise<unknown>) => {
    try {
      setProblem(undefined);
      await run();
    } catch (error) {
      setProblem((error as Error).message);
    }
  };
  const ended = current && (current.state === 'completed' || current.state === 'rejected');

  return (
    <section class="phone" aria-label="Phone">
      <div class="phone-settings">
        <label>
          This phone's number
          <input
            value={mine}
            onInput={(event) => setMine((event.target as HTMLInputElement).value)}
          />
        </label>
        <label>
          Owned number to reach
          <select
            value={target}
            onChange={(event) => setPeer((event.target as HTMLSelectElement).value)}
          >
            {owned.map((number) => (
              <option key={number} value={number}>
                {number}
              </option>
            ))}
          </select>
        </label>
        <label class="check">
          <input type="checkbox" checked={sound} onChange={() => setSound(!sound)} /> Sound (speech
          synthesis)
        </label>
        <label class="check">
          <input
            type="checkbox"
            checked={ringHere}
            aria-busy={ringSwitch.busy}
            onChange={(event) => {
              const wanted = (event.currentTarget as HTMLInputElement).checked;
              void act(() => ringSwitch.set(wanted, overview));
            }}
          />{' '}
          Let calls ring here (turns auto-answer off)
        </label>
      </div>
      {problem && (
        <p class="failure" role="alert">
          {problem}
        </p>
      )}
      {ringing && (
        <div class="ringing" role="alertdialog" aria-label="Incoming call">
          <p>
            📞 {ringing.from} is calling {mine}
          </p>
          <button
            type="button"
            onClick={() =>
              act(async () => {
                await control('POST', `/_emulator/calls/${ringing.id}/answer`);
                setCallId(ringing.id);
              })
            }
          >
            Answer
          </button>
          <button
            type="button"
            onClick={() => act(() => control('POST', `/_emulator/calls/${ringing.id}/reject`))}
          >
            Reject
          </button>
          <button
            type="button"
            onClick={() => act(() => control('POST', `/_emulator/calls/${ringing.id}/busy`))}
          >
            Busy
          </button>
        </div>
      )}
      <div class="phone-body">
        <section class="sms" aria-label="Messages">
          <h2>Messages with {target || '…'}</h2>
          <div class="bubbles" aria-live="polite">
            {messages.map((message) => (
              <Bubble key={String(message.id)} message={message} mine={message.from === mine} />
            ))}
          </div>
          <form
            onSubmit={(event) => {
              event.preventDefault();
              if (!text || !target) return;
              void act(async () => {
                await control('POST', '/_emulator/messages/inbound', {
                  from: mine,
                  to: target,
                  text,
                });
                setText('');
              });
            }}
          >
            <label>
              Message
              <input
                value={text}
                onInput={(event) => setText((event.target as HTMLInputElement).value)}
              />
            </label>
            <button type="submit">Send</button>
          </form>
        </section>
        <section class="call" aria-label="Call">
          <h2>Call {current ? `· ${current.state}` : ''}</h2>
          {(!callId || ended) && (
            <button
              type="button"
              class="dial"
              disabled={!target}
              onClick={() =>
                act(async () => {
                  const answer = (await control('POST', '/_emulator/calls/inbound', {
                    from: mine,
                    to: target,
                  })) as {
                    callId: string;
                  };
                  setCallId(answer.callId);
                })
              }
            >
              Call {target}
            </button>
          )}
          <ol class="heard" aria-label="What the call hears" aria-live="polite">
            {lines.map((line) => (
              <li key={line.id}>{line.text}</li>
            ))}
          </ol>
          <fieldset
            class="keypad"
            ref={keypad}
            onKeyDown={(event) => {
              const moves: Record<string, number> = {
                ArrowRight: 1,
                ArrowLeft: -1,
                ArrowDown: KEYPAD_COLUMNS,
                ArrowUp: -KEYPAD_COLUMNS,
              };
              const move = moves[event.key];
              if (move === undefined) return;
              event.preventDefault();
              const next = (keyFocus + move + KEYS.length) % KEYS.length;
              setKeyFocus(next);
              keypad.current?.querySelectorAll('button')[next]?.focus();
            }}
          >
            <legend>Keypad (arrow keys move between keys)</legend>
            {KEYS.map((key, index) => (
              <button
                type="button"
                key={key}
                tabIndex={index === keyFocus ? 0 : -1}
                disabled={!callId || Boolean(ended)}
                aria-label={`Key ${key}`}
                onFocus={() => setKeyFocus(index)}
                onClick={() =>
                  act(() => control('POST', `/_emulator/calls/${callId}/dtmf`, { digits: key }))
                }
              >
                {key}
              </button>
            ))}
          </fieldset>
          <button
            type="button"
            class="hangup"
            disabled={!callId || Boolean(ended)}
            onClick={() => act(() => control('POST', `/_emulator/calls/${callId}/hangup`))}
          >
            Hang up
          </button>
        </section>
      </div>
    </section>
  );
}
