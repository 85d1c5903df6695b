import { describe, expect, it } from 'vitest';
import { type ConsoleEvent, EventBus } from '../src/console/bus';

describe("the console's event bus", () => {
  it('stamps ids and times and gives events back as published, oldest first', () => {
    const bus = new EventBus(8);
    expect(bus.lastId).toBe(0);
    const before = Date.now();
    bus.publish({ kind: 'reset', data: {} });
    bus.publish({
      kind: 'message',
      userId: 'u-1',
      messageId: 'm-1',
      numbers: ['+15550001', '+15550002'],
      data: { state: 'sent' },
    });
    bus.publish({ kind: 'call', userId: 'u-1', callId: 'c-1', data: { state: 'active' } });
    expect(bus.lastId).toBe(3);
    const events = bus.since(0);
    expect(events.map((event) => event.id)).toEqual([1, 2, 3]);
    for (const event of events) {
      expect(event.time).toBeGreaterThanOrEqual(before);
      expect(event.time).toBeLessThanOrEqual(Date.now());
    }
    // Fields not given are absent, not `undefined` keys (the console's JSON stays lean).
    expect(Object.keys(events[0] as ConsoleEvent).sort()).toEqual(['data', 'id', 'kind', 'time']);
    expect(events[1]).toEqual({
      id: 2,
      time: events[1]?.time,
      kind: 'message',
      userId: 'u-1',
      messageId: 'm-1',
      numbers: ['+15550001', '+15550002'],
      data: { state: 'sent' },
    });
    expect(events[2]).toMatchObject({ kind: 'call', userId: 'u-1', callId: 'c-1' });
    expect(events[2]).not.toHaveProperty('messageId');
    expect(bus.since(2).map((event) => event.id)).toEqual([3]);
    expect(bus.since(3)).toEqual([]);
  });

  it('keeps the last `size` events: older ones are gone, ids go on', () => {
    const bus = new EventBus(3);
    for (let index = 1; index <= 7; index++) {
      bus.publish({ kind: 'request', data: { index } });
    }
    expect(bus.lastId).toBe(7);
    expect(bus.since(0).map((event) => [event.id, event.data.index])).toEqual([
      [5, 5],
      [6, 6],
      [7, 7],
    ]);
    expect(bus.since(5).map((event) => event.id)).toEqual([6, 7]);
    // A slot reused by a newer event never answers for the older id.
    expect(bus.since(3).map((event) => event.id)).toEqual([5, 6, 7]);
  });

  it('gives back the numbers of an event as published, however many', () => {
    const bus = new EventBus(8);
    const lists = [[], ['+15550001'], ['+15550001', '+15550002'], ['+1555a', '+1555b', '+1555c']];
    for (const numbers of lists) bus.publish({ kind: 'callback', numbers, data: {} });
    bus.publish({ kind: 'callback', data: {} });
    const events = bus.since(0);
    expect(events.slice(0, 4).map((event) => event.numbers)).toEqual(lists);
    expect(events[4]).not.toHaveProperty('numbers');
  });

  it('makes data given as a function once, when first read, and keeps what it made', () => {
    const bus = new EventBus(4);
    let made = 0;
    bus.publish({
      kind: 'callback',
      data: () => {
        made++;
        return { made };
      },
    });
    expect(made).toBe(0);
    expect(bus.since(0)[0]?.data).toEqual({ made: 1 });
    expect(bus.since(0)[0]?.data).toEqual({ made: 1 });
    expect(made).toBe(1);
  });

  it('makes data from the fields published with it, once, and lets go of the fields', () => {
    const bus = new EventBus(4);
    const made: Array<{ state: string }> = [];
    const stateData = (fields: { state: string }) => {
      made.push(fields);
      return { state: fields.state.toUpperCase() };
    };
    const fields = { state: 'sending' };
    bus.publish({ kind: 'message', messageId: 'm-1', data: stateData, fields });
    bus.publish({ kind: 'message', messageId: 'm-1', data: stateData, fields: { state: 'sent' } });
    expect(made).toEqual([]);
    expect(bus.since(0).map((event) => event.data)).toEqual([
      { state: 'SENDING' },
      { state: 'SENT' },
    ]);
    expect(bus.since(0).map((event) => event.data)).toEqual([
      { state: 'SENDING' },
      { state: 'SENT' },
    ]);
    expect(made).toHaveLength(2);
    expect(made[0]).toBe(fields);
  });

  it('tells every listener with data made; one that throws does not stop the rest', () => {
    const bus = new EventBus(4);
    const heard: ConsoleEvent[] = [];
    let calls = 0;
    bus.subscribe(() => {
      throw new Error('broken listener');
    });
    const stop = bus.subscribe((event) => heard.push(event));
    bus.publish({
      kind: 'trace',
      callId: 'c-9',
      data: () => {
        calls++;
        return { verb: 'Gather' };
      },
    });
    expect(heard).toHaveLength(1);
    expect(heard[0]).toMatchObject({
      id: 1,
      kind: 'trace',
      callId: 'c-9',
      data: { verb: 'Gather' },
    });
    // Read again for a reconnecting console: the same data, not made a second time.
    expect(bus.since(0)[0]?.data).toEqual({ verb: 'Gather' });
    expect(calls).toBe(1);
    stop();
    bus.publish({ kind: 'reset', data: {} });
    expect(heard).toHaveLength(1);
  });
});
