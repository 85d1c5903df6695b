import { useMemo, useState } from 'preact/hooks';
import { WindowedList } from './list';
import { clock, type Entry, isFailure, store, summary, useStore } from './stream';

const ROW_HEIGHT = 28;
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

/** Where activating an entry leads: its call, its conversation, or (neither) its details. */
export function openingOf(entry: Entry): string {
  if (entry.callId) return `Open call ${entry.callId}`;
  if (entry.messageId) return `Open the conversation of ${entry.messageId}`;
  return 'Show details';
}

/**
 * The live timeline: filters, search, pause and a windowed list of every entry. An entry is
 * itself the control: activating it opens its call or message, or shows its details.
 */
export function Timeline({ open }: { open: (entry: Entry) => void }) {
  const version = useStore();
  const [filters, setFilters] = useState<Filters>({
    kind: '',
    number: '',
    subject: '',
    search: '',
  });
  const [selected, setSelected] = useState<Entry | undefined>();
  const filtering = Boolean(filters.kind || filters.number || filters.subject || filters.search);
  const shown = useMemo(
    () => (filtering ? store.entries.filter((entry) => matches(entry, filters)) : store.entries),
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
        items={shown}
        rowHeight={ROW_HEIGHT}
        label="Timeline entries"
        class="rows"
        testId="timeline-rows"
        follow
        keyOf={(entry) => entry.id}
        rowClass={(entry) =>
          `kind-${entry.kind}${isFailure(entry) ? ' failure' : ''}${entry.id === selected?.id ? ' selected' : ''}`
        }
        row={(entry, _index, rowProps) => (
          <button
            type="button"
            class="row-button"
            title={openingOf(entry)}
            {...rowProps}
            onClick={() => {
              if (entry.callId || entry.messageId) open(entry);
              else setSelected(entry);
            }}
          >
            <span class="time">{clock(entry.time)}</span>
            <span class="kind">{entry.kind}</span>
            <span class="text">{summary(entry)}</span>
          </button>
        )}
      />
      {selected && <Details entry={selected} onClose={() => setSelected(undefined)} />}
    </section>
  );
}

function Details(props: { entry: Entry; onClose: () => void }) {
  const { entry } = props;
  const data = entry.data;
  return (
    <aside class={`details${isFailure(entry) ? ' failure' : ''}`} aria-label="Entry details">
      <header>
        <h2>
          {entry.kind} #{entry.id}
        </h2>
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
