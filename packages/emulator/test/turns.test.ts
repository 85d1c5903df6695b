// The share-out of event-loop turns: the emulator's own work in bursts (due timers, callback
// answers, requests) is spread over turns of the loop, in order, with everything else in between.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { CallbackEngine } from '../src/callbacks';
import { Clock } from '../src/clock';
import { TURN_BUDGET_MS, turns } from '../src/turns';
import { emulator } from './helpers';

const busy = (ms: number) => {
  const until = performance.now() + ms;
  while (performance.now() < until) {
    // busy
  }
};
const settle = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('turns', () => {
  it('runs tasks in the order given, a burst over several turns with timers in between', async () => {
    const ran: number[] = [];
    const probes: number[] = [];
    const probe = setInterval(() => probes.push(ran.length), 1);
    try {
      for (let index = 0; index < 60; index++) {
        turns.run(() => {
          busy(1);
          ran.push(index);
        });
      }
      await expect.poll(() => ran.length, { timeout: 5000, interval: 5 }).toBe(60);
    } finally {
      clearInterval(probe);
    }
    expect(ran).toEqual(Array.from({ length: 60 }, (_, index) => index));
    // The interval ran while the burst was under way, not only before or after it.
    expect(probes.some((done) => done > 0 && done < 60)).toBe(true);
    expect(turns.waiting).toBe(0);
  });

  it('a task given by a task runs after the tasks given before it', async () => {
    const ran: string[] = [];
    turns.run(() => {
      ran.push('a');
      turns.run(() => ran.push('a.1'));
    });
    turns.run(() => ran.push('b'));
    await expect.poll(() => ran.length, { timeout: 2000 }).toBe(3);
    expect(ran).toEqual(['a', 'b', 'a.1']);
  });

  it('the promise work a task starts counts: a task behind it waits for the next turn', async () => {
    const events: string[] = [];
    turns.run(() => {
      events.push('first');
      void Promise.resolve().then(() => busy(TURN_BUDGET_MS + 5));
      // Armed once the turn is under way: it fires in the next turn, before that turn's tasks.
      setTimeout(() => events.push('timer'), 0);
    });
    turns.run(() => events.push('second'));
    await expect.poll(() => events.length, { timeout: 2000 }).toBe(3);
    expect(events).toEqual(['first', 'timer', 'second']);
  });
});

describe('the clock under the turns', () => {
  it('spreads timers due together over turns, in due order, letting requests through', async () => {
    const clock = new Clock(1);
    const ran: number[] = [];
    for (let index = 0; index < 40; index++) {
      clock.schedule(20 + (index % 4), () => {
        busy(1);
        ran.push(index);
      });
    }
    const server = createServer((_request, response) => response.end(String(ran.length)));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
      await settle(15);
      // Sent while the timers are due; answered while some of them are still waiting.
      const answered = Number(await (await fetch(url)).text());
      await expect.poll(() => ran.length, { timeout: 5000 }).toBe(40);
      const byDue = Array.from({ length: 40 }, (_, index) => index).sort(
        (a, b) => (a % 4) - (b % 4) || a - b,
      );
      expect(ran).toEqual(byDue);
      expect(answered).toBeLessThan(40);
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});

describe('requests under the turns', () => {
  it('a request read while work given before it waits is handled after that work', async () => {
    const emu = await emulator();
    let ran = 0;
    for (let index = 0; index < 20; index++) {
      turns.run(() => {
        busy(5);
        ran++;
      });
    }
    const response = await emu.api('GET', `${emu.base}/messages`);
    expect(response.status).toBe(200);
    expect(ran).toBe(20);
  });
});

describe('callback answers under the turns', () => {
  it('an answer read in time is not timed out while it waits for its turn', async () => {
    const server = createServer((request, response) => {
      request.resume();
      // Work ahead of the answer: well past the attempt's timeout, in turns.
      for (let index = 0; index < 30; index++) turns.run(() => busy(10));
      response.end('ok');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const engine = new CallbackEngine(() => undefined);
    try {
      const { port } = server.address() as AddressInfo;
      const result = await engine.deliver({
        userId: 'u-1',
        url: `http://127.0.0.1:${port}/hook`,
        timeoutMs: 100,
        body: { eventType: 'test' },
      });
      expect(result.attempts.map((attempt) => attempt.error)).toEqual([undefined]);
      expect(result).toMatchObject({ ok: true, status: 200, text: 'ok' });
      expect(result.attempts[0]?.durationMs).toBeGreaterThanOrEqual(100);
    } finally {
      engine.close();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
