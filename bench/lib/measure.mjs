// Helpers shared by the benchmarks: closed-loop load with a fixed number of requests in flight,
// percentiles, medians, a thread's CPU and wait for a core, a worker thread that hosts the servers a
// benchmark talks to, and child processes that report one result.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { Worker } from 'node:worker_threads';

/**
 * Seconds the calling thread has run, and has waited ready for a core, from Linux's
 * `/proc/thread-self/schedstat`; `null` where the system does not report them.
 */
export function threadSchedule() {
  try {
    const [running, waiting] = readFileSync('/proc/thread-self/schedstat', 'utf8').split(' ');
    return { running: Number(running) / 1e9, waiting: Number(waiting) / 1e9 };
  } catch {
    return null;
  }
}

/** The middle value of a list of numbers. */
export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** The value at `fraction` (0.99 for p99) of a list of numbers. */
export function percentile(values, fraction) {
  const sorted = Float64Array.from(values).sort();
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * fraction))];
}

/**
 * Sends `count` requests with `send`, `inFlight` at a time (each lane starts its next request when
 * the previous one is answered); returns requests/s and p99 latency in ms.
 */
export async function load(send, count, inFlight) {
  const latencies = new Float64Array(count);
  let next = 0;
  const started = performance.now();
  const lane = async () => {
    while (next < count) {
      const index = next++;
      const sentAt = performance.now();
      await send();
      latencies[index] = performance.now() - sentAt;
    }
  };
  await Promise.all(Array.from({ length: inFlight }, lane));
  const seconds = (performance.now() - started) / 1000;
  return { rps: count / seconds, p99: percentile(latencies, 0.99) };
}

/**
 * Runs the contenders side by side: a warm-up of each, then `rounds` turns of one round each, the
 * order flipped every turn, so a burst of machine load hits all alike. Returns, per contender,
 * the median requests/s and median p99 over the rounds, and the median of the per-round ratios
 * of every contender to the first one (the baseline).
 */
export async function interleave(contenders, { warmUp, perRound, rounds, inFlight }) {
  for (const contender of contenders) await load(contender.send, warmUp, inFlight);
  const results = contenders.map(() => []);
  for (let round = 0; round < rounds; round++) {
    const order = contenders.map((_, index) => index);
    if (round % 2 === 1) order.reverse();
    for (const index of order) {
      results[index].push(await load(contenders[index].send, perRound, inFlight));
    }
  }
  return contenders.map((contender, index) => {
    const own = results[index];
    const base = results[0];
    const figures = {
      label: contender.label,
      rps: median(own.map((r) => r.rps)),
      p99: median(own.map((r) => r.p99)),
      rpsRatio: median(own.map((r, round) => r.rps / base[round].rps)),
      p99Ratio: median(own.map((r, round) => r.p99 / base[round].p99)),
    };
    console.log(
      `${contender.label}: ${Math.round(figures.rps)} req/s, p99 ${figures.p99.toFixed(2)} ms`,
    );
    return figures;
  });
}

/**
 * Starts `source` (CommonJS text run with `eval`) in a worker thread; it posts one message with
 * whatever the benchmark needs (ports, URLs) once it listens. Resolves with that message and `stop`.
 */
export async function startServerWorker(source) {
  const worker = new Worker(source, { eval: true });
  const ready = await new Promise((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
  });
  return { ...ready, stop: () => worker.terminate() };
}

/**
 * Runs `script` (an ES module) in a fresh Node.js process in `cwd` with `arg` as its argument;
 * resolves with the number of ms it wrote to stdout. `what` names the run in an error.
 */
export function msInFreshProcess(script, arg, { cwd, what }) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--input-type=module', '-e', script, arg], {
      cwd,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk) => {
      stdout += chunk;
    });
    child.stderr.setEncoding('utf8').on('data', (chunk) => {
      stderr += chunk;
    });
    child.on('error', reject);
    child.on('close', (code) => {
      const ms = Number(stdout);
      if (code !== 0 || !Number.isFinite(ms)) {
        reject(new Error(`${what} failed (exit ${code}): ${stderr.trim()}`));
      } else {
        resolve(ms);
      }
    });
  });
}

/**
 * Runs `command` with `args` in `cwd` (stderr shared with this process) and resolves, once it has
 * exited, with its exit code and the JSON after `prefix` on the stdout line that starts with it;
 * every other non-empty line of its stdout is printed here after `label`, as it comes.
 */
export function childResult(command, args, { cwd, prefix, label }) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd, stdio: ['ignore', 'pipe', 'inherit'] });
    let result;
    createInterface({ input: child.stdout }).on('line', (line) => {
      if (line.startsWith(prefix)) result = JSON.parse(line.slice(prefix.length));
      else if (line) console.log(`${label}${line}`);
    });
    child.on('error', () => resolve({ code: null, result }));
    child.on('close', (code) => resolve({ code, result }));
  });
}
