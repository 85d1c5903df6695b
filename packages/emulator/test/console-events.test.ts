import { afterEach, describe, expect, it } from 'vitest';
import { startEmulator } from '../src/index';
import { emulator, idFrom, OWNED, receiver, STRANGER, type TestEmulator } from './helpers';

interface StreamEvent {
  id?: string;
  event: string;
  data: Record<string, unknown> & { kind?: string; data?: Record<string, unknown> };
}

const streams: AbortController[] = [];
afterEach(() => {
  for (const stream of streams.splice(0)) stream.abort();
});

/** Opens the console's event stream and collects what it sends. */
async function openStream(url: string, headers: Record<string, string> = {}) {
  const controller = new AbortController();
  streams.push(controller);
  const response = await fetch(`${url}/_emulator/console/events`, {
    headers,
    signal: controller.signal,
  });
  const events: StreamEvent[] = [];
  const waiters = new Set<() => void>();
  const pump = (async () => {
    if (!response.body) return;
    const decoder = new TextDecoder();
    let buffered = '';
    try {
      for await (const chunk of response.body) {
        buffered += decoder.decode(chunk as Uint8Array, { stream: true });
        let end = buffered.indexOf('\n\n');
        while (end !== -1) {
          const block = buffered.slice(0, end);
          buffered = buffered.slice(end + 2);
          end = buffered.indexOf('\n\n');
          const fields: Record<string, string> = {};
          for (const line of block.split('\n')) {
            const colon = line.indexOf(':');
            if (colon <= 0) continue;
            fields[line.slice(0, colon)] = line.slice(colon + 1).trimStart();
          }
          if (fields.data === undefined) continue;
          events.push({
            ...(fields.id ? { id: fields.id } : {}),
            event: fields.event ?? 'message',
            data: JSON.parse(fields.data),
          });
          for (const waiter of [...waiters]) waiter();
        }
      }
    } catch {
      // aborted
    }
  })();
  const next = (predicate: (event: StreamEvent) => boolean, timeoutMs = 4000) =>
    new Promise<StreamEvent>((resolve, reject) => {
      const check = () => {
        const found = events.find(predicate);
        if (found) {
          waiters.delete(check);
          clearTimeout(timer);
          resolve(found);
        }
      };
      const timer = setTimeout(() => {
        waiters.delete(check);
        reject(
          new Error(
            `no such event; got ${JSON.stringify(events.map((e) => [e.data.kind ?? e.event, e.data.data]))}`,
          ),
        );
      }, timeoutMs);
      waiters.add(check);
      check();
    });
  return { response, events, next, close: () => controller.abort(), done: pump };
}

const entry =
  (kind: string, test: (data: Record<string, unknown>) => boolean = () => true) =>
  (event: StreamEvent) =>
    event.event === 'entry' && event.data.kind === kind && test(event.data.data ?? {});

/** Routes inbound calls to `OWNED` to a voice application at `incomingCallUrl` (GET, auto-answered). */
async function routeCallsTo(emu: TestEmulator, incomingCallUrl: string): Promise<void> {
  const created = await emu.api('POST', `${emu.base}/applications`, {
    name: 'voice',
    incomingCallUrl,
    callbackHttpMethod: 'GET',
    autoAnswer: true,
  });
  await emu.api('POST', `${emu.base}/phoneNumbers/${encodeURIComponent(OWNED)}`, {
    applicationId: idFrom(created),
  });
}

describe('console event stream', () => {
  it('streams API requests with who sent them, status and duration', async () => {
    const emu = await emulator();
    const stream = await openStream(emu.url);
    expect(stream.response.status).toBe(200);
    expect(stream.response.headers.get('content-type')).toMatch(/^text\/event-stream/);
    expect(stream.response.headers.get('access-control-allow-origin')).toBeNull();
    await emu.api('GET', `${emu.base}/account`);
    await emu.api('GET', `${emu.base}/calls/c-missing`);
    const ok = await stream.next(entry('request', (data) => data.path === `${emu.base}/account`));
    expect(ok.data).toMatchObject({
      userId: 'u-test',
      data: { method: 'GET', status: 200, who: 'u-test' },
    });
    expect(typeof ok.data.data?.durationMs).toBe('number');
    const missing = await stream.next(entry('request', (data) => data.status === 404));
    expect(missing.data.callId).toBe('c-missing');
  });

  it('ties a create request to the message or call it created (the one its Location names)', async () => {
    const emu = await emulator();
    const stream = await openStream(emu.url);
    const sent = await emu.api('POST', `${emu.base}/messages`, {
      from: OWNED,
      to: STRANGER,
      text: 'hello',
    });
    const created = await stream.next(
      entry('request', (data) => data.method === 'POST' && data.path === `${emu.base}/messages`),
    );
    expect(created.data.messageId).toBe(idFrom(sent));
    const placed = await emu.api('POST', `${emu.base}/calls`, { from: OWNED, to: STRANGER });
    const call = await stream.next(
      entry('request', (data) => data.method === 'POST' && data.path === `${emu.base}/calls`),
    );
    expect(call.data.callId).toBe(idFrom(placed));
  });

  it('shows the auto-answer policy in force and the one a reset restores', async () => {
    const emu = await emulator({ autoAnswer: { afterMs: 500 } });
    const overview = async () =>
      (await (await fetch(`${emu.url}/_emulator/console/api/overview`)).json()) as Record<
        string,
        unknown
      >;
    await emu.control.setAutoAnswer('never');
    expect(await overview()).toMatchObject({
      autoAnswer: 'never',
      startAutoAnswer: { afterMs: 500 },
    });
    await emu.control.reset();
    expect((await overview()).autoAnswer).toEqual({ afterMs: 500 });
  });

  it('refuses a cross-origin browser, on the stream and on the control API', async () => {
    const emu = await emulator();
    const stream = await fetch(`${emu.url}/_emulator/console/events`, {
      headers: { origin: 'http://evil.test' },
    });
    expect(stream.status).toBe(403);
    const reset = await fetch(`${emu.url}/_emulator/reset`, {
      method: 'POST',
      headers: { origin: 'http://evil.test' },
    });
    expect(reset.status).toBe(403);
    const sameOrigin = await openStream(emu.url, { origin: emu.url });
    expect(sameOrigin.response.status).toBe(200);
  });

  it('streams message state changes and callbacks with what the app answered, URL passwords redacted', async () => {
    const emu = await emulator();
    const hook = await receiver();
    hook.respond('/status', 500, '{"oops":"handler crashed"}', 'application/json');
    const stream = await openStream(emu.url);
    const callbackUrl = hook.url.replace('http://', 'http://me:hunter2@');
    await emu.api('POST', `${emu.base}/messages`, {
      from: OWNED,
      to: STRANGER,
      text: 'hello',
      callbackUrl: `${callbackUrl}/status`,
    });
    await stream.next(entry('message', (data) => data.state === 'queued'));
    await stream.next(entry('message', (data) => data.state === 'sent'));
    const callback = await stream.next(entry('callback', (data) => data.status === 500));
    expect(callback.data.data).toMatchObject({
      eventType: 'sms',
      response: '{"oops":"handler crashed"}',
      error: 'HTTP 500',
    });
    expect(callback.data.numbers).toEqual([OWNED, STRANGER]);
    expect(JSON.stringify(stream.events)).not.toContain('hunter2');
  });

  it('streams rate-limit answers and injected faults', async () => {
    const emu = await emulator();
    const stream = await openStream(emu.url);
    await emu.control.setFaults([
      { type: 'status', status: 503, path: '/v1/users/*/media', times: 1 },
    ]);
    expect((await emu.api('GET', `${emu.base}/media`)).status).toBe(503);
    const fault = await stream.next(entry('fault'));
    expect(fault.data.data).toMatchObject({ type: 'status', status: 503, method: 'GET' });
    // A dropped answer: the request was handled (its message exists) and shows with its status.
    await emu.control.setFaults([
      { type: 'drop-after', method: 'POST', path: '/v1/users/*/messages', times: 1 },
    ]);
    await emu
      .api('POST', `${emu.base}/messages`, { from: OWNED, to: STRANGER, text: 'dropped' })
      .catch(() => undefined);
    await stream.next(entry('fault', (data) => data.type === 'drop-after'));
    const dropped = await stream.next(
      entry('request', (data) => data.method === 'POST' && data.path === `${emu.base}/messages`),
    );
    expect(dropped.data.data).toMatchObject({ status: 201 });
    await emu.control.setRateLimits({ resources: { account: { limit: 1, windowMs: 60_000 } } });
    for (let i = 0; i < 4; i++) await emu.api('GET', `${emu.base}/account`);
    const limited = await stream.next(entry('rate-limit'));
    expect(limited.data.data).toMatchObject({ code: 'rate-limit-reached' });
  });

  it('streams call states and the BXML verbs a call runs', { timeout: 15_000 }, async () => {
    const emu = await emulator();
    const app = await receiver();
    app.respond(
      '/voice',
      200,
      '<?xml version="1.0"?><Response><SpeakSentence>Welcome to the console</SpeakSentence><Hangup/></Response>',
      'application/xml',
    );
    await routeCallsTo(emu, `${app.url}/voice`);
    const stream = await openStream(emu.url);
    const { callId } = await emu.control.inboundCall({ from: STRANGER, to: OWNED });
    const started = await stream.next(entry('call', (data) => data.state === 'started'));
    expect(started.data.callId).toBe(callId);
    await stream.next(entry('call', (data) => data.state === 'active'));
    const verb = await stream.next(
      entry('trace', (data) => data.type === 'verb' && data.verb === 'SpeakSentence'),
    );
    expect(verb.data.callId).toBe(callId);
    await stream.next(
      entry('trace', (data) => data.type === 'verb-end' && data.verb === 'SpeakSentence'),
    );
    await stream.next(entry('call', (data) => data.state === 'completed'));
  });

  it('publishes each verb once as it starts and once as it ends, in order with the call states', async () => {
    const emu = await emulator();
    const app = await receiver();
    app.respond(
      '/voice',
      200,
      '<?xml version="1.0"?><Response><SpeakSentence>One</SpeakSentence>' +
        `<Gather requestUrl="${app.url}/gather" maxDigits="1" interDigitTimeout="1"><SpeakSentence>Two</SpeakSentence></Gather>` +
        '<Hangup/></Response>',
      'application/xml',
    );
    await routeCallsTo(emu, `${app.url}/voice`);
    const stream = await openStream(emu.url);
    const { callId } = await emu.control.inboundCall({ from: STRANGER, to: OWNED });
    // The Hangup verb ends the call, then itself.
    await stream.next(
      entry('trace', (data) => data.type === 'verb-end' && data.verb === 'Hangup'),
      10_000,
    );
    const mine = stream.events.filter((event) => event.data.callId === callId);
    const steps = mine.flatMap((event) => {
      const data = event.data.data ?? {};
      if (event.data.kind === 'call') return [`state ${data.state}`];
      if (data.type === 'verb' || data.type === 'verb-end') return [`${data.type} ${data.verb}`];
      return [];
    });
    expect(steps).toEqual([
      'state started',
      'state active',
      'verb SpeakSentence',
      'verb-end SpeakSentence',
      'verb Gather',
      'verb-end Gather',
      'verb Hangup',
      'state completed',
      'verb-end Hangup',
    ]);
  });

  it('replays a finished call as it was at each step, secrets redacted', async () => {
    const emu = await emulator();
    const app = await receiver();
    app.respond(
      '/voice',
      200,
      '<?xml version="1.0"?><Response><SpeakSentence>Replayed later</SpeakSentence><Hangup/></Response>',
      'application/xml',
    );
    const withPassword = app.url.replace('http://', 'http://bob:hunter2@');
    await routeCallsTo(emu, `${withPassword}/voice`);
    const { callId } = await emu.control.inboundCall({ from: STRANGER, to: OWNED });
    await emu.control.waitForTrace(callId, (traced) => traced.type === 'bxml-end');
    // Connected after the call ended: every event is read now, for the first time.
    const stream = await openStream(emu.url);
    const started = await stream.next(
      entry('trace', (data) => data.type === 'verb' && data.verb === 'SpeakSentence'),
    );
    expect(started.data.data).toMatchObject({ outcome: 'running' });
    expect(started.data.data?.endedAt).toBeUndefined();
    const ended = await stream.next(
      entry('trace', (data) => data.type === 'verb-end' && data.verb === 'SpeakSentence'),
    );
    expect(ended.data.data).toMatchObject({ outcome: 'completed' });
    const ringing = await stream.next(entry('call', (data) => data.state === 'started'));
    expect(ringing.data.data).toMatchObject({ from: STRANGER, to: OWNED, direction: 'in' });
    const callback = await stream.next(
      entry('callback', (data) => (data.request as { eventType?: string }).eventType === 'answer'),
    );
    expect(callback.data.data).toMatchObject({ status: 200, method: 'GET' });
    expect(String(callback.data.data?.response)).toContain('Replayed later');
    expect(JSON.stringify(stream.events)).not.toContain('hunter2');
    expect(JSON.stringify(stream.events)).toContain('[REDACTED]');
  });

  it('replays a message as it was at each step, and its requests as they were answered', async () => {
    const emu = await emulator();
    const withPassword = 'https://bob:hunter2@media.example/cat.png';
    const created = await emu.api('POST', `${emu.base}/messages`, {
      from: OWNED,
      to: STRANGER,
      text: 'Seen before redaction',
      receiptRequested: 'all',
    });
    const id = idFrom(created);
    const mms = idFrom(
      await emu.api('POST', `${emu.base}/messages`, {
        from: OWNED,
        to: STRANGER,
        media: [withPassword],
      }),
    );
    const delivered = async () =>
      (await (await emu.api('GET', `${emu.base}/messages/${id}`)).json()) as {
        deliveryState?: string;
      };
    while ((await delivered()).deliveryState !== 'delivered') {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    expect((await emu.api('PATCH', `${emu.base}/messages/${id}`, { text: '' })).status).toBe(200);
    // Connected after all of it: every event is read now, for the first time.
    const stream = await openStream(emu.url);
    await stream.next(entry('request', (data) => data.method === 'PATCH'));
    const steps = stream.events
      .filter((event) => event.data.kind === 'message' && event.data.messageId === id)
      .map((event) => event.data.data);
    expect(steps.map((data) => [data?.state, data?.deliveryState, data?.text])).toEqual([
      ['queued', 'waiting', 'Seen before redaction'],
      ['sending', 'waiting', 'Seen before redaction'],
      ['sent', 'waiting', 'Seen before redaction'],
      ['sent', 'delivered', 'Seen before redaction'],
    ]);
    expect(steps[3]).toMatchObject({ deliveryCode: 0 });
    const requests = stream.events
      .filter((event) => event.data.kind === 'request')
      .map((event) => event.data);
    expect(requests[0]).toMatchObject({
      messageId: id,
      data: { method: 'POST', status: 201, path: `${emu.base}/messages` },
    });
    expect(requests[1]).toMatchObject({ messageId: mms, data: { status: 201 } });
    expect(requests.at(-1)).toMatchObject({
      messageId: id,
      data: { method: 'PATCH', status: 200 },
    });
    const media = stream.events.find(
      (event) => event.data.kind === 'message' && event.data.messageId === mms,
    );
    expect(media?.data.data?.media).toEqual(['https://bob:[REDACTED]@media.example/cat.png']);
    expect(JSON.stringify(stream.events)).not.toContain('hunter2');
  });

  it('replays what was missed from Last-Event-ID, and everything to a console of an earlier run', async () => {
    const emu = await emulator();
    for (let i = 0; i < 3; i++) await emu.api('GET', `${emu.base}/account`);
    const first = await openStream(emu.url);
    await first.next((event) => event.event === 'entry' && event.data.kind === 'request');
    await new Promise((resolve) => setTimeout(resolve, 50));
    const ids = first.events.filter((event) => event.id).map((event) => Number(event.id));
    expect(ids.length).toBeGreaterThanOrEqual(3);
    first.close();
    await emu.api('GET', `${emu.base}/phoneNumbers`);
    const again = await openStream(emu.url, { 'last-event-id': String(ids[ids.length - 1]) });
    const replayed = await again.next(
      entry('request', (data) => String(data.path).endsWith('/phoneNumbers')),
    );
    const againIds = again.events.filter((event) => event.id).map((event) => Number(event.id));
    expect(Math.min(...againIds)).toBeGreaterThan(ids[ids.length - 1] as number);
    expect(replayed.id).toBeDefined();

    // A restarted emulator numbers from 1 again: a later id than it has means "start over".
    const restarted = await startEmulator({ speed: 1000 });
    try {
      const hello = await openStream(restarted.url, { 'last-event-id': '99999' });
      const greeting = await hello.next((event) => event.event === 'hello');
      expect(greeting.data).toMatchObject({ replayFrom: 0 });
    } finally {
      await restarted.close();
    }
  });

  it('sets a balance through POST /_emulator/balance, and refuses a bad one', async () => {
    const emu = await emulator();
    const set = await fetch(`${emu.url}/_emulator/balance`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ balance: 0.01 }),
    });
    expect(await set.json()).toEqual({ userId: 'u-test', balance: '0.01000' });
    const account = await (await emu.api('GET', `${emu.base}/account`)).json();
    expect(account).toMatchObject({ balance: '0.01000' });
    const bad = await fetch(`${emu.url}/_emulator/balance`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ balance: 'lots' }),
    });
    expect(bad.status).toBe(400);
  });

  it('changes the speed through POST /_emulator/speed until a reset', async () => {
    const emu = await emulator({ speed: 1000 });
    const post = (body: unknown) =>
      fetch(`${emu.url}/_emulator/speed`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    expect(await (await post({ speed: 1 })).json()).toEqual({ speed: 1 });
    const overview = async () =>
      (
        (await (await fetch(`${emu.url}/_emulator/console/api/overview`)).json()) as {
          speed: number;
        }
      ).speed;
    expect(await overview()).toBe(1);
    // At speed 1 the message stays queued for 100 ms of real time.
    const sent = await emu.api('POST', `${emu.base}/messages`, {
      from: OWNED,
      to: STRANGER,
      text: 'x',
    });
    const id = idFrom(sent);
    await new Promise((resolve) => setTimeout(resolve, 30));
    const message = await (await emu.api('GET', `${emu.base}/messages/${id}`)).json();
    expect(message).toMatchObject({ state: 'queued' });
    expect((await post({ speed: 0 })).status).toBe(400);
    await emu.control.reset();
    expect(await overview()).toBe(1000);
  });
});
