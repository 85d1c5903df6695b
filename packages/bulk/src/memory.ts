import {
  type BulkQueue,
  type JobRef,
  type JobVerdict,
  type QueueBackend,
  type QueueSettings,
  type SendTurn,
  sleep,
  UNPACED_TURN,
} from './backend';
import { MemoryStore } from './memory-store';
import { Pace, takeTurn } from './pacing';

/** Options of {@link memoryQueue}. */
export interface MemoryQueueOptions {
  /** Campaign name, used in logs and message tags. Default `campaign`. */
  name?: string;
}

/**
 * The embedded queue: jobs, records, the suppression list and pacing in this process's memory.
 * Nothing to run besides your program; what it knows is gone when the process ends. Pass the
 * same queue to several senders to share the account pacing and the suppression list.
 *
 * @example
 * ```ts
 * const bulk = createBulkSender({ client, senders, queue: memoryQueue({ name: 'reminders' }) });
 * ```
 */
export function memoryQueue(options: MemoryQueueOptions = {}): BulkQueue {
  const name = options.name ?? 'campaign';
  const store = new MemoryStore();
  let account: Pace | undefined;
  return {
    kind: 'memory',
    name,
    open(settings: QueueSettings): QueueBackend {
      const { perAccount } = settings.pacing;
      if (perAccount && !account) account = new Pace(perAccount);
      return new MemoryBackend(name, store, settings, account);
    },
  };
}

/** Per sending number: keys ready to go, keys waiting for a time, and the number's pacing. */
interface Lane {
  sender: string;
  ready: string[];
  inFlight: number;
  wake: (() => void) | undefined;
}

class MemoryBackend implements QueueBackend {
  readonly name: string;
  readonly store: MemoryStore;
  readonly #settings: QueueSettings;
  readonly #account: Pace | undefined;
  /** The pace of each sending number (when numbers are paced). */
  readonly #numbers = new Map<string, Pace>();
  readonly #lanes = new Map<string, Lane>();
  readonly #jobs = new Map<string, string>();
  readonly #timers = new Set<NodeJS.Timeout>();
  #processor: ((job: JobRef) => Promise<JobVerdict>) | undefined;
  #closed = false;

  constructor(
    name: string,
    store: MemoryStore,
    settings: QueueSettings,
    account: Pace | undefined,
  ) {
    this.name = name;
    this.store = store;
    this.#settings = settings;
    this.#account = account;
    const { perNumber } = settings.pacing;
    if (perNumber)
      for (const sender of settings.senders) this.#numbers.set(sender, new Pace(perNumber));
  }

  async enqueue(jobs: ReadonlyArray<JobRef & { at?: number }>): Promise<void> {
    for (const job of jobs) {
      if (this.#jobs.has(job.key)) continue;
      this.#jobs.set(job.key, job.sender);
      this.#schedule(job, job.at);
    }
  }

  async work(processor: (job: JobRef) => Promise<JobVerdict>): Promise<void> {
    this.#processor = processor;
    for (const sender of this.#settings.senders) void this.#run(this.#lane(sender));
  }

  async turn(sender: string): Promise<SendTurn | number> {
    const paces = [this.#numbers.get(sender), this.#account].filter(
      (pace): pace is Pace => pace !== undefined,
    );
    if (paces.length === 0) return UNPACED_TURN;
    const { marginMs, inFlightMs } = this.#settings.pacing;
    while (!this.#closed) {
      const now = Date.now();
      const { id, at } = takeTurn(paces, now, marginMs, inFlightMs);
      await sleep(at - now);
      // Not taken: a send still in flight decides; look again when it has likely been answered.
      if (id === undefined) continue;
      return {
        over: async () => {
          const answeredAt = Date.now();
          for (const pace of paces) pace.over(id, answeredAt);
        },
      };
    }
    return Date.now();
  }

  async pauseAccount(until: number): Promise<void> {
    this.#account?.pause(until);
  }

  async close(): Promise<void> {
    this.#closed = true;
    for (const timer of this.#timers) clearTimeout(timer);
    this.#timers.clear();
    for (const lane of this.#lanes.values()) lane.wake?.();
  }

  #lane(sender: string): Lane {
    let lane = this.#lanes.get(sender);
    if (!lane) {
      lane = { sender, ready: [], inFlight: 0, wake: undefined };
      this.#lanes.set(sender, lane);
    }
    return lane;
  }

  #schedule(job: JobRef, at: number | undefined): void {
    const lane = this.#lane(job.sender);
    const wait = at === undefined ? 0 : at - Date.now();
    if (wait <= 0) {
      lane.ready.push(job.key);
      lane.wake?.();
      return;
    }
    const timer = setTimeout(() => {
      this.#timers.delete(timer);
      lane.ready.push(job.key);
      lane.wake?.();
    }, wait);
    this.#timers.add(timer);
  }

  async #run(lane: Lane): Promise<void> {
    while (!this.#closed) {
      if (lane.ready.length === 0 || lane.inFlight >= this.#settings.concurrency) {
        await new Promise<void>((resolve) => {
          lane.wake = resolve;
        });
        lane.wake = undefined;
        continue;
      }
      const key = lane.ready.shift();
      if (key === undefined || this.#closed) continue;
      lane.inFlight += 1;
      void this.#turn({ key, sender: lane.sender }).finally(() => {
        lane.inFlight -= 1;
        lane.wake?.();
      });
    }
  }

  async #turn(job: JobRef): Promise<void> {
    const processor = this.#processor;
    if (!processor) return;
    let verdict: JobVerdict;
    try {
      verdict = await processor(job);
    } catch (error) {
      this.#settings.logger?.error('bulk: a job failed unexpectedly; it will run again', {
        key: job.key,
        error: String(error),
      });
      verdict = { kind: 'later', at: Date.now() + 1000 };
    }
    if (verdict.kind === 'done') {
      this.#jobs.delete(job.key);
      return;
    }
    if (verdict.kind === 'number-limited') {
      this.#numbers.get(job.sender)?.pause(verdict.until);
      this.#schedule(job, undefined);
      return;
    }
    this.#schedule(job, verdict.at);
  }
}
