#!/usr/bin/env node
// Tarball smoke test: install the packages as a customer would and use them in every supported
// runtime, printed as one matrix (runtime × module system × check).
//
// 1. `pnpm pack` every publishable package (workspace ranges become real versions), while the
//    Node.js releases of the matrix are fetched into `.tmp/runtimes` (scripts/smoke/runtimes.mjs).
// 2. For each Node.js release, a fresh temporary project installs all tarballs in ONE
//    `npm install`, run by that Node.js: an `EBADENGINE` warning anywhere in the dependency tree
//    fails the gate (the cells still run, to show what else holds). The lockfile is then
//    checked: every `@bw/*` package must come from a tarball, once. Every `bin` runs `--help`.
//    Every package's `engines.node` must be `>=` the oldest release of the matrix.
// 3. Each cell (Node.js 20/22/24/26, Bun and Deno, each with `import` and `require()`; workerd
//    with an esbuild bundle) first loads every entry of every package (scripts/smoke/probe.*;
//    both module systems must expose the same names), then runs scripts/smoke/cell.cjs:
//    - send: a message through the installed `@bw/sdk` to the installed emulator, read back;
//    - callback: a voice `answer` callback answered by `@bw/voice/callbacks`' Fetch handler with
//      a `@bw/bxml` document;
//    - faults: connection refused, connection dropped, 503 and a timeout, each through a GET and
//      a POST against a loopback server this gate starts and that counts requests: each must
//      reject with the SDK's typed error, the GET be retried, the POST never be sent twice.
// Bun, Deno and workerd come from root devDependencies; they use the Node.js 20 project.
// A cell that cannot run fails the gate.
//
// Usage: node scripts/smoke.mjs [--keep] [--only=<runtime,…>] [--update-readme]
//   --keep           keep the temporary projects for a look afterwards
//   --only=…         run only these runtimes (`node20`, `node26`, `bun`, `deno`, `workerd`)
//   --update-readme  write the matrix as Markdown between the README's `support:start`/`support:end`
import { copyFile, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import {
  entrySpecifiers,
  formatTable,
  makeTempDir,
  mapWithConcurrency,
  packAll,
  publishablePackages,
  report,
  rootDir,
  run,
} from './lib/workspace.mjs';
import { checkFaultOutcomes, refusedUrl, startFaultServer } from './smoke/fault-server.mjs';
import { devRuntimes, nodeBinary, nodeReleases, npmCli } from './smoke/runtimes.mjs';
import { compatibilityDate, runWorkerdCell } from './smoke/workerd.mjs';

const started = performance.now();
/** Wall time of each phase, printed at the end: `[name, seconds]`. */
const phases = [];
let phaseStarted = started;
function endPhase(name) {
  const now = performance.now();
  phases.push([name, (now - phaseStarted) / 1000]);
  phaseStarted = now;
}
const smokeDir = path.join(rootDir, 'scripts', 'smoke');
const keep = process.argv.includes('--keep');
const updateReadme = process.argv.includes('--update-readme');
const only = new Set(
  (process.argv.find((arg) => arg.startsWith('--only='))?.slice(7) ?? '')
    .split(',')
    .map((name) => name.trim())
    .filter(Boolean),
);
const wanted = (name) => only.size === 0 || only.has(name);
/** Cells run at once: each starts an emulator and a few processes; the machine may be shared. */
const cellConcurrency = 3;
/**
 * Failures known today, each waiting for a fix in a package: printed on every run without failing
 * the gate. An entry that matches nothing fails the gate, so each goes as soon as its fix lands.
 */
const knownFailures = [];
/** Whether a failure line is one of the known failures. */
const isKnown = (failure) => knownFailures.some(({ match }) => match.test(failure));

/** A table cell that failed only with known failures says so: `FAIL (7, known)`. */
function markKnown(status, cell, outcome, check) {
  const lines = outcome.problems
    .filter((problem) => problem.startsWith(`${check}:`))
    .map((problem) => `${cell.label} ${cell.system}: ${problem}`);
  if (!status.startsWith('FAIL') || lines.length === 0 || !lines.every(isKnown)) return status;
  return status.includes('(') ? status.replace(')', ', known)') : `${status} (known)`;
}

/** Files every consumer project gets beside its node_modules. */
const consumerFiles = ['probe.cjs', 'probe.mjs', 'cell.cjs', 'cell.mjs', 'cell-require.cjs'];
const { faultRetry } = createRequire(import.meta.url)('./smoke/cell.cjs');

/**
 * The environment of every child: the caller's, minus anything that would let a runtime resolve
 * modules from outside the temporary project (the workspace's pnpm store, preloaded hooks).
 */
function childEnv(projectDir, extra = {}) {
  const env = { ...process.env, ...extra };
  for (const key of ['NODE_PATH', 'NODE_OPTIONS', 'npm_config_prefix']) delete env[key];
  env.DENO_DIR = path.join(projectDir, '.deno');
  env.DENO_NO_UPDATE_CHECK = '1';
  env.BUN_RUNTIME_TRANSPILER_CACHE_PATH = '0';
  env.NO_COLOR = '1';
  return env;
}

/** Extracts the `BW_SMOKE_RESULT {...}` line a probe or cell prints. */
function parseResult(output) {
  const line = output.split('\n').find((candidate) => candidate.startsWith('BW_SMOKE_RESULT '));
  return line ? JSON.parse(line.slice('BW_SMOKE_RESULT '.length)) : undefined;
}

/** First line of an error, for a table cell. */
const firstLine = (text) =>
  String(text ?? '')
    .split('\n')[0]
    .slice(0, 160);

const failures = [];
const notes = [];
const packages = publishablePackages();
const names = packages.map((pkg) => pkg.name);
// Every entry of every package (`@bw/messaging`, `@bw/messaging/callbacks`…): what the probes load.
const entries = packages.flatMap(entrySpecifiers);
const workDir = await makeTempDir('smoke');
const tarballDir = path.join(workDir, 'tarballs');
/** One per Node.js release: `{ version, major, binary?, project?, install }`. */
const nodes = nodeReleases.map((version) => ({
  version,
  major: version.split('.')[0],
  name: `node${version.split('.')[0]}`,
}));
const rows = [];
let faultServer;

// `engines` states the support policy: the oldest Node.js of the matrix, and every newer one.
const enginesRange = `>=${nodes[0].major}`;
for (const pkg of packages) {
  if (pkg.manifest.engines?.node !== enginesRange) {
    failures.push(
      `${pkg.name}: engines.node is ${JSON.stringify(pkg.manifest.engines?.node)}, the support policy says "${enginesRange}"`,
    );
  }
}

/**
 * Installs every tarball into a fresh project with `npm install`, run by `node`, and checks what
 * got installed. Returns the problems found: an `EBADENGINE` warning is one (npm's
 * `--engine-strict` would turn it into an error, but then no cell could show what else holds).
 */
async function installProject(node, tarballs) {
  const projectDir = path.join(workDir, `project-node${node.major}`);
  await run('mkdir', ['-p', projectDir]);
  await writeFile(
    path.join(projectDir, 'package.json'),
    `${JSON.stringify({ name: 'bw-smoke-consumer', version: '1.0.0', private: true }, null, 2)}\n`,
  );
  const install = await run(
    node.binary,
    [
      npmCli(),
      'install',
      '--prefer-offline',
      '--no-audit',
      '--no-fund',
      '--loglevel=warn',
      ...tarballs.values(),
    ],
    {
      cwd: projectDir,
      // npm's scripts and bins run with the Node.js that runs npm.
      env: childEnv(projectDir, {
        PATH: `${path.dirname(node.binary)}${path.delimiter}${process.env.PATH}`,
      }),
      timeoutMs: 300_000,
    },
  );
  node.installSeconds = install.ms / 1000;
  const problems = [];
  const output = `${install.stderr}${install.stdout}`;
  const engineLines = output
    .split('\n')
    .filter((line) => line.includes('EBADENGINE') && /package:|required:/.test(line))
    .map((line) => line.replace(/^npm warn EBADENGINE\s*/, ''));
  if (engineLines.length > 0) {
    problems.push(`EBADENGINE under Node.js ${node.version}:\n  ${engineLines.join('\n  ')}`);
  }
  if (install.code !== 0) {
    problems.push(
      `npm install under Node.js ${node.version} failed (exit ${install.code}):\n${output}`,
    );
    return problems;
  }
  const lock = JSON.parse(await readFile(path.join(projectDir, 'package-lock.json'), 'utf8'));
  for (const pkg of packages) {
    const entry = lock.packages?.[`node_modules/${pkg.name}`];
    if (!entry) {
      problems.push(`${pkg.name}: not installed`);
    } else if (!String(entry.resolved ?? '').startsWith('file:')) {
      problems.push(`${pkg.name}: resolved from ${entry.resolved}, not from its tarball`);
    } else if (entry.version !== pkg.version) {
      problems.push(`${pkg.name}: installed ${entry.version}, packed ${pkg.version}`);
    }
  }
  for (const key of Object.keys(lock.packages ?? {})) {
    if (/node_modules\/.+\/node_modules\/@bw\//.test(key)) {
      problems.push(`a second copy of a @bw package was installed at ${key} (tarballs disagree)`);
    }
  }
  for (const file of consumerFiles) {
    await copyFile(path.join(smokeDir, file), path.join(projectDir, file));
  }
  node.project = projectDir;
  return problems;
}

/** Every `bin` a package declares must survive packing: linked by npm, executable, with a shebang. */
async function checkBins(projectDir) {
  for (const pkg of packages) {
    const bins =
      typeof pkg.manifest.bin === 'string'
        ? { [pkg.name.split('/').pop()]: pkg.manifest.bin }
        : (pkg.manifest.bin ?? {});
    for (const name of Object.keys(bins)) {
      const help = await run(path.join(projectDir, 'node_modules', '.bin', name), ['--help'], {
        cwd: projectDir,
        env: childEnv(projectDir),
        timeoutMs: 30_000,
      });
      if (help.code !== 0 || !help.stdout.includes(name)) {
        failures.push(
          `${pkg.name}: installed bin "${name} --help" failed (exit ${help.code}): ${help.stderr.trim()}`,
        );
      }
    }
  }
}

/** Runs a probe (`probe.cjs` or `probe.mjs`) and returns `{ packages }` or `{ problem }`. */
async function probe(cell, file) {
  const result = await run(cell.command, [...cell.args(file), JSON.stringify(entries)], {
    cwd: cell.project,
    env: childEnv(cell.project),
    timeoutMs: 60_000,
  });
  const parsed = parseResult(result.stdout);
  if (!parsed)
    return { problem: `no result (exit ${result.code}): ${result.stderr}${result.stdout}` };
  const problems = [];
  if (parsed.runtime !== cell.runtime) problems.push(`actually ran under ${parsed.runtime}`);
  for (const [name, error] of Object.entries(parsed.errors)) {
    problems.push(`${parsed.system}('${name}') failed: ${firstLine(error)}`);
  }
  for (const [name, exported] of Object.entries(parsed.packages)) {
    if (exported.length === 0) problems.push(`${parsed.system}('${name}') exports nothing`);
  }
  return problems.length > 0 ? { problem: problems.join('; ') } : { packages: parsed.packages };
}

/** Runs one cell (probe, then the cell script or the workerd driver) and returns its outcome. */
async function runCell(cell) {
  const outcome = { problems: [] };
  const target = { faultUrl: faultServer.url, refusedUrl: cell.refusedUrl, cell: cell.id };
  let result;
  if (cell.runtime === 'workerd') {
    outcome.load = 'bundled';
    result = await runWorkerdCell(cell.project, target);
  } else {
    const loaded = await probe(cell, cell.system === 'import' ? 'probe.mjs' : 'probe.cjs');
    if (loaded.problem) outcome.problems.push(`load: ${loaded.problem}`);
    outcome.exports = loaded.packages;
    outcome.load = loaded.packages
      ? `${Object.keys(loaded.packages).length}/${entries.length}`
      : 'FAIL';
    const script = cell.system === 'import' ? 'cell.mjs' : 'cell-require.cjs';
    const ran = await run(cell.command, [...cell.args(script), JSON.stringify(target)], {
      cwd: cell.project,
      env: childEnv(cell.project),
      timeoutMs: 120_000,
    });
    result = parseResult(ran.stdout) ?? {
      error: `no result (exit ${ran.code}): ${ran.stderr}${ran.stdout}`,
    };
  }
  if (result.error) outcome.problems.push(`cell: ${result.error}`);
  if (result.runtime && result.runtime !== cell.runtime) {
    outcome.problems.push(`actually ran under ${result.runtime}`);
  }
  if (cell.runtime === 'node' && result.version && result.version !== cell.version) {
    outcome.problems.push(`ran under Node.js ${result.version}, not ${cell.version}`);
  }
  outcome.version = result.version ?? cell.version;
  for (const check of ['send', 'callback']) {
    const checked = result[check];
    outcome[check] = checked?.ok ? 'ok' : 'FAIL';
    if (checked && !checked.ok) outcome.problems.push(`${check}: ${firstLine(checked.error)}`);
  }
  if (result.faults) {
    const { problems, notes: faultNotes } = checkFaultOutcomes(
      cell.id,
      result.faults,
      faultServer,
      faultRetry.limit,
    );
    outcome.faults = problems.length === 0 ? 'ok' : `FAIL (${problems.length})`;
    for (const problem of problems) outcome.problems.push(`faults: ${problem}`);
    outcome.notes = faultNotes;
  } else {
    outcome.faults = 'FAIL';
  }
  return outcome;
}

try {
  // 1. Pack, while the Node.js releases are fetched (or found in the cache).
  const [tarballs, ...binaries] = await Promise.allSettled([
    packAll(tarballDir),
    ...nodes.map((node) =>
      wanted(node.name) || node.major === '20' ? nodeBinary(node.version) : undefined,
    ),
  ]);
  if (tarballs.status === 'rejected') throw tarballs.reason;
  for (const name of names) {
    if (!tarballs.value.has(name)) failures.push(`${name}: pnpm pack produced no tarball`);
  }
  binaries.forEach((outcome, index) => {
    const node = nodes[index];
    if (outcome.status === 'rejected') {
      failures.push(`Node.js ${node.version} cannot be installed: ${outcome.reason?.message}`);
      node.problem = 'runtime unavailable';
    } else {
      node.binary = outcome.value;
    }
  });

  endPhase('pack + Node.js binaries');

  // 2. One project per Node.js release, installed by that release's npm run.
  await mapWithConcurrency(
    nodes.filter((node) => node.binary),
    2,
    async (node) => {
      const problems = await installProject(node, tarballs.value);
      if (problems.length > 0) {
        node.problem = problems[0].startsWith('EBADENGINE') ? 'EBADENGINE' : 'FAIL';
        failures.push(...problems);
      }
    },
  );
  for (const node of nodes.filter((candidate) => candidate.binary)) {
    console.log(
      `npm install of ${tarballs.value.size} tarballs under Node.js ${node.version}: ${
        node.problem ?? 'ok'
      } in ${node.installSeconds.toFixed(1)} s`,
    );
  }
  const baseProject = nodes[0]?.project;
  if (baseProject) await checkBins(baseProject);

  endPhase('npm installs');

  // 3. The cells.
  const cells = [];
  for (const node of nodes) {
    if (!wanted(node.name)) continue;
    for (const system of ['import', 'require']) {
      cells.push({
        id: `${node.name}-${system}`,
        label: `Node.js ${node.major}`,
        runtime: 'node',
        version: node.version,
        system,
        command: node.binary,
        args: (file) => [file],
        project: node.project,
        install: node.problem ?? (node.project ? 'ok' : 'FAIL'),
      });
    }
  }
  const others = [
    { name: 'bun', label: 'Bun', args: (file) => [file] },
    { name: 'deno', label: 'Deno', args: (file) => ['run', '--allow-all', '--quiet', file] },
  ];
  for (const other of others.filter((candidate) => wanted(candidate.name))) {
    for (const system of ['import', 'require']) {
      cells.push({
        id: `${other.name}-${system}`,
        label: other.label,
        runtime: other.name,
        system,
        command: devRuntimes[other.name],
        args: other.args,
        project: baseProject,
        install: 'Node.js 20 project',
      });
    }
  }
  if (wanted('workerd')) {
    cells.push({
      id: 'workerd-bundle',
      label: 'workerd',
      runtime: 'workerd',
      system: 'bundle',
      project: baseProject,
      install: 'Node.js 20 project',
    });
  }

  faultServer = await startFaultServer();
  const outcomes = await mapWithConcurrency(cells, cellConcurrency, async (cell) => {
    if (!cell.project || (cell.command && cell.runtime !== 'node' && !(await runs(cell)))) {
      return { problems: [`${cell.label} cannot run here`], unavailable: true };
    }
    cell.refusedUrl = await refusedUrl();
    return runCell(cell);
  });

  endPhase(`${cells.length} cells, ${cellConcurrency} at a time`);

  // Both module systems of a runtime must expose the same names.
  for (const [index, cell] of cells.entries()) {
    const twin = cells.find((other) => other.label === cell.label && other.system === 'require');
    const twinOutcome = twin && outcomes[cells.indexOf(twin)];
    if (cell.system !== 'import' || !outcomes[index].exports || !twinOutcome?.exports) continue;
    for (const name of entries) {
      const viaImport = (outcomes[index].exports[name] ?? []).join(',');
      const viaRequire = (twinOutcome.exports[name] ?? []).join(',');
      if (viaImport !== viaRequire) {
        outcomes[index].problems.push(
          `'${name}' exports differ between import() [${viaImport}] and require() [${viaRequire}]`,
        );
      }
    }
  }

  for (const [index, cell] of cells.entries()) {
    const outcome = outcomes[index];
    const blocked = outcome.unavailable ? 'CANNOT RUN' : undefined;
    rows.push([
      cell.label,
      outcome.version ?? cell.version ?? '?',
      cell.system === 'import' ? 'ESM' : cell.system === 'require' ? 'CJS' : 'bundle',
      cell.install === 'EBADENGINE' && failures.some(isKnown) ? 'EBADENGINE (known)' : cell.install,
      blocked ?? outcome.load,
      blocked ?? markKnown(outcome.send, cell, outcome, 'send'),
      blocked ?? markKnown(outcome.callback, cell, outcome, 'callback'),
      blocked ?? markKnown(outcome.faults, cell, outcome, 'faults'),
    ]);
    for (const problem of outcome.problems) {
      failures.push(`${cell.label} ${cell.system}: ${problem}`);
    }
    for (const note of outcome.notes ?? []) notes.push(`${cell.label} ${cell.system}: ${note}`);
  }
} catch (error) {
  failures.push(String(error?.stack ?? error));
} finally {
  await faultServer?.close();
  if (keep) console.log(`kept ${workDir}`);
  else await rm(workDir, { recursive: true, force: true });
}

/** Whether a runtime binary from the devDependencies starts at all. */
async function runs(cell) {
  const version = await run(cell.command, ['--version'], { timeoutMs: 30_000 });
  return version.code === 0;
}

const headers = ['runtime', 'version', 'module', 'install', 'load', 'send', 'callback', 'faults'];
console.log(`\n${formatTable(headers, rows)}`);
console.log(
  `\nsend: a message via @bw/sdk to @bw/emulator · callback: a voice answer callback answered with @bw/bxml through the Fetch handler · faults: refused, dropped, 503, timeout (GET retried, POST sent once)\nworkerd: compatibility date ${compatibilityDate}`,
);
/** The README's line under the matrix: why each known failure happens, or nothing. */
function knownNote() {
  const seen = knownFailures.filter(({ match }) => failures.some((failure) => match.test(failure)));
  if (seen.length === 0) return '';
  return `\nKnown failures, waiting for their fixes: ${seen.map(({ why }) => why).join('; ')}.\n`;
}

if (updateReadme) {
  if (only.size > 0) throw new Error('--update-readme needs the whole matrix: drop --only');
  const readmePath = path.join(rootDir, 'README.md');
  const readme = await readFile(readmePath, 'utf8');
  const marked = /(<!-- support:start -->\n)[\s\S]*?(<!-- support:end -->)/;
  if (!marked.test(readme)) throw new Error('README.md has no support:start/support:end marks');
  await writeFile(
    readmePath,
    readme.replace(marked, `$1${formatTable(headers, rows, { markdown: true })}\n${knownNote()}$2`),
  );
  console.log('README.md support matrix updated');
}
if (notes.length > 0) console.log(`\nnotes:\n${notes.join('\n')}`);
const known = failures.filter(isKnown);
const unexpected = failures.filter((failure) => !known.includes(failure));
for (const { match, why } of knownFailures) {
  if (only.size === 0 && !failures.some((failure) => match.test(failure))) {
    unexpected.push(
      `known failure ${match} no longer happens: remove it from knownFailures (${why})`,
    );
  }
}
if (known.length > 0) {
  const reasons = knownFailures.filter(({ match }) => known.some((failure) => match.test(failure)));
  console.log(
    `\nKNOWN FAILURES (waiting for fixes; they do not fail the gate):\n${known.join('\n')}\n` +
      reasons.map(({ why }) => `  because ${why}`).join('\n'),
  );
}
if (unexpected.length > 0) console.log(`\n${unexpected.join('\n')}`);
const seconds = ((performance.now() - started) / 1000).toFixed(1);
console.log(
  `\nwall time ${seconds} s: ${phases.map(([name, time]) => `${name} ${time.toFixed(1)} s`).join(', ')}`,
);
report(
  'tarball smoke',
  unexpected.length === 0,
  `${names.length} packages, ${rows.length} cells, ${unexpected.length} problems${
    known.length > 0 ? ` (+${known.length} known)` : ''
  }, ${seconds} s`,
);
process.exitCode = unexpected.length === 0 ? 0 : 1;
