// Cold-start cost: how long `import()` of a package takes in a fresh Node.js process, against
// Twilio's SDK measured in the same run. Each sample is a new process that times only its own
// `import()` (process start-up is the same for both and is left out). Samples of the packages are
// interleaved so a slow moment of the machine hits every package alike; the median is reported.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { median, msInFreshProcess } from './lib/measure.mjs';

const benchDir = path.dirname(fileURLToPath(import.meta.url));
const SAMPLES = Number(process.env.BW_IMPORT_SAMPLES ?? 21);
const WARMUP_ROUNDS = 2;
const BASELINE = 'twilio';
const SUBJECTS = ['@bw/sdk', '@bw/messaging', '@bw/voice', '@bw/account'];
/**
 * `@bw/sdk` should load in at most half the time Twilio's SDK takes. Most of what remains is the
 * ESM loader's own first-import cost, which any package pays.
 */
const TARGET = '≤ 0.5';

const timeImport = `
const started = performance.now();
await import(process.argv[1]);
process.stdout.write(String(performance.now() - started));
`;

/** Spawns a fresh Node.js process that imports `specifier` and reports how long that took, in ms. */
function sampleOnce(specifier) {
  return msInFreshProcess(timeImport, specifier, { cwd: benchDir, what: `import('${specifier}')` });
}

/** Measures every subject and the baseline; returns one row per subject. */
export default async function run() {
  const specifiers = [BASELINE, ...SUBJECTS];
  const samples = new Map(specifiers.map((specifier) => [specifier, []]));
  for (let round = 0; round < WARMUP_ROUNDS + SAMPLES; round++) {
    for (const specifier of specifiers) {
      const ms = await sampleOnce(specifier);
      if (round >= WARMUP_ROUNDS) samples.get(specifier).push(ms);
    }
  }
  const baseline = median(samples.get(BASELINE));
  console.log(`${SAMPLES} fresh processes per package; median import() time`);
  return SUBJECTS.map((specifier) => {
    const value = median(samples.get(specifier));
    return {
      name: `import('${specifier}'), fresh process, median`,
      value,
      unit: 'ms',
      baselineName: `import('${BASELINE}')`,
      baseline,
      ratio: value / baseline,
      target: specifier === '@bw/sdk' ? TARGET : '—',
    };
  });
}
