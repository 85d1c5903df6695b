#!/usr/bin/env node
// Runs every `bench/*.bench.mjs` and prints one table: each figure, the baseline measured in the
// same run, their ratio and the target.
//
// A benchmark module exports `default async function run()` returning rows of
//   { name, value, unit, baselineName, baseline, ratio, target }
// Each module runs in its own Node.js process, one after the other, so one benchmark's JIT state,
// heap or leftover sockets cannot colour the next one's figures.
//
// Usage: node run.mjs [filter…] [--markdown]
//   filter      run only the files whose name contains one of the words (e.g. `import-time`)
//   --markdown  print the table as Markdown
// The table is also written to ../.tmp/bench/latest.md and latest.json (git-ignored).
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { childResult } from './lib/measure.mjs';

const benchDir = path.dirname(fileURLToPath(import.meta.url));
const resultsDir = path.join(benchDir, '..', '.tmp', 'bench');
const RESULT_PREFIX = 'BW_BENCH_RESULT ';

/** Child mode: run one benchmark module and print its rows as one JSON line. */
async function runChild(file) {
  const module = await import(pathToFileURL(path.join(benchDir, file)).href);
  if (typeof module.default !== 'function') {
    throw new Error(`${file} has no default export function run()`);
  }
  const rows = await module.default();
  process.stdout.write(`\n${RESULT_PREFIX}${JSON.stringify(rows)}\n`);
}

/** Parent mode helper: runs one file in a fresh process, its progress lines shown as they come. */
async function runFile(file) {
  const { code, result } = await childResult(
    process.execPath,
    [fileURLToPath(import.meta.url), '--child', file],
    { cwd: benchDir, prefix: RESULT_PREFIX, label: `  [${file}] ` },
  );
  if (code === 0 && result) return { file, rows: result };
  return { file, error: `exited ${code}${result ? '' : ' without results'}` };
}

/** Formats a number with a precision that suits its magnitude. */
function formatNumber(value) {
  if (typeof value !== 'number' || !Number.isFinite(value)) return String(value ?? '—');
  const magnitude = Math.abs(value);
  if (magnitude >= 1000) return Math.round(value).toLocaleString('en-US');
  if (magnitude >= 100) return value.toFixed(0);
  if (magnitude >= 10) return value.toFixed(1);
  return value.toFixed(2);
}

/**
 * Judges a ratio against a target written as a comparison (`≥ 1.1`, `<= 0.25`, `> 2×`); returns
 * `met`, `missed`, or an empty string when the target is free text.
 */
function judge(ratio, target) {
  const match = /^\s*(≥|>=|≤|<=|>|<)\s*([\d.]+)/.exec(String(target ?? ''));
  if (!match || typeof ratio !== 'number') return '';
  const limit = Number(match[2]);
  const operator = match[1];
  const met =
    operator === '≥' || operator === '>='
      ? ratio >= limit
      : operator === '≤' || operator === '<='
        ? ratio <= limit
        : operator === '>'
          ? ratio > limit
          : ratio < limit;
  return met ? 'met' : 'missed';
}

/** Lays rows out as an aligned text table or a Markdown table. */
function table(headers, rows, markdown) {
  if (markdown) {
    const line = (cells) => `| ${cells.join(' | ')} |`;
    return [line(headers), line(headers.map(() => '---')), ...rows.map(line)].join('\n');
  }
  const widths = headers.map((header, i) =>
    Math.max(header.length, ...rows.map((r) => r[i].length)),
  );
  const line = (cells) =>
    cells
      .map((cell, i) => cell.padEnd(widths[i]))
      .join('  ')
      .trimEnd();
  return [line(headers), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

async function main() {
  const args = process.argv.slice(2);
  const markdown = args.includes('--markdown');
  const filters = args.filter((arg) => !arg.startsWith('--'));
  const files = (await readdir(benchDir))
    .filter((file) => file.endsWith('.bench.mjs'))
    .filter((file) => filters.length === 0 || filters.some((word) => file.includes(word)))
    .sort();
  if (files.length === 0) {
    console.log('no benchmarks matched');
    return;
  }
  const started = performance.now();
  const outcomes = [];
  for (const file of files) {
    console.log(`running ${file}…`);
    outcomes.push(await runFile(file));
  }
  const headers = ['benchmark', 'figure', 'value', 'baseline', 'baseline value', 'ratio', 'target'];
  const rows = [];
  for (const outcome of outcomes) {
    const bench = outcome.file.replace(/\.bench\.mjs$/, '');
    if (outcome.error) {
      rows.push([bench, `FAILED: ${outcome.error}`, '', '', '', '', '']);
      continue;
    }
    for (const row of outcome.rows) {
      const unit = row.unit ? ` ${row.unit}` : '';
      const verdict = judge(row.ratio, row.target);
      rows.push([
        bench,
        String(row.name),
        `${formatNumber(row.value)}${unit}`,
        String(row.baselineName ?? '—'),
        row.baseline === undefined ? '—' : `${formatNumber(row.baseline)}${unit}`,
        typeof row.ratio === 'number' ? `${row.ratio.toFixed(2)}×` : '—',
        `${row.target ?? '—'}${verdict ? ` (${verdict})` : ''}`,
      ]);
    }
  }
  const seconds = ((performance.now() - started) / 1000).toFixed(0);
  const context = `Node.js ${process.version}, ${process.platform}/${process.arch}, ${seconds} s`;
  console.log(`\n${table(headers, rows, markdown)}\n\n${context}`);
  await mkdir(resultsDir, { recursive: true });
  await writeFile(
    path.join(resultsDir, 'latest.md'),
    `${table(headers, rows, true)}\n\n${context}\n`,
  );
  await writeFile(
    path.join(resultsDir, 'latest.json'),
    `${JSON.stringify({ context, outcomes }, null, 2)}\n`,
  );
  if (outcomes.some((outcome) => outcome.error)) process.exitCode = 1;
}

const childIndex = process.argv.indexOf('--child');
if (childIndex !== -1) {
  await runChild(process.argv[childIndex + 1]);
} else {
  await main();
}
