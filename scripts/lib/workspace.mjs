// Shared helpers for the release gates: which packages are publishable, how to pack them, how to
// run a tool and how to print a table. Kept dependency-free so every gate starts in milliseconds.
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Absolute path of the repository root. */
export const rootDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Reads and parses a JSON file. */
export function readJson(file) {
  return JSON.parse(readFileSync(file, 'utf8'));
}

/**
 * Every package under `packages/` that is not private, sorted by name: `{ name, version, dir, manifest }`.
 * A package is found by its folder, so a package added later is gated without editing any script.
 */
export function publishablePackages() {
  const packagesDir = path.join(rootDir, 'packages');
  const found = [];
  for (const entry of readdirSync(packagesDir, { withFileTypes: true })) {
    const dir = path.join(packagesDir, entry.name);
    const manifestPath = path.join(dir, 'package.json');
    if (!entry.isDirectory() || !existsSync(manifestPath)) continue;
    const manifest = readJson(manifestPath);
    if (manifest.private) continue;
    found.push({ name: manifest.name, version: manifest.version, dir, manifest });
  }
  return found.sort((a, b) => a.name.localeCompare(b.name));
}

/**
 * The import specifiers of a package: its name for `.` and `name/sub` for every other key of its
 * `exports` map (`./package.json` left out).
 */
export function entrySpecifiers(pkg) {
  return Object.keys(pkg.manifest.exports ?? { '.': null })
    .filter((key) => key !== './package.json')
    .map((key) => pkg.name + key.slice(1));
}

/** Makes a fresh temporary directory whose name starts with `bw-<label>-`. */
export function makeTempDir(label) {
  return mkdtemp(path.join(tmpdir(), `bw-${label}-`));
}

/**
 * Runs `command` with `stdio` (the terminal by default) from the repository root; resolves with its
 * exit code, -1 when it could not start.
 */
export function runAttached(command, args, stdio = 'inherit') {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: rootDir, stdio });
    child.on('error', () => resolve(-1));
    child.on('close', (code) => resolve(code ?? -1));
  });
}

/**
 * Runs a command without a shell and collects its output. Never throws on a non-zero exit: the
 * caller decides what a failure means. `input`, when given, is written to the child's stdin.
 */
export function run(command, args, { cwd = rootDir, env, input, timeoutMs = 300_000 } = {}) {
  return new Promise((resolve) => {
    const started = performance.now();
    const child = spawn(command, args, {
      cwd,
      env: { ...process.env, ...env },
      stdio: [input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
    });
    // A child that exits before reading its input must not crash the gate with EPIPE.
    child.stdin?.on('error', () => {});
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk) => {
      stdout += chunk;
    });
    child.stderr.setEncoding('utf8').on('data', (chunk) => {
      stderr += chunk;
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      resolve({
        code: -1,
        stdout,
        stderr: `${stderr}${error.message}`,
        ms: performance.now() - started,
      });
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      const killed = signal ? `\n(killed by ${signal})` : '';
      resolve({
        code: code ?? -1,
        stdout,
        stderr: stderr + killed,
        ms: performance.now() - started,
      });
    });
    child.stdin?.end(input);
  });
}

/**
 * Packs every publishable package with `pnpm pack` (the tool that publishes, so `workspace:` ranges
 * become real versions exactly as on the registry) into `destination`. Returns `Map<name, tarball>`.
 */
export async function packAll(destination) {
  const result = await run('pnpm', [
    '--recursive',
    '--filter',
    './packages/*',
    'pack',
    '--pack-destination',
    destination,
    '--json',
  ]);
  if (result.code !== 0) {
    throw new Error(`pnpm pack failed (exit ${result.code}):\n${result.stderr}${result.stdout}`);
  }
  const packed = JSON.parse(result.stdout);
  const list = Array.isArray(packed) ? packed : [packed];
  return new Map(list.map((entry) => [entry.name, entry.filename]));
}

/** Maps `items` through `task`, at most `limit` at a time; results keep the order of `items`. */
export async function mapWithConcurrency(items, limit, task) {
  const results = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await task(items[index], index);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  return results;
}

/** Formats rows as an aligned plain-text table (or Markdown when `markdown` is set). */
export function formatTable(headers, rows, { markdown = false, alignRight = [] } = {}) {
  const cells = rows.map((row) => row.map((cell) => String(cell)));
  if (markdown) {
    const line = (row) => `| ${row.join(' | ')} |`;
    const rule = headers.map((_, i) => (alignRight.includes(i) ? '---:' : '---'));
    return [line(headers), line(rule), ...cells.map(line)].join('\n');
  }
  const widths = headers.map((header, i) =>
    Math.max(header.length, ...cells.map((row) => row[i]?.length ?? 0)),
  );
  const pad = (row) =>
    row
      .map((cell, i) =>
        alignRight.includes(i) ? cell.padStart(widths[i]) : cell.padEnd(widths[i]),
      )
      .join('  ')
      .trimEnd();
  return [pad(headers), pad(widths.map((w) => '-'.repeat(w))), ...cells.map(pad)].join('\n');
}

/** Prints a gate's closing line in one recognisable shape. */
export function report(gate, ok, detail) {
  const mark = ok ? 'PASS' : 'FAIL';
  console.log(`\n${gate}: ${mark}${detail ? ` — ${detail}` : ''}`);
}
