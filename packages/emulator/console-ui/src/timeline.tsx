import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { clock, type Entry, isFailure, store, summary, useStore } from './stream';

const ROW_HEIGHT = 28;
const OVERSCAN = 10;
const KINDS = ['request', 'callback', 'message', 'call', 'trace', 'rate-limit', 'fault', 'reset'];

/** Filters of the timeline. */
interface Filters {
  kind: string;
  number: string;
  subject: string;
  search: string;
}

function matches(entry: Entry, filters: Filters): boolean {
  if (filters.kind && entry.kind !== filters.kind) return false;
  if (filters.number && !(entry.numbers ?? []).some((number) => number.includes(filters.number)))
    return false;
  if (filters.subject && entry.callId !== filters.subject && entry.messageId !== filters.subject)
    return false;
  if (filters.search) {
    const text = `${summary(entry)} ${JSON.stringify(entry.data)}`.toLowerCase();
    if (!text.includes(filters.search.toLowerCase())) return false;
  }
  return true;
}

/** The live timeline: filters, search, pause and a windowed list of every entry. */
export function Timeline({ open }: { open: (entry: Entry) => void }) {
  const version = useStore();
  const [filters, setFilters] = useState<Filters>({
    kind: '',
    number: '',
    subject: '',
    search: '',
  });
  const [selected, setSelected] = useState<Entry | undefined>();
  const shown = useMemo(
    () => store.entries.filter((entry) => matches(entry, filters)),
    [version, filters],
  );
  const set = (key: keyof Filters) => (event: Event) =>
    setFilters({ ...filters, [key]: (event.target as HTMLInputElement).value });
  return (
    <section class="timeline" aria-label="Timeline">
      <form class="filters" onSubmit={(event) => event.preventDefault()}>
        <label>
          Kind
          <select value={filters.kind} onChange={set('kind')}>
            <option value="">all</option>
            {KINDS.map((kind) => (
              <option value={kind} key={kind}>
                {kind}
              </option>
            ))}
          </select>
        </label>
        <label>
          Number
          <input value={filters.number} onInput={set('number')} placeholder="+1919…" />
        </label>
        <label>
          Call or message id
          <input value={filters.subject} onInput={set('subject')} placeholder="c-… or m-…" />
        </label>
        <label>
          Search
          <input type="search" value={filters.search} onInput={set('search')} />
        </label>
        <button
          type="button"
          aria-pressed={store.paused}
          onClick={() => store.setPaused(!store.paused)}
        >
          {store.paused ? `Resume (${store.pending.length} new)` : 'Pause'}
        </button>
        <span class="count" aria-live="polite">
          {shown.length} of {store.entries.length}
        </span>
      </form>
      <WindowedList
        entries={shown}
        onSelect={(entry) => {
          setSelected(entry);
        }}
        onOpen={open}
        selectedId={selected?.id}
      />
      {selected && (
        <Details entry={selected} onOpen={open} onClose={() => setSelected(undefined)} />
      )}
    </section>
  );
}

function WindowedList(props: {
  entries: Entry[];
  onSelect: (entry: Entry) => void;
  onOpen: (entry: Entry) => void;
  selectedId: number | undefined;
}) {
  const viewport = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [height, setHeight] = useState(600);
  const [follow, setFollow] = useState(true);
  const total = props.entries.length;
  useEffect(() => {
    const element = viewport.current;
    if (!element) return;
    const observer = new ResizeObserver(() => setHeight(element.clientHeight));
    observer.observe(element);
    return () => observer.disconnect();
  }, []);
  useEffect(() => {
    const element = viewport.current;
    if (element && follow) element.scrollTop = total * ROW_HEIGHT;
  }, [total, follow]);
  const first = Math.max(0, Math.floor(scrollTop / ROW_HEIGHT) - OVERSCAN);
  const last = Math.min(total, Math.ceil((scrollTop + height) / ROW_HEIGHT) + OVERSCAN);
  const rows = props.entries.slice(first, last);
  return (
    <div
      ref={viewport}
      class="rows"
      data-testid="timeline-rows"
      onScroll={(event) => {
        const element = event.currentTarget as HTMLDivElement;
        setScrollTop(element.scrollTop);
        setFollow(element.scrollTop + element.clientHeight >= element.scrollHeight - ROW_HEIGHT);
      }}
    >
      <ul
        aria-label="Timeline entries"
        class="rows-inner"
        style={{ height: `${total * ROW_HEIGHT}px` }}
      >
        {rows.map((entry, offset) => (
          <li
            key={entry.id}
            class={`row kind-${entry.kind}${isFailure(entry) ? ' failure' : ''}${entry.id === props.selectedId ? ' selected' : ''}`}
            style={{ top: `${(first + offset) * ROW_HEIGHT}px` }}
            data-kind={entry.kind}
          >
            <button
              type="button"
              class="row-button"
              onClick={() => props.onSelect(entry)}
              onDblClick={() => props.onOpen(entry)}
            >
              <span class="time">{clock(entry.time)}</span>
              <span class="kind">{entry.kind}</span>
              <span class="text">{summary(entry)}</span>
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}

function Details(props: { entry: Entry; onOpen: (entry: Entry) => void; onClose: () => void }) {
  const { entry } = props;
  const data = entry.data;
  return (
    <aside class={`details${isFailure(entry) ? ' failure' : ''}`} aria-label="Entry details">
      <header>
        <h2>
          {entry.kind} #{entry.id}
        </h2>
        {(entry.callId || entry.messageId) && (
          <button type="button" onClick={() => props.onOpen(entry)}>
            Open {entry.callId ? 'call' : 'conversation'}
          </button>
        )}
        <button type="button" onClick={props.onClose} aria-label="Close details">
          ×
        </button>
      </header>
      <p>{summary(entry)}</p>
      {entry.kind === 'callback' ? (
        <>
          <h3>Request</h3>
          <pre>{JSON.stringify(data.request, null, 2)}</pre>
          <h3>Response {data.status !== undefined ? `(${data.status})` : '(none)'}</h3>
          <pre class="response">{String(data.response ?? data.error ?? '')}</pre>
        </>
      ) : (
        <pre>{JSON.stringify(entry, null, 2)}</pre>
      )}
    </aside>
  );
}
