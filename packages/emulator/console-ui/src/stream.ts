import { useEffect, useState } from 'preact/hooks';

/** One timeline entry, as the emulator's event stream sends it. */
export interface Entry {
  id: number;
  time: number;
  kind: string;
  userId?: string;
  callId?: string;
  messageId?: string;
  numbers?: string[];
  data: Record<string, unknown>;
}

/** Connection state shown in the header. */
export type Connection = 'connecting' | 'live' | 'reconnecting';

/** What the console knows of one call from its entries (state, parties, every entry). */
export interface CallIndex {
  id: string;
  from: string;
  to: string;
  state: string;
  direction: string;
  /** Every entry about the call (requests, callbacks, states, trace), oldest first. */
  entries: Entry[];
}

const MAX_ENTRIES = 50_000;

/**
 * The console's one store: every entry the stream sent, the connection state and the pause
 * switch. EventSource reconnects by itself and sends `Last-Event-ID`; a `hello` from another
 * emulator run (a restart) starts the timeline over.
 */
class Store {
  entries: Entry[] = [];
  /** Calls by id, in the order they first appeared: the views read these, not every entry. */
  calls = new Map<string, CallIndex>();
  /** Entries about each message, by message id. */
  messages = new Map<string, Entry[]>();
  connection: Connection = 'connecting';
  paused = false;
  pending: Entry[] = [];
  instance: string | undefined;
  version = 0;
  readonly #listeners = new Set<() => void>();
  #scheduled = false;

  connect(): void {
    const source = new EventSource('/_emulator/console/events');
    source.addEventListener('hello', (message) => {
      const hello = JSON.parse((message as MessageEvent<string>).data) as { instance: string };
      if (this.instance !== undefined && this.instance !== hello.instance) {
        this.entries = [];
        this.pending = [];
        this.calls = new Map();
        this.messages = new Map();
      }
      this.instance = hello.instance;
      this.connection = 'live';
      this.changed();
    });
    source.addEventListener('entry', (message) => {
      const entry = JSON.parse((message as MessageEvent<string>).data) as Entry;
      this.add(entry);
    });
    source.addEventListener('error', () => {
      this.connection = 'reconnecting';
      this.changed();
    });
  }

  add(entry: Entry): void {
    const last = this.entries[this.entries.length - 1] ?? this.pending[this.pending.length - 1];
    if (last && entry.id <= last.id && entry.kind !== 'demo') return;
    this.#index(entry);
    if (this.paused) this.pending.push(entry);
    else this.entries.push(entry);
    if (this.entries.length > MAX_ENTRIES)
      this.entries.splice(0, this.entries.length - MAX_ENTRIES);
    this.changed();
  }

  #index(entry: Entry): void {
    if (entry.callId) {
      let call = this.calls.get(entry.callId);
      if (!call) {
        call = { id: entry.callId, from: '', to: '', state: '', direction: '', entries: [] };
        this.calls.set(entry.callId, call);
      }
      call.entries.push(entry);
      if (entry.kind === 'call') {
        call.state = String(entry.data.state);
        call.from = String(entry.data.from ?? call.from);
        call.to = String(entry.data.to ?? call.to);
        call.direction = String(entry.data.direction ?? call.direction);
      }
    }
    if (entry.messageId) {
      const entries = this.messages.get(entry.messageId);
      if (entries) entries.push(entry);
      else this.messages.set(entry.messageId, [entry]);
    }
  }

  setPaused(paused: boolean): void {
    this.paused = paused;
    if (!paused) {
      this.entries.push(...this.pending);
      this.pending = [];
    }
    this.changed();
  }

  subscribe(listener: () => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Batches redraws to one per frame, however fast entries come. */
  changed(): void {
    this.version += 1;
    if (this.#scheduled) return;
    this.#scheduled = true;
    requestAnimationFrame(() => {
      this.#scheduled = false;
      for (const listener of this.#listeners) listener();
    });
  }
}

export const store = new Store();

/** Re-renders the calling component when the store changes; returns its version. */
export function useStore(): number {
  const [version, setVersion] = useState(store.version);
  useEffect(() => store.subscribe(() => setVersion(store.version)), []);
  return version;
}

/**
 * Sends a control request (same origin, JSON) and returns the answer: parsed when it is JSON,
 * else its text (`POST /_emulator/calls/auto-answer` answers `never` as plain text).
 */
export async function control(method: string, path: string, body?: unknown): Promise<unknown> {
  const response = await fetch(path, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  const json = response.headers.get('content-type')?.includes('json') ?? false;
  const parsed: unknown = text === '' ? undefined : json ? JSON.parse(text) : text;
  if (!response.ok) {
    const message =
      (parsed as { message?: string } | undefined)?.message ?? `HTTP ${response.status}`;
    throw new Error(message);
  }
  return parsed;
}

/** The `curl` command of a control request, for the forms to show. */
export function curlOf(method: string, path: string, body?: unknown): string {
  const url = `${location.origin}${path}`;
  if (body === undefined) return `curl -X ${method} ${url}`;
  return `curl -X ${method} ${url} -H 'content-type: application/json' -d '${JSON.stringify(body).replace(/'/g, "'\\''")}'`;
}

/** `HH:MM:SS.mmm` of an epoch ms. */
export function clock(time: number): string {
  const date = new Date(time);
  return `${date.toTimeString().slice(0, 8)}.${String(date.getMilliseconds()).padStart(3, '0')}`;
}

/** One line saying what an entry is. */
export function summary(entry: Entry): string {
  const data = entry.data;
  switch (entry.kind) {
    case 'request':
      return `${data.method} ${data.path} → ${data.status} (${data.durationMs} ms, ${data.who})`;
    case 'callback':
      return `${data.eventType ?? 'callback'} → ${data.url} ${data.status ?? 'no answer'}${data.error ? ` (${data.error})` : ''} ${data.durationMs} ms`;
    case 'message':
      return `${data.direction === 'in' ? 'inbound' : 'outbound'} ${data.from} → ${data.to}: ${data.state}${data.deliveryState ? ` / ${data.deliveryState}` : ''} “${String(data.text ?? '').slice(0, 60)}”`;
    case 'call':
      return `call ${entry.callId} ${data.from} → ${data.to}: ${data.state}${data.cause ? ` (${data.cause})` : ''}`;
    case 'trace':
      return `${entry.callId} ${traceLine(data)}`;
    case 'rate-limit':
      return `${data.method} ${data.path} refused: ${data.status} ${data.code}`;
    case 'fault':
      return `fault ${data.type}${data.status ? ` ${data.status}` : ''} on ${data.method} ${data.path}${Number(data.latencyMs) > 0 ? ` (+${data.latencyMs} ms)` : ''}`;
    case 'reset':
      return 'emulator reset';
    default:
      return JSON.stringify(data);
  }
}

/** What a trace entry says, in words. */
export function traceLine(data: Record<string, unknown>): string {
  const type = String(data.type);
  if (type === 'verb') return `▶ <${data.verb}>`;
  if (type === 'verb-end') return `■ <${data.verb}> ${data.outcome ?? ''}`;
  if (type === 'speak') return `speaks “${data.sentence ?? ''}”`;
  if (type === 'playback') return `plays ${data.fileUrl ?? ''}`;
  if (type === 'dtmf-in') return `key ${data.digit}`;
  if (type === 'gather-end') return `gather: ${data.digits ?? ''} (${data.reason ?? ''})`;
  const { type: _type, ...rest } = data;
  return `${type} ${JSON.stringify(rest)}`;
}

/** Is the entry an error to show in red? */
export function isFailure(entry: Entry): boolean {
  const status = Number(entry.data.status);
  if (entry.kind === 'fault' || entry.kind === 'rate-limit') return true;
  if (entry.kind === 'callback') return entry.data.error !== undefined;
  if (entry.kind === 'request') return status >= 400;
  if (entry.kind === 'trace') return String(entry.data.type).includes('error');
  if (entry.kind === 'message') return entry.data.deliveryState === 'not-delivered';
  return false;
}
