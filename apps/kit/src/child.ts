import { type ChildProcess, spawn } from 'node:child_process';

/** Options of {@link startScript} and {@link runScript}. */
export interface RunScriptOptions {
  /** Extra arguments after the script. */
  args?: string[];
  /** Environment of the child (default: this process's, minus `BANDWIDTH_*`). */
  env?: Record<string, string | undefined>;
  /** Working directory. */
  cwd?: string;
  /** Run TypeScript sources through `tsx` (`node --import tsx`). Default true. */
  typescript?: boolean;
  /** Kill the child (SIGKILL) after this many ms. Default 60000. */
  timeoutMs?: number;
}

/** How a script run ended. */
export interface ScriptResult {
  /** Exit code; `null` when it was killed by a signal. */
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  /** Wall time in ms. */
  durationMs: number;
}

/** A script running in a child process. */
export interface RunningScript {
  /** Standard output so far. */
  readonly stdout: string;
  /** Resolves with the match once standard output matches `pattern`; rejects if the child ends first. */
  waitForOutput(pattern: RegExp, timeoutMs?: number): Promise<RegExpMatchArray>;
  /** Sends a signal (default SIGINT, as Ctrl+C does). */
  kill(signal?: NodeJS.Signals): void;
  /** Resolves when the child has exited and its output is complete. */
  readonly exited: Promise<ScriptResult>;
}

/**
 * Starts a Node.js script in a child process, the way a person runs an app's `start` entry or
 * the demo, and lets a test follow its output.
 */
export function startScript(script: string, options: RunScriptOptions = {}): RunningScript {
  const nodeArgs = options.typescript === false ? [] : ['--import', 'tsx'];
  const started = Date.now();
  const child: ChildProcess = spawn(
    process.execPath,
    [...nodeArgs, script, ...(options.args ?? [])],
    {
      cwd: options.cwd,
      env: (options.env ?? withoutBandwidthSettings(process.env)) as NodeJS.ProcessEnv,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let stdout = '';
  let stderr = '';
  const listeners = new Set<() => void>();
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk;
    for (const listener of [...listeners]) listener();
  });
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
  });
  const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 60_000);
  const exited = new Promise<ScriptResult>((resolve, reject) => {
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.once('close', (code, signal) => {
      clearTimeout(timer);
      for (const listener of [...listeners]) listener();
      resolve({ code, signal, stdout, stderr, durationMs: Date.now() - started });
    });
  });
  let ended = false;
  void exited.then(
    () => {
      ended = true;
    },
    () => {
      ended = true;
    },
  );

  return {
    get stdout() {
      return stdout;
    },
    waitForOutput(pattern, timeoutMs = 30_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const match = stdout.match(pattern);
          if (match) {
            done();
            resolve(match);
          } else if (ended || child.exitCode !== null || child.signalCode !== null) {
            done();
            reject(new Error(`The script ended before printing ${pattern}:\n${stdout}\n${stderr}`));
          }
        };
        const expire = setTimeout(() => {
          done();
          reject(
            new Error(
              `No output matching ${pattern} within ${timeoutMs} ms:\n${stdout}\n${stderr}`,
            ),
          );
        }, timeoutMs);
        const done = () => {
          clearTimeout(expire);
          listeners.delete(check);
        };
        listeners.add(check);
        check();
      });
    },
    kill(signal = 'SIGINT') {
      child.kill(signal);
    },
    exited,
  };
}

/** Runs a script to its end and collects its output. */
export function runScript(script: string, options: RunScriptOptions = {}): Promise<ScriptResult> {
  return startScript(script, options).exited;
}

/** A copy of `env` without the `BANDWIDTH_*` settings, so a child uses its local emulator. */
export function withoutBandwidthSettings(
  env: Record<string, string | undefined>,
): Record<string, string | undefined> {
  return Object.fromEntries(Object.entries(env).filter(([name]) => !name.startsWith('BANDWIDTH_')));
}
