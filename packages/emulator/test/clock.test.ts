import { getEventListeners } from 'node:events';
import { describe, expect, it } from 'vitest';
import { Clock, ClockCancelledError, ClockEntry } from '../src/clock';

const settle = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('the simulated clock', () => {
  it('runs a burst of tasks in the order scheduled, none before its time, on one real timer', async () => {
    const clock = new Clock(1);
    const ran: Array<{ index: number; early: number }> = [];
    for (let index = 0; index < 500; index++) {
      const due = performance.now() + 30;
      clock.schedule(30, () => ran.push({ index, early: due - performance.now() }));
    }
    expect(clock.pending).toBe(500);
    await settle(200);
    expect(ran.map((entry) => entry.index)).toEqual(Array.from({ length: 500 }, (_, i) => i));
    expect(Math.max(...ran.map((entry) => entry.early))).toBeLessThanOrEqual(0);
    expect(clock.pending).toBe(0);
  });

  it('keeps tasks due later waiting: a later task of the same duration runs after its own time', async () => {
    const clock = new Clock(1);
    const ran: string[] = [];
    const started = performance.now();
    let secondRanAt = 0;
    clock.schedule(20, () => ran.push('first'));
    await settle(40);
    const secondDue = performance.now() + 20;
    clock.schedule(20, () => {
      secondRanAt = performance.now();
      ran.push('second');
    });
    expect(ran).toEqual(['first']);
    await settle(100);
    expect(ran).toEqual(['first', 'second']);
    expect(secondRanAt).toBeGreaterThanOrEqual(secondDue - 1);
    expect(secondRanAt - started).toBeGreaterThanOrEqual(59);
  });

  it('fires an entry again each time it starts itself, in due order among timers', async () => {
    const clock = new Clock(1);
    const ran: string[] = [];
    class Stepper extends ClockEntry {
      steps = 0;
      override fire(): void {
        this.steps++;
        ran.push(`step ${this.steps}`);
        if (this.steps < 3) this.clock.start(this, 20);
      }
    }
    const stepper = new Stepper(clock);
    clock.start(stepper, 20);
    expect(() => clock.start(stepper, 5)).toThrow('waiting already');
    clock.schedule(30, () => ran.push('timer at 30'));
    clock.schedule(50, () => ran.push('timer at 50'));
    expect(clock.pending).toBe(3);
    await settle(150);
    expect(ran).toEqual(['step 1', 'timer at 30', 'step 2', 'timer at 50', 'step 3']);
    expect(clock.pending).toBe(0);
    // Cancelled, it can be started again; cancelled while waiting, it does not fire.
    stepper.steps = 2;
    clock.start(stepper, 10);
    stepper.cancel();
    clock.start(stepper, 10);
    await settle(60);
    expect(ran.slice(5)).toEqual(['step 3']);
  });

  it('refuses to start an entry cancelled while due until its turn has passed', async () => {
    const clock = new Clock(1);
    const fired: string[] = [];
    let refused: unknown;
    class Named extends ClockEntry {
      constructor(
        clock: Clock,
        readonly name: string,
      ) {
        super(clock);
      }
      override fire(): void {
        fired.push(this.name);
      }
    }
    const second = new Named(clock, 'second');
    const first = new (class extends Named {
      override fire(): void {
        super.fire();
        // Both fell due together: the second waits for its turn behind this one.
        second.cancel();
        try {
          clock.start(second, 5);
        } catch (error) {
          refused = error;
        }
      }
    })(clock, 'first');
    clock.start(first, 10);
    clock.start(second, 10);
    // A busy loop past both due times: the clock finds them due together.
    const busyUntil = performance.now() + 20;
    while (performance.now() < busyUntil) {
      // waiting
    }
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(fired).toEqual(['first']);
    expect(String(refused)).toContain('waiting already');
    clock.start(second, 5);
    await new Promise((resolve) => setTimeout(resolve, 40));
    expect(fired).toEqual(['first', 'second']);
    expect(clock.pending).toBe(0);
  });

  it('keeps due order across timers of many durations, cancelled ones taken out wherever they wait', async () => {
    const clock = new Clock(1);
    const ran: string[] = [];
    // Interleaved durations: each duration's timers wait in order behind each other.
    const timers = new Map<string, ReturnType<Clock['schedule']>>();
    for (const [name, ms] of [
      ['a30', 30],
      ['b10', 10],
      ['c30', 30],
      ['d10', 10],
      ['e20', 20],
      ['f10', 10],
      ['g20', 20],
    ] as const) {
      timers.set(
        name,
        clock.schedule(ms, () => ran.push(name)),
      );
    }
    timers.get('a30')?.cancel(); // first of its duration
    timers.get('f10')?.cancel(); // last of its duration
    timers.get('d10')?.cancel(); // between two
    timers.get('d10')?.cancel(); // twice: nothing more
    expect(clock.pending).toBe(4);
    await settle(80);
    expect(ran).toEqual(['b10', 'e20', 'g20', 'c30']);
    expect(clock.pending).toBe(0);
    // A hundred more durations than the clock keeps lanes for, scheduled in a shuffled order,
    // twice over (the second, of other durations, after the first has run): each runs in the
    // order of the due times the clock gave them.
    class Probe extends ClockEntry {
      constructor(
        clock: Clock,
        readonly fired: Probe[],
      ) {
        super(clock);
      }
      override fire(): void {
        this.fired.push(this);
      }
    }
    for (const wave of [1, 2]) {
      const fired: Probe[] = [];
      const durations = Array.from({ length: 100 }, (_, index) => 5 + index * 0.5 + wave / 4);
      durations.sort((a, b) => ((a * 7919 + wave) % 13) - ((b * 7919 + wave) % 13));
      const probes = durations.map((ms) => {
        const probe = new Probe(clock, fired);
        clock.start(probe, ms);
        return probe;
      });
      await settle(150);
      const byDue = [...probes].sort((a, b) => a.due - b.due || a.order - b.order);
      expect(fired.map((probe) => probe.order)).toEqual(byDue.map((probe) => probe.order));
    }
    expect(clock.pending).toBe(0);
  });

  it('orders tasks of different durations by due time', async () => {
    const clock = new Clock(1);
    const ran: string[] = [];
    clock.schedule(60, () => ran.push('60'));
    clock.schedule(10, () => ran.push('10'));
    clock.schedule(30, () => ran.push('30'));
    clock.schedule(10, () => ran.push('10 again'));
    await settle(150);
    expect(ran).toEqual(['10', '10 again', '30', '60']);
  });

  it('runs a task scheduled by a task (same or other duration) at its own time', async () => {
    const clock = new Clock(1);
    const times: Record<string, number> = {};
    const started = performance.now();
    clock.schedule(15, () => {
      times.first = performance.now() - started;
      clock.schedule(15, () => {
        times.same = performance.now() - started;
      });
      clock.schedule(25, () => {
        times.other = performance.now() - started;
      });
    });
    await settle(150);
    expect(times.first).toBeGreaterThanOrEqual(14);
    expect(times.same).toBeGreaterThanOrEqual(29);
    expect(times.other).toBeGreaterThanOrEqual(39);
    expect(clock.pending).toBe(0);
  });

  it('scales each duration by the speed in force when it is scheduled', async () => {
    const clock = new Clock(100);
    const ran: string[] = [];
    clock.schedule(5000, () => ran.push('fast'));
    clock.setSpeed(1);
    clock.schedule(5000, () => ran.push('slow'));
    await settle(120);
    expect(ran).toEqual(['fast']);
  });

  it('after cancelAll nothing runs; later tasks still do', async () => {
    const clock = new Clock(1);
    const ran: string[] = [];
    for (let index = 0; index < 10; index++) clock.schedule(10, () => ran.push('old'));
    clock.schedule(20, () => ran.push('old'));
    clock.cancelAll();
    expect(clock.pending).toBe(0);
    clock.schedule(10, () => ran.push('new'));
    await settle(80);
    expect(ran).toEqual(['new']);
  });

  it('a task that cancels every timer stops the run: timers due with it never run', async () => {
    const clock = new Clock(1);
    const ran: number[] = [];
    clock.schedule(10, () => {
      ran.push(1);
      clock.cancelAll();
    });
    clock.schedule(10, () => ran.push(2));
    await settle(60);
    expect(ran).toEqual([1]);
    expect(clock.pending).toBe(0);
  });

  it('a due timer cancelled before its turn never runs; the ones due with it still do, in order', async () => {
    const clock = new Clock(1);
    const ran: number[] = [];
    const timers = [1, 2, 3, 4].map((value) =>
      clock.schedule(10, () => {
        ran.push(value);
        // Due together: 2 and 4 are waiting for their turns when 1 runs.
        if (value === 1) {
          timers[1]?.cancel();
          timers[3]?.cancel();
          timers[3]?.cancel();
          expect(clock.pending).toBe(1);
        }
      }),
    );
    await settle(60);
    expect(ran).toEqual([1, 3]);
    expect(clock.pending).toBe(0);
    clock.schedule(5, () => ran.push(5));
    await settle(40);
    expect(ran).toEqual([1, 3, 5]);
  });

  it('runs thousands of timers due together in order, with cancellations among them', async () => {
    const clock = new Clock(1);
    const count = 12_000;
    const ran: number[] = [];
    const timers = Array.from({ length: count }, (_, index) =>
      clock.schedule(5, () => {
        ran.push(index);
        // Cancels one due later in the same burst (every third is cancelled so).
        if (index % 3 === 0) timers[index + 1]?.cancel();
      }),
    );
    for (let waited = 0; clock.pending > 0 && waited < 5000; waited += 20) await settle(20);
    const expected = Array.from({ length: count }, (_, index) => index).filter(
      (index) => index % 3 !== 1,
    );
    expect(ran).toEqual(expected);
    expect(clock.pending).toBe(0);
  });

  it('sleeps: resolve when due, reject with the abort reason or on cancelAll, and leave no listener', async () => {
    const clock = new Clock(1);
    const done = new AbortController();
    await expect(clock.sleep(5, done.signal)).resolves.toBeUndefined();
    expect(getEventListeners(done.signal, 'abort')).toHaveLength(0);

    const early = new AbortController();
    const aborted = clock.sleep(1000, early.signal);
    early.abort(new Error('hung up'));
    await expect(aborted).rejects.toThrow('hung up');
    expect(clock.pending).toBe(0);

    // Due, waiting for its turn behind a timer that aborts it.
    const late = new AbortController();
    clock.schedule(10, () => late.abort(new Error('stopped while due')));
    const waiting = clock.sleep(10, late.signal);
    await expect(waiting).rejects.toThrow('stopped while due');
    expect(getEventListeners(late.signal, 'abort')).toHaveLength(0);

    const reset = new AbortController();
    const pending = clock.sleep(1000, reset.signal);
    clock.cancelAll();
    await expect(pending).rejects.toBeInstanceOf(ClockCancelledError);
    expect(getEventListeners(reset.signal, 'abort')).toHaveLength(0);

    // Cancelled by a reset while waiting for its turn: rejected, never resolved.
    const outcomes: string[] = [];
    clock.schedule(10, () => clock.cancelAll());
    void clock.sleep(10).then(
      () => outcomes.push('resolved'),
      (error) => outcomes.push(error instanceof ClockCancelledError ? 'cancelled' : 'other'),
    );
    await settle(50);
    expect(outcomes).toEqual(['cancelled']);
    expect(clock.pending).toBe(0);
  });
});
