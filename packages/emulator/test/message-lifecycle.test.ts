import { describe, expect, it } from 'vitest';
import { emulator, idFrom, json, OWNED, receiver, STRANGER } from './helpers';

interface Event {
  messageId: string;
  state: string;
  time: string;
}

describe('messages: lifecycle of many messages at once', () => {
  it('moves every message of a burst queued → sending → sent, in order, never early', async () => {
    // Speed 10: queued 10 ms, sending 20 ms.
    const emu = await emulator({ speed: 10 });
    const hook = await receiver();
    const count = 30;
    const ids = await Promise.all(
      Array.from({ length: count }, async (_, index) =>
        idFrom(
          await emu.api('POST', `${emu.base}/messages`, {
            from: OWNED,
            to: STRANGER,
            text: `burst ${index}`,
            callbackUrl: `${hook.url}/cb`,
          }),
        ),
      ),
    );
    for (const id of ids) {
      await hook.next((request) => {
        const body = request.json();
        return body.messageId === id && body.state === 'sent';
      });
    }
    const events = hook.requests.map((request) => request.json() as unknown as Event);
    // Creation order is the list's (ascending sort key) order.
    const listed = await json<Array<{ id: string; time: string }>>(
      await emu.api('GET', `${emu.base}/messages?size=1000`),
    );
    expect(listed.map((message) => message.id).sort()).toEqual([...ids].sort());
    const sendingAt: number[] = [];
    for (const message of listed) {
      const mine = events.filter((event) => event.messageId === message.id);
      expect(mine.map((event) => event.state)).toEqual(['sending', 'sent']);
      const [sending, sent] = mine.map((event) => Date.parse(event.time)) as [number, number];
      // Event times are whole milliseconds: allow one for rounding, one for Node's timers.
      expect(sending - Date.parse(message.time)).toBeGreaterThanOrEqual(8);
      expect(sent - sending).toBeGreaterThanOrEqual(18);
      sendingAt.push(sending);
    }
    expect(sendingAt).toEqual([...sendingAt].sort((a, b) => a - b));
  });

  it('reset drops the steps of messages not yet moved; messages sent after it still move', async () => {
    // Speed 0.25: queued 400 ms, sending 800 ms.
    const emu = await emulator({ speed: 0.25 });
    const hook = await receiver();
    const oldIds = await Promise.all(
      Array.from({ length: 20 }, async () =>
        idFrom(
          await emu.api('POST', `${emu.base}/messages`, {
            from: OWNED,
            to: STRANGER,
            text: 'old',
            callbackUrl: `${hook.url}/cb`,
          }),
        ),
      ),
    );
    await emu.control.reset();
    const newId = idFrom(
      await emu.api('POST', `${emu.base}/messages`, {
        from: OWNED,
        to: STRANGER,
        text: 'new',
        callbackUrl: `${hook.url}/cb`,
      }),
    );
    await hook.next((request) => {
      const body = request.json();
      return body.messageId === newId && body.state === 'sent';
    }, 10_000);
    // Every old step was due before the new message's last one.
    const seen = hook.requests.map((request) => request.json().messageId);
    expect(seen.filter((id) => oldIds.includes(id as string))).toEqual([]);
    expect(seen).toEqual([newId, newId]);
  });

  it('messages after finished ones go through every step of their own, the finished left as they are', async () => {
    // Speed 10: queued 10 ms, sending 20 ms, the receipt 50 ms after.
    const emu = await emulator({ speed: 10 });
    const hook = await receiver();
    const send = async (text: string, receiptRequested: string) =>
      idFrom(
        await emu.api('POST', `${emu.base}/messages`, {
          from: OWNED,
          to: STRANGER,
          text,
          receiptRequested,
          callbackUrl: `${hook.url}/cb`,
        }),
      );
    const firsts = await Promise.all(
      Array.from({ length: 5 }, (_, index) => send(`a${index}`, 'none')),
    );
    for (const id of firsts) {
      await hook.next(
        (request) => request.json().messageId === id && request.json().state === 'sent',
      );
    }
    // Each finished message's lifecycle is taken by one of these, which ask for receipts.
    const seconds = await Promise.all(
      Array.from({ length: 5 }, (_, index) => send(`b${index}`, 'all')),
    );
    for (const id of seconds) {
      await hook.next(
        (request) =>
          request.json().messageId === id && request.json().deliveryState === 'delivered',
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
    const steps = (id: string) =>
      hook.requests
        .map((request) => request.json())
        .filter((body) => body.messageId === id)
        .map((body) => `${body.state}/${body.deliveryState ?? '-'}`);
    for (const id of firsts) expect(steps(id)).toEqual(['sending/-', 'sent/-']);
    for (const id of seconds) {
      expect(steps(id)).toEqual(['sending/waiting', 'sent/waiting', 'sent/delivered']);
    }
    for (const id of firsts) {
      const message = await json<{ state: string; deliveryState?: string }>(
        await emu.api('GET', `${emu.base}/messages/${id}`),
      );
      expect(message).toMatchObject({ state: 'sent' });
      expect(message.deliveryState).toBeUndefined();
    }
  });

  it('close with steps pending: nothing runs after it', async () => {
    const emu = await emulator({ speed: 0.25 });
    const hook = await receiver();
    await emu.api('POST', `${emu.base}/messages`, {
      from: OWNED,
      to: STRANGER,
      text: 'never sent',
      callbackUrl: `${hook.url}/cb`,
    });
    await emu.close();
    await new Promise((resolve) => setTimeout(resolve, 700));
    expect(hook.requests).toEqual([]);
  });
});
