import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { useOverview } from './overview';
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

function App() {
  useStore();
  const overview = useOverview();
  const [route, setRoute] = useState(readHash());
  useEffect(() => {
    const onHash = () => setRoute(readHash());
    addEventListener('hashchange', onHash);
    return () => removeEventListener('hashchange', onHash);
  }, []);
  const go = (view: View, id?: string) => {
    location.hash = id ? `#/${view}/${id}` : `#/${view}`;
  };
  const open = (entry: Entry) => {
    if (entry.callId) go('calls', entry.callId);
    else if (entry.messageId) go('messages');
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
        <span class={`connection ${store.connection}`} role="status">
          {store.connection}
        </span>
      </header>
      <main>
        {route.view === 'timeline' && <Timeline open={open} />}
        {route.view === 'calls' && (
          <CallsView overview={overview} callId={route.id} select={(id) => go('calls', id)} />
        )}
        {route.view === 'messages' && <MessagesView overview={overview} />}
        {route.view === 'state' && <StateView overview={overview} />}
        {route.view === 'controls' && <ControlsView overview={overview} />}
        {route.view === 'phone' && <Phone overview={overview} />}
      </main>
    </>
  );
}

store.connect();
const root = document.getElementById('root');
if (root) render(<App />, root);
