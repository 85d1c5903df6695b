import { render } from 'preact';
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { overviewPoller, useOverview } from './overview';
import { Phone } from './phone';
import { type Entry, store, useStore } from './stream';
import { Timeline } from './timeline';
import { CallsView, ControlsView, MessagesView, StateView } from './views';

const VIEWS = ['timeline', 'calls', 'messages', 'state', 'controls', 'phone'] as const;
type View = (typeof VIEWS)[number];

function readHash(): { view: View; id: string | undefined } {
  const [view, id] = location.hash.replace(/^#\/?/, '').split('/');
  return {
    view: (VIEWS as readonly string[]).includes(view ?? '') ? (view as View) : 'timeline',
    id,
  };
}

/** The connection state in the header (the one part of the frame that follows the stream). */
function ConnectionState() {
  useStore();
  return (
    <span class={`connection ${store.connection}`} role="status">
      {store.connection}
    </span>
  );
}

/**
 * The frame: header, views, and the route in the URL hash (`#/calls/c-…`, `#/messages/m-…`).
 * It re-renders when the overview or the route changes; each view follows the stream itself.
 */
function App() {
  const overview = useOverview();
  const [route, setRoute] = useState(readHash());
  // Opening an entry replaces the control that had the focus: the focus goes to what opened.
  const focusOpened = useRef(false);
  useEffect(() => {
    const onHash = () => setRoute(readHash());
    addEventListener('hashchange', onHash);
    return () => removeEventListener('hashchange', onHash);
  }, []);
  useLayoutEffect(() => {
    if (!focusOpened.current) return;
    focusOpened.current = false;
    document.querySelector<HTMLElement>('main .detail h2')?.focus();
  }, [route]);
  const go = (view: View, id?: string) => {
    location.hash = id ? `#/${view}/${id}` : `#/${view}`;
  };
  const open = (entry: Entry) => {
    focusOpened.current = true;
    if (entry.callId) go('calls', entry.callId);
    else if (entry.messageId) go('messages', entry.messageId);
  };
  return (
    <>
      <header class="top">
        <h1>bw-emulator</h1>
        <nav aria-label="Views">
          {VIEWS.map((view) => (
            <a
              key={view}
              href={`#/${view}`}
              aria-current={route.view === view ? 'page' : undefined}
            >
              {view[0]?.toUpperCase()}
              {view.slice(1)}
            </a>
          ))}
        </nav>
        <ConnectionState />
      </header>
      <main>
        {route.view === 'timeline' && <Timeline open={open} />}
        {route.view === 'calls' && (
          <CallsView overview={overview} callId={route.id} select={(id) => go('calls', id)} />
        )}
        {route.view === 'messages' && <MessagesView overview={overview} messageId={route.id} />}
        {route.view === 'state' && <StateView overview={overview} />}
        {route.view === 'controls' && <ControlsView overview={overview} />}
        {route.view === 'phone' && <Phone overview={overview} />}
      </main>
    </>
  );
}

store.connect();
overviewPoller.start();
const root = document.getElementById('root');
if (root) render(<App />, root);
