import { useEffect, useMemo, useState } from 'preact/hooks';
import { WindowedList } from './list';
import { allItems, type Overview, voiceItems } from './overview';
import { SequenceView } from './sequence';
import {
  clock,
  control,
  curlOf,
  type Entry,
  isFailure,
  store,
  summary,
  traceLine,
  useStore,
} from './stream';

const mediaUrl = (userId: string, name: string) =>
  `/_emulator/console/api/users/${encodeURIComponent(userId)}/media/${encodeURIComponent(name)}`;

const CALL_ROW_HEIGHT = 44;
const LIVE_STATES = new Set(['started', 'active', 'transferring']);

/** Calls: the list (windowed: hundreds of live calls) and one call's life. */
export function CallsView(props: {
  overview: Overview | undefined;
  callId: string | undefined;
  select: (id: string) => void;
}) {
  useStore();
  const ids = [...store.calls.keys()].reverse();
  const current = props.callId ?? ids[0];
  let live = 0;
  for (const call of store.calls.values()) if (LIVE_STATES.has(call.state)) live += 1;
  return (
    <div class="split">
      <nav aria-label="Calls" class="list">
        <h2>
          Calls ({ids.length} · {live} live)
        </h2>
        {ids.length === 0 && <p>No calls yet.</p>}
        {ids.length > 0 && (
          <WindowedList
            items={ids}
            rowHeight={CALL_ROW_HEIGHT}
            label="Calls, newest first"
            class="call-rows"
            testId="call-rows"
            reveal={current}
            keyOf={(id) => id}
            row={(id, _index, rowProps) => {
              const call = store.calls.get(id);
              return (
                <button
                  type="button"
                  aria-current={id === current}
                  {...rowProps}
                  onClick={() => props.select(id)}
                >
                  {id}{' '}
                  <small>{call?.from ? `${call.from} → ${call.to} · ${call.state}` : ''}</small>
                </button>
              );
            }}
          />
        )}
      </nav>
      {current && <CallDetail callId={current} overview={props.overview} />}
    </div>
  );
}

function CallDetail({ callId, overview }: { callId: string; overview: Overview | undefined }) {
  const entries = store.calls.get(callId)?.entries ?? [];
  const states = entries.filter((entry) => entry.kind === 'call');
  const trace = entries.filter((entry) => entry.kind === 'trace');
  const callbacks = entries.filter((entry) => entry.kind === 'callback');
  const verbs = trace.filter((entry) => entry.data.type === 'verb');
  const ended = new Set(
    trace
      .filter((entry) => entry.data.type === 'verb-end')
      .map((entry) => `${entry.data.document}:${entry.data.index}`),
  );
  const documents = new Map<number, Entry[]>();
  for (const verb of verbs) {
    const number = Number(verb.data.document);
    documents.set(number, [...(documents.get(number) ?? []), verb]);
  }
  const recordings = allItems(overview, (user) => voiceItems(user, 'recordings')).filter(
    (recording) => recording.callId === callId,
  );
  const transcriptions = allItems(overview, (user) => voiceItems(user, 'transcriptions'));
  const saved = new Set(
    (overview?.users ?? []).flatMap((user) =>
      ((user.media as Array<{ mediaName: string }> | undefined) ?? []).map(
        (item) => item.mediaName,
      ),
    ),
  );
  // REST gathers trace `gather-end`; a BXML <Gather> reports its digits in its verb's result.
  const gathers = trace
    .filter(
      (entry) =>
        entry.data.type === 'gather-end' ||
        (entry.data.type === 'verb-end' && entry.data.verb === 'Gather'),
    )
    .map((entry) => {
      const result = (entry.data.result ?? {}) as Record<string, unknown>;
      return {
        id: entry.id,
        data: {
          digits: entry.data.digits ?? result.digits,
          reason: entry.data.reason ?? result.reason ?? entry.data.outcome,
        },
      };
    });
  return (
    <article class="detail" aria-label={`Call ${callId}`}>
      <h2 tabIndex={-1}>Call {callId}</h2>
      <h3>Sequence</h3>
      <SequenceView callId={callId} entries={entries} />
      <h3>States</h3>
      <ol class="states">
        {states.map((entry) => (
          <li key={entry.id}>
            <time>{clock(entry.time)}</time> {String(entry.data.state)}
            {entry.data.cause ? ` (${entry.data.cause})` : ''}
          </li>
        ))}
      </ol>
      <h3>BXML</h3>
      {documents.size === 0 && <p>No BXML ran on this call.</p>}
      {[...documents].map(([number, documentVerbs]) => (
        <section class="bxml" key={number} aria-label={`Document ${number}`}>
          <code>&lt;Response&gt;</code>
          <ol>
            {documentVerbs.map((verb) => {
              const running = !ended.has(`${verb.data.document}:${verb.data.index}`);
              return (
                <li
                  key={verb.id}
                  class={running ? 'running' : 'done'}
                  aria-current={running ? 'step' : undefined}
                >
                  <code>
                    &lt;{String(verb.data.verb)}
                    {attributesText(verb.data.attributes)}&gt;
                    {verb.data.text ? String(verb.data.text) : ''}
                  </code>
                  {Array.isArray(verb.data.children) && verb.data.children.length > 0 && (
                    <ul class="children">
                      {(verb.data.children as Array<Record<string, unknown>>).map(
                        (child, index) => (
                          <li key={`${verb.id}-${index}`}>
                            <code>
                              &lt;{String(child.verb)}&gt;{child.text ? String(child.text) : ''}
                            </code>
                          </li>
                        ),
                      )}
                    </ul>
                  )}
                  {running && <span class="badge">running</span>}
                </li>
              );
            })}
          </ol>
          <code>&lt;/Response&gt;</code>
        </section>
      ))}
      <h3>Gathers</h3>
      {gathers.length === 0 ? (
        <p>None.</p>
      ) : (
        <ul>
          {gathers.map((entry) => (
            <li key={entry.id}>
              digits <strong>{String(entry.data.digits || '—')}</strong> (
              {String(entry.data.reason)})
            </li>
          ))}
        </ul>
      )}
      <h3>Recordings</h3>
      {recordings.length === 0 ? (
        <p>None.</p>
      ) : (
        <ul class="recordings">
          {recordings.map((recording) => {
            const transcription = transcriptions.find((item) => item.recordingId === recording.id);
            return (
              <li key={String(recording.id)}>
                {saved.has(String(recording.mediaName)) ? (
                  <a href={mediaUrl(recording.userId, String(recording.mediaName))} download>
                    Download {String(recording.mediaName)}
                  </a>
                ) : (
                  <span>{String(recording.mediaName)} (not saved yet)</span>
                )}{' '}
                {Number(recording.duration ?? 0) > 0 ? `(${recording.duration})` : ''}
                {transcription && <blockquote>{String(transcription.text ?? '')}</blockquote>}
              </li>
            );
          })}
        </ul>
      )}
      <h3>Trace</h3>
      <ol class="trace">
        {trace.map((entry) => (
          <li key={entry.id} class={isFailure(entry) ? 'failure' : ''}>
            <time>{clock(entry.time)}</time> {traceLine(entry.data)}
          </li>
        ))}
      </ol>
      <h3>Callbacks</h3>
      <ul class="callbacks">
        {callbacks.map((entry) => (
          <li key={entry.id} class={isFailure(entry) ? 'failure' : ''}>
            <details>
              <summary>{summary(entry)}</summary>
              <pre>{JSON.stringify(entry.data.request, null, 2)}</pre>
              <pre>{String(entry.data.response ?? entry.data.error ?? '')}</pre>
            </details>
          </li>
        ))}
      </ul>
    </article>
  );
}

/** Bubbles shown of one conversation (the newest, or those around the selected message). */
const CONVERSATION_WINDOW = 200;

/** The number pair of a message, the same both ways. */
function pairOf(message: Record<string, unknown>): string {
  return [String(message.from), String(message.to)].sort().join(' ⇄ ');
}

/**
 * Messages as conversations per number pair. `messageId` (from a timeline entry) opens that
 * message's conversation with the message marked and its callbacks shown.
 */
export function MessagesView(props: {
  overview: Overview | undefined;
  messageId: string | undefined;
}) {
  useStore();
  const { overview, messageId } = props;
  const pairs = useMemo(() => {
    const grouped = new Map<string, Array<Record<string, unknown>>>();
    for (const user of overview?.users ?? []) {
      for (const message of (user.messages as Array<Record<string, unknown>>) ?? []) {
        const key = pairOf(message);
        const list = grouped.get(key);
        if (list) list.push(message);
        else grouped.set(key, [message]);
      }
    }
    return grouped;
  }, [overview]);
  const [pair, setPair] = useState<string>();
  useEffect(() => setPair(undefined), [messageId]);
  const opened = messageId
    ? (overview?.users ?? [])
        .flatMap((user) => (user.messages as Array<Record<string, unknown>>) ?? [])
        .find((message) => message.id === messageId)
    : undefined;
  const current = pair ?? (opened ? pairOf(opened) : [...pairs.keys()][0]);
  const conversation = (current && pairs.get(current)) || [];
  const at = opened ? conversation.indexOf(opened) : -1;
  const from =
    at >= 0 && at < conversation.length - CONVERSATION_WINDOW
      ? Math.max(0, at - CONVERSATION_WINDOW / 4)
      : Math.max(0, conversation.length - CONVERSATION_WINDOW);
  const shown = conversation.slice(from, from + CONVERSATION_WINDOW);
  useEffect(() => {
    if (messageId)
      document.querySelector('.bubble[aria-current="true"]')?.scrollIntoView({ block: 'nearest' });
  }, [messageId, opened !== undefined]);
  return (
    <div class="split">
      <nav aria-label="Conversations" class="list">
        <h2>Conversations</h2>
        {pairs.size === 0 && <p>No messages yet.</p>}
        <ul>
          {[...pairs.keys()].map((key) => (
            <li key={key}>
              <button type="button" aria-current={key === current} onClick={() => setPair(key)}>
                {key} <small>({pairs.get(key)?.length})</small>
              </button>
            </li>
          ))}
        </ul>
      </nav>
      {current && (
        <article class="detail conversation" aria-label={`Conversation ${current}`}>
          <h2 tabIndex={-1}>{current}</h2>
          {from > 0 && (
            <p class="muted">
              {from} earlier message{from === 1 ? '' : 's'} not shown
            </p>
          )}
          {shown.map((message) => (
            <Bubble
              key={String(message.id)}
              message={message}
              mine={message.direction === 'out'}
              current={message.id === messageId}
              callbacks={(store.messages.get(String(message.id)) ?? []).filter(
                (entry) => entry.kind === 'callback',
              )}
            />
          ))}
          {conversation.length > from + CONVERSATION_WINDOW && (
            <p class="muted">
              {conversation.length - from - CONVERSATION_WINDOW} later messages not shown
            </p>
          )}
        </article>
      )}
    </div>
  );
}

/** One message as a bubble with its states and (when given) the callbacks it caused. */
export function Bubble(props: {
  message: Record<string, unknown>;
  mine: boolean;
  current?: boolean;
  callbacks?: Entry[];
}) {
  const { message, mine } = props;
  const failed = message.deliveryState === 'not-delivered';
  return (
    <div
      class={`bubble ${mine ? 'mine' : 'theirs'}${failed ? ' failure' : ''}`}
      data-testid="bubble"
      aria-current={props.current ? 'true' : undefined}
    >
      <p>{String(message.text ?? '')}</p>
      {Array.isArray(message.media) && message.media.length > 0 && (
        <p class="media">{message.media.map(String).join(', ')}</p>
      )}
      <small>
        {String(message.from)} · {String(message.state)}
        {message.deliveryState ? ` · ${message.deliveryState}` : ''}
        {message.deliveryCode ? ` (${message.deliveryCode})` : ''}
      </small>
      {props.callbacks && props.callbacks.length > 0 && (
        <ul class="callbacks" aria-label="Callbacks">
          {props.callbacks.map((entry) => (
            <li key={entry.id} class={isFailure(entry) ? 'failure' : ''}>
              <details open={isFailure(entry)}>
                <summary>{summary(entry)}</summary>
                <pre>{String(entry.data.response ?? entry.data.error ?? '')}</pre>
              </details>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** Owned numbers, applications, domains, conferences, bridges, error log, balance. */
export function StateView({ overview }: { overview: Overview | undefined }) {
  if (!overview) return <p>Loading…</p>;
  return (
    <div class="state">
      {overview.users.map((user) => (
        <section key={user.userId} aria-label={`User ${user.userId}`}>
          <h2>
            {user.userId} <small>balance {user.balance}</small>
          </h2>
          <p>
            API token <code>{user.credentials.apiToken}</code> · secret{' '}
            <code>{user.credentials.apiSecret}</code>
          </p>
          <Table
            title="Numbers"
            rows={user.phoneNumbers}
            columns={['number', 'name', 'applicationId', 'numberState']}
          />
          <Table
            title="Applications"
            rows={user.applications}
            columns={[
              'id',
              'name',
              'incomingMessageUrl',
              'incomingCallUrl',
              'callbackHttpMethod',
              'autoAnswer',
            ]}
          />
          <Table title="Domains" rows={user.domains} columns={['id', 'name', 'description']} />
          <Table
            title="Endpoints"
            rows={user.endpoints}
            columns={['id', 'name', 'domainId', 'enabled']}
          />
          <Table
            title="Conferences"
            rows={voiceItems(user, 'conferences')}
            columns={['id', 'state', 'from', 'memberIds']}
          />
          <Table
            title="Bridges"
            rows={voiceItems(user, 'bridges')}
            columns={['id', 'state', 'callIds']}
          />
          <Table
            title="Error log"
            rows={user.errors}
            columns={['time', 'category', 'code', 'message']}
          />
        </section>
      ))}
    </div>
  );
}

function Table(props: { title: string; rows: Array<Record<string, unknown>>; columns: string[] }) {
  return (
    <>
      <h3>{props.title}</h3>
      {props.rows.length === 0 ? (
        <p>None.</p>
      ) : (
        <div class="table-scroll">
          <table>
            <thead>
              <tr>
                {props.columns.map((column) => (
                  <th key={column} scope="col">
                    {column}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {props.rows.map((row, index) => (
                <tr key={String(row.id ?? index)}>
                  {props.columns.map((column) => (
                    <td key={column}>{cell(row[column])}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}

/** ` name="value"` pairs of a traced verb's attributes. */
function attributesText(attributes: unknown): string {
  if (!attributes || typeof attributes !== 'object') return '';
  return Object.entries(attributes)
    .filter(([, value]) => value !== undefined && value !== null)
    .map(([name, value]) => ` ${name}="${String(value)}"`)
    .join('');
}

function cell(value: unknown): string {
  if (value === undefined || value === null) return '';
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

/** A control form: fields, the request it sends, its `curl`, and the answer. */
function ControlForm(props: {
  title: string;
  method: string;
  path: string;
  body: unknown;
  children?: preact.ComponentChildren;
}) {
  const [answer, setAnswer] = useState<string>();
  const [failed, setFailed] = useState(false);
  const id = props.title.toLowerCase().replace(/\W+/g, '-');
  return (
    <form
      class="control"
      aria-labelledby={`${id}-title`}
      onSubmit={async (event) => {
        event.preventDefault();
        try {
          setAnswer(JSON.stringify(await control(props.method, props.path, props.body)) ?? 'ok');
          setFailed(false);
        } catch (error) {
          setAnswer((error as Error).message);
          setFailed(true);
        }
      }}
    >
      <h3 id={`${id}-title`}>{props.title}</h3>
      {props.children}
      <button type="submit">Apply</button>
      <pre class="curl">{curlOf(props.method, props.path, props.body)}</pre>
      {answer !== undefined && (
        <output class={failed ? 'failure' : ''} aria-live="polite">
          {answer}
        </output>
      )}
    </form>
  );
}

/** The control API's switches as forms. */
export function ControlsView({ overview }: { overview: Overview | undefined }) {
  const [limit, setLimit] = useState('1');
  const [windowMs, setWindowMs] = useState('1000');
  const [faultStatus, setFaultStatus] = useState('503');
  const [faultPath, setFaultPath] = useState('/v1/users/*/messages');
  const [faultTimes, setFaultTimes] = useState('1');
  const [failTo, setFailTo] = useState('');
  const [failCode, setFailCode] = useState('720');
  const [balance, setBalance] = useState('100');
  const [autoAnswer, setAutoAnswer] = useState('2000');
  const [speed, setSpeed] = useState(String(overview?.speed ?? 1));
  const userId = overview?.users[0]?.userId ?? '';
  const input = (setter: (value: string) => void) => (event: Event) =>
    setter((event.target as HTMLInputElement).value);
  return (
    <div class="controls">
      <ControlForm
        title="Rate limits"
        method="POST"
        path="/_emulator/rate-limits"
        body={{ default: { limit: Number(limit), windowMs: Number(windowMs) } }}
      >
        <label>
          Requests per window
          <input type="number" min="1" value={limit} onInput={input(setLimit)} />
        </label>
        <label>
          Window (ms)
          <input type="number" min="1" value={windowMs} onInput={input(setWindowMs)} />
        </label>
      </ControlForm>
      <ControlForm
        title="Clear rate limits"
        method="POST"
        path="/_emulator/rate-limits"
        body={{}}
      />
      <ControlForm
        title="Fault"
        method="POST"
        path="/_emulator/faults"
        body={[
          {
            type: 'status',
            status: Number(faultStatus),
            path: faultPath,
            times: Number(faultTimes),
          },
        ]}
      >
        <label>
          Status
          <input
            type="number"
            min="400"
            max="599"
            value={faultStatus}
            onInput={input(setFaultStatus)}
          />
        </label>
        <label>
          Path pattern
          <input value={faultPath} onInput={input(setFaultPath)} />
        </label>
        <label>
          Times
          <input type="number" min="1" value={faultTimes} onInput={input(setFaultTimes)} />
        </label>
      </ControlForm>
      <ControlForm title="Clear faults" method="DELETE" path="/_emulator/faults" body={undefined} />
      <ControlForm
        title="Delivery failure"
        method="POST"
        path="/_emulator/messages/delivery-failures"
        body={[{ to: failTo || '*', deliveryCode: Number(failCode) }]}
      >
        <label>
          To number (* or empty: any)
          <input value={failTo} onInput={input(setFailTo)} placeholder="+1404…" />
        </label>
        <label>
          Delivery code
          <input type="number" value={failCode} onInput={input(setFailCode)} />
        </label>
      </ControlForm>
      <ControlForm
        title="Balance"
        method="POST"
        path="/_emulator/balance"
        body={{ userId, balance: Number(balance) }}
      >
        <label>
          Balance (USD)
          <input type="number" step="0.01" value={balance} onInput={input(setBalance)} />
        </label>
      </ControlForm>
      <ControlForm
        title="Speed"
        method="POST"
        path="/_emulator/speed"
        body={{ speed: Number(speed) }}
      >
        <label>
          Time scale (1 = real time)
          <input type="number" min="0.01" step="any" value={speed} onInput={input(setSpeed)} />
        </label>
      </ControlForm>
      <ControlForm
        title="Auto-answer"
        method="POST"
        path="/_emulator/calls/auto-answer"
        body={{ policy: autoAnswer === 'never' ? 'never' : { afterMs: Number(autoAnswer) } }}
      >
        <label>
          Answer outbound calls after (ms, or never)
          <input value={autoAnswer} onInput={input(setAutoAnswer)} />
        </label>
      </ControlForm>
      <ControlForm title="Reset" method="POST" path="/_emulator/reset" body={undefined} />
    </div>
  );
}
