import { useEffect, useRef, useState } from 'preact/hooks';
import type { Overview } from './overview';
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
  const owned = (overview?.users ?? []).flatMap((user) =>
    user.phoneNumbers.map((entry) => entry.number),
  );
  const [mine, setMine] = useRemembered('mine', '+15555550100');
  const [peer, setPeer] = useRemembered('peer', '');
  const [text, setText] = useState('');
  const [callId, setCallId] = useRemembered<string | undefined>('callId', undefined);
  const [sound, setSound] = useRemembered('sound', false);
  const [ringHere, setRingHere] = useRemembered('ringHere', false);
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

  const callStates = new Map<
    string,
    { state: string; from: string; to: string; direction: string }
  >();
  for (const entry of store.entries) {
    if (entry.kind === 'call' && entry.callId) {
      callStates.set(entry.callId, {
        state: String(entry.data.state),
        from: String(entry.data.from),
        to: String(entry.data.to),
        direction: String(entry.data.direction ?? callStates.get(entry.callId)?.direction ?? ''),
      });
    }
  }
  const ringing = [...callStates].find(
    ([id, call]) => call.to === mine && call.state === 'started' && id !== callId,
  );
  const current = callId ? callStates.get(callId) : undefined;
  const lines = callId
    ? store.entries
        .filter((entry) => entry.callId === callId && entry.kind === 'trace')
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
            onChange={() => {
              const next = !ringHere;
              setRingHere(next);
              void act(async () => {
                try {
                  await control('POST', '/_emulator/calls/auto-answer', {
                    policy: next ? 'never' : { afterMs: 2000 },
                  });
                } catch (error) {
                  setRingHere(!next);
                  throw error;
                }
              });
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
            📞 {ringing[1].from} is calling {mine}
          </p>
          <button
            type="button"
            onClick={() =>
              act(async () => {
                await control('POST', `/_emulator/calls/${ringing[0]}/answer`);
                setCallId(ringing[0]);
              })
            }
          >
            Answer
          </button>
          <button
            type="button"
            onClick={() => act(() => control('POST', `/_emulator/calls/${ringing[0]}/reject`))}
          >
            Reject
          </button>
          <button
            type="button"
            onClick={() => act(() => control('POST', `/_emulator/calls/${ringing[0]}/busy`))}
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
          <fieldset class="keypad">
            <legend>Keypad</legend>
            {KEYS.map((key) => (
              <button
                type="button"
                key={key}
                disabled={!callId || Boolean(ended)}
                aria-label={`Key ${key}`}
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
