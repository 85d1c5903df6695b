import { clock, type Entry, isFailure } from './stream';

/** One arrow (or note) of a call's sequence. */
interface Step {
  id: number;
  time: number;
  /** `request`: client → emulator; `callback`: emulator → app; `note`: on the emulator. */
  lane: 'request' | 'callback' | 'note';
  /** Who is at the left end of a request arrow. */
  from?: string;
  label: string;
  reply?: string;
  /** What the app answered a callback (shown under the arrow). */
  body?: string;
  failure: boolean;
}

/** `/v1/users/u-1/calls/c-1/audio` → `/calls/c-1/audio`: the user is the same on every row. */
function shortPath(path: string): string {
  return path.replace(/^\/v1\/users\/[^/]+/, '');
}

/** A callback answer in a few words: BXML, empty, or its first line. */
function answerOf(entry: Entry): string | undefined {
  const response = entry.data.response;
  if (typeof response !== 'string' || response.trim() === '') return undefined;
  if (/<Response[\s>]/.test(response)) return 'BXML';
  return response.length > 120 ? `${response.slice(0, 120)}…` : response;
}

function stepOf(entry: Entry): Step | undefined {
  const data = entry.data;
  const failure = isFailure(entry);
  switch (entry.kind) {
    case 'request':
      return {
        id: entry.id,
        time: entry.time,
        lane: 'request',
        from: data.who === 'control' ? 'phone / control API' : 'your app',
        label: `${data.method} ${shortPath(String(data.path))}`,
        reply: `${data.status} · ${data.durationMs} ms`,
        failure,
      };
    case 'fault':
    case 'rate-limit':
      return {
        id: entry.id,
        time: entry.time,
        lane: 'request',
        from: 'your app',
        label: `${data.method} ${shortPath(String(data.path))}`,
        reply:
          entry.kind === 'fault'
            ? `injected fault ${data.status ?? data.type}`
            : `${data.status} ${data.code}`,
        failure: true,
      };
    case 'callback': {
      const body = answerOf(entry);
      return {
        id: entry.id,
        time: entry.time,
        lane: 'callback',
        label: `${data.eventType ?? 'callback'} · ${data.method} ${data.url}`,
        reply: `${data.status ?? 'no answer'}${data.error ? ` (${data.error})` : ''} · ${data.durationMs} ms`,
        ...(body !== undefined ? { body } : {}),
        failure,
      };
    }
    case 'call':
      return {
        id: entry.id,
        time: entry.time,
        lane: 'note',
        label: `${data.state}${data.cause ? ` (${data.cause})` : ''}`,
        failure,
      };
    default:
      return undefined;
  }
}

/** What a screen reader says before a step (the drawing says it with arrows). */
const SPOKEN: Record<Step['lane'], (step: Step) => string> = {
  request: (step) => `${step.from} to emulator: `,
  callback: () => 'Emulator to your app: ',
  note: () => 'Call state: ',
};

/**
 * A call's sequence diagram, API client ↔ emulator ↔ your app: the requests made about the
 * call and what each was answered, the callbacks the emulator sent and what each got back,
 * and the call's states, in order. It is an ordered list (each step in words for screen
 * readers); the lifelines and arrows are drawn over it with CSS.
 */
export function SequenceView({ callId, entries }: { callId: string; entries: readonly Entry[] }) {
  const steps = entries.map(stepOf).filter((step): step is Step => step !== undefined);
  if (steps.length === 0) return <p>Nothing yet.</p>;
  return (
    <div class="sequence">
      <div class="seq-lanes" aria-hidden="true">
        <span />
        <span>API client</span>
        <span>Emulator</span>
        <span>Your app</span>
      </div>
      <ol class="seq" aria-label={`Sequence of call ${callId}`}>
        {steps.map((step) => (
          <li key={step.id} class={`seq-step seq-${step.lane}${step.failure ? ' failure' : ''}`}>
            <time>{clock(step.time)}</time>
            <span class="seq-lifeline seq-left" aria-hidden="true" />
            <span class="seq-lifeline seq-right" aria-hidden="true" />
            <span class="seq-message">
              <span class="visually-hidden">{SPOKEN[step.lane](step)}</span>
              <span class="seq-label">{step.label}</span>
              {step.reply !== undefined && (
                <span class="seq-reply">
                  <span class="visually-hidden">, answered </span>
                  {step.reply}
                </span>
              )}
              {step.body !== undefined && <code class="seq-body">{step.body}</code>}
            </span>
          </li>
        ))}
      </ol>
    </div>
  );
}
