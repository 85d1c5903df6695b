import type { BxmlVerbTraceEntry, CallbackRecord, TraceEntry } from '@bw/emulator';

/** One line of the story, placed in time. */
export interface TimelineEntry {
  /** Epoch ms. */
  at: number;
  /** `→` a request to the API, `←` a callback to an app, `▶` a BXML verb, `☎` the far end. */
  mark: '→' | '←' | '▶' | '☎' | '·';
  text: string;
}

/** An API request made by the demo's clients, seen by an `afterResponse` hook. */
export interface ApiRequestRecord {
  at: number;
  method: string;
  url: string;
  status: number;
  /** Id of a created resource (last segment of `Location`). */
  created?: string;
}

/** Keeps the demo's start time and turns records of every kind into timeline entries. */
export class Timeline {
  readonly startedAt = Date.now();
  readonly #write: (line: string) => void;

  constructor(write: (line: string) => void) {
    this.#write = write;
  }

  /** Writes one line as is. */
  line(text = ''): void {
    this.#write(text);
  }

  /** Writes entries in time order, each with its offset from the start. */
  print(entries: TimelineEntry[]): void {
    const sorted = [...entries].sort((a, b) => a.at - b.at);
    for (const entry of sorted) {
      const offset = `+${((entry.at - this.startedAt) / 1000).toFixed(3)}s`;
      this.#write(`   ${offset.padStart(9)}  ${entry.mark} ${entry.text}`);
    }
  }
}

/** `POST /v1/users/u-x/messages → 201 m-…` */
export function requestEntry(request: ApiRequestRecord): TimelineEntry {
  const path = new URL(request.url).pathname;
  const created = request.created ? ` (${request.created})` : '';
  return {
    at: request.at,
    mark: '→',
    text: `API ${request.method} ${path} → ${request.status}${created}`,
  };
}

const quote = (text: unknown, max = 60): string => {
  const value = String(text);
  return JSON.stringify(value.length > max ? `${value.slice(0, max - 1)}…` : value);
};

/** What a callback carried, in a few words. */
function describeEvent(body: Record<string, unknown>): string {
  const type = String(body.eventType ?? 'event');
  switch (type) {
    case 'sms':
    case 'mms': {
      const text = body.direction === 'in' ? ` ${quote(body.text)}` : '';
      return `${type} ${body.direction ?? ''} ${body.state ?? ''} ${body.from} → ${body.to}${text}`;
    }
    case 'speak':
    case 'playback':
      return `${type} ${body.status ?? ''}`;
    case 'gather':
      return `gather digits=${quote(body.digits ?? '')} (${body.reason ?? ''})`;
    case 'recording':
      return `recording ${body.recordingId ?? ''} ${body.status ?? body.state ?? ''}`;
    case 'hangup':
      return `hangup ${body.cause ?? ''}`;
    case 'incomingcall':
    case 'answer':
      return `${type} ${body.from ?? ''} → ${body.to ?? ''}`;
    default:
      return type;
  }
}

/** `callback POST /messages sms in received … → 200` */
export function callbackEntry(record: CallbackRecord): TimelineEntry {
  const path = new URL(record.url).pathname;
  const answer =
    record.status !== undefined ? `${record.status}` : `failed: ${record.error ?? '?'}`;
  return {
    at: Date.parse(record.time),
    mark: '←',
    text: `callback ${record.method} ${path}  ${describeEvent(record.body)}  → ${answer}`,
  };
}

/** `BXML Gather maxDigits=1 "Press 1…" → digits "2"` and the like. */
export function verbEntry(verb: BxmlVerbTraceEntry): TimelineEntry {
  const result = verb.result ?? {};
  let text = `BXML ${verb.verb}`;
  if (verb.text !== undefined) text += ` ${quote(verb.text)}`;
  switch (verb.verb) {
    case 'Gather': {
      const prompts = (verb.children ?? []).map((child) => quote(child.text ?? '', 40)).join(' ');
      text += ` maxDigits=${verb.attributes.maxDigits ?? '-'} ${prompts}`;
      if (result.digits !== undefined)
        text += ` → digits ${quote(result.digits)} (${result.reason})`;
      break;
    }
    case 'Record':
      text += ` → recording ${result.recordingId ?? '?'} (${result.reason ?? '…'}, ${result.recordedMs ?? 0} ms)`;
      break;
    case 'Transfer':
      text += ` to ${verb.attributes.transferTo ?? '?'}`;
      break;
  }
  return { at: Date.parse(verb.startedAt), mark: '▶', text: `${text}  [${verb.outcome}]` };
}

/** Far-end actions from a call trace: digits pressed. */
export function farEndEntries(trace: TraceEntry[]): TimelineEntry[] {
  return trace
    .filter((entry) => entry.type === 'dtmf-in')
    .map((entry) => ({
      at: Date.parse(entry.time),
      mark: '☎',
      text: `caller presses ${entry.digit}`,
    }));
}
