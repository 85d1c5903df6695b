#!/usr/bin/env node
// Tarball smoke test: install the packages as a customer would and use them in every runtime.
//
// 1. `pnpm pack` every publishable package (workspace ranges become real versions).
// 2. A fresh temporary project installs all tarballs in ONE `npm install`, so the `@bw/*`
//    dependencies between them resolve to each other; third-party dependencies come from the
//    registry. The lockfile is then checked: every `@bw/*` package must come from a tarball.
//    Every `bin` runs `--help` from the consumer's node_modules/.bin.
// 3. In Node.js, Bun and Deno: `require()` and `import()` every package; both module systems must
//    expose the same names.
// 4. Each runtime and module system starts the installed emulator (`startEmulator`) and sends a
//    message through the installed `MessagingClient`, then reads it back (scripts/smoke/flow.*).
//
// Bun and Deno are the root devDependencies `bun` and `deno` (their npm packages carry the
// runtimes). A runtime that cannot be started fails the gate, loudly, unless it is named in
// `--allow-missing=<runtime,…>` (e.g. `--allow-missing=deno`), which still prints the warning.
// `--keep` keeps the temporary project for a look afterwards.
import { copyFile, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import {
  entrySpecifiers,
  formatTable,
  makeTempDir,
  packAll,
  publishablePackages,
  report,
  rootDir,
  run,
} from './lib/workspace.mjs';

const smokeDir = path.join(rootDir, 'scripts', 'smoke');
const keep = process.argv.includes('--keep');
const allowMissing = new Set(
  (process.argv.find((arg) => arg.startsWith('--allow-missing='))?.slice(16) ?? '')
    .split(',')
    .map((name) => name.trim())
    .filter(Boolean),
);

/** The runtimes under test, each with how to run a script file. */
const runtimes = [
  { name: 'node', command: process.execPath, args: (file) => [file] },
  {
    name: 'bun',
    command: path.join(rootDir, 'node_modules', 'bun', 'bin', 'bun.exe'),
    args: (file) => [file],
  },
  {
    name: 'deno',
    command: path.join(rootDir, 'node_modules', 'deno', 'deno'),
    args: (file) => ['run', '--allow-all', '--quiet', file],
  },
];

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

/** Extracts the `BW_SMOKE_RESULT {...}` line a probe or flow prints. */
function parseResult(output) {
  const line = output.split('\n').find((candidate) => candidate.startsWith('BW_SMOKE_RESULT '));
  return line ? JSON.parse(line.slice('BW_SMOKE_RESULT '.length)) : undefined;
}

/** Loud banner for a runtime that cannot run here. */
function banner(text) {
  const rule = '!'.repeat(78);
  console.log(`\n${rule}\n${text}\n${rule}\n`);
}

const failures = [];
const rows = [];
const packages = publishablePackages();
const names = packages.map((pkg) => pkg.name);
// Every entry of every package (`@bw/messaging`, `@bw/messaging/callbacks`…): what the probes load.
const entries = packages.flatMap(entrySpecifiers);
const workDir = await makeTempDir('smoke');
const tarballDir = path.join(workDir, 'tarballs');
const projectDir = path.join(workDir, 'project');

try {
  // 1. Pack.
  const tarballs = await packAll(tarballDir);
  for (const name of names) {
    if (!tarballs.has(name)) failures.push(`${name}: pnpm pack produced no tarball`);
  }

  // 2. Install every tarball into a fresh project with npm, in one command.
  await run('mkdir', ['-p', projectDir]);
  await writeFile(
    path.join(projectDir, 'package.json'),
    `${JSON.stringify({ name: 'bw-smoke-consumer', version: '1.0.0', private: true }, null, 2)}\n`,
  );
  const install = await run(
    'npm',
    ['install', '--no-audit', '--no-fund', '--loglevel=error', ...tarballs.values()],
    { cwd: projectDir, env: childEnv(projectDir), timeoutMs: 300_000 },
  );
  console.log(
    `npm install of ${tarballs.size} tarballs: exit ${install.code} in ${(install.ms / 1000).toFixed(1)} s`,
  );
  if (install.code !== 0) {
    throw new Error(`npm install failed:\n${install.stderr}${install.stdout}`);
  }
  const lock = JSON.parse(await readFile(path.join(projectDir, 'package-lock.json'), 'utf8'));
  for (const pkg of packages) {
    const entry = lock.packages?.[`node_modules/${pkg.name}`];
    if (!entry) {
      failures.push(`${pkg.name}: not installed`);
    } else if (!String(entry.resolved ?? '').startsWith('file:')) {
      failures.push(`${pkg.name}: resolved from ${entry.resolved}, not from its tarball`);
    } else if (entry.version !== pkg.version) {
      failures.push(`${pkg.name}: installed ${entry.version}, packed ${pkg.version}`);
    }
  }
  const nested = Object.keys(lock.packages ?? {}).filter((key) =>
    /node_modules\/.+\/node_modules\/@bw\//.test(key),
  );
  for (const key of nested) {
    failures.push(`a second copy of a @bw package was installed at ${key} (tarballs disagree)`);
  }

  // Every `bin` a package declares must survive packing: linked by npm, executable, with a shebang.
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
      } else {
        console.log(`bin ${name} --help: ok`);
      }
    }
  }

  for (const file of ['probe.cjs', 'probe.mjs']) {
    await copyFile(path.join(smokeDir, file), path.join(projectDir, file));
  }

  // 3. require() and import() every package in every runtime.
  const available = [];
  for (const runtime of runtimes) {
    const version = await run(runtime.command, ['--version'], { cwd: projectDir });
    if (version.code !== 0) {
      const reason = (version.stderr || version.stdout).trim().split('\n')[0];
      const allowed = allowMissing.has(runtime.name);
      banner(
        `BLOCKED: the ${runtime.name} runtime cannot be started (${runtime.command}): ${reason}\n` +
          `Its smoke tests did NOT run.${allowed ? ' Allowed by --allow-missing.' : ''}`,
      );
      if (!allowed) failures.push(`${runtime.name}: runtime unavailable: ${reason}`);
      rows.push([runtime.name, 'BLOCKED', 'BLOCKED', 'BLOCKED', 'BLOCKED']);
      continue;
    }
    const firstLine = version.stdout.trim().split('\n')[0] ?? '';
    runtime.version = firstLine.match(/\d+\.\d+\.\d+/)?.[0] ?? firstLine;
    available.push(runtime);
  }

  for (const runtime of available) {
    const loaded = {};
    for (const file of ['probe.cjs', 'probe.mjs']) {
      const result = await run(runtime.command, [...runtime.args(file), JSON.stringify(entries)], {
        cwd: projectDir,
        env: childEnv(projectDir),
        timeoutMs: 60_000,
      });
      const parsed = parseResult(result.stdout);
      if (!parsed) {
        failures.push(
          `${runtime.name} ${file}: no result (exit ${result.code}):\n${result.stderr}${result.stdout}`,
        );
        continue;
      }
      if (parsed.runtime !== runtime.name) {
        failures.push(`${runtime.name} ${file}: actually ran under ${parsed.runtime}`);
      }
      for (const [name, error] of Object.entries(parsed.errors)) {
        failures.push(`${runtime.name}: ${parsed.system}('${name}') failed: ${error}`);
      }
      for (const [name, exported] of Object.entries(parsed.packages)) {
        if (exported.length === 0) {
          failures.push(`${runtime.name}: ${parsed.system}('${name}') exports nothing`);
        }
      }
      loaded[parsed.system] = parsed.packages;
    }
    if (loaded.require && loaded.import) {
      for (const name of entries) {
        const viaRequire = (loaded.require[name] ?? []).join(',');
        const viaImport = (loaded.import[name] ?? []).join(',');
        if (viaRequire !== viaImport) {
          failures.push(
            `${runtime.name}: '${name}' exports differ between require() [${viaRequire}] and import() [${viaImport}]`,
          );
        }
      }
    }
    const count = (system) =>
      loaded[system] ? `${Object.keys(loaded[system]).length}/${entries.length}` : 'failed';
    runtime.row = [runtime.name, runtime.version, count('require'), count('import')];
  }

  // 4. Send a message against the installed emulator, from both module systems.
  const flow = await import(path.join(smokeDir, 'flow-plan.mjs'));
  const plan = await flow.planMessageFlow(projectDir);
  if (!plan.ready) {
    // Both packages provide the round trip since they landed; losing it is a regression.
    banner(`FAILED: message round trip cannot run: ${plan.reason}`);
    failures.push(`message round trip cannot run: ${plan.reason}`);
  }
  for (const runtime of available) {
    const outcomes = [];
    if (plan.ready) {
      for (const file of plan.files) {
        const result = await run(runtime.command, runtime.args(file), {
          cwd: projectDir,
          env: childEnv(projectDir),
          timeoutMs: 60_000,
        });
        const parsed = parseResult(result.stdout);
        if (parsed && parsed.runtime !== runtime.name) {
          failures.push(`${runtime.name} ${file}: actually ran under ${parsed.runtime}`);
        }
        if (!parsed?.ok) {
          failures.push(
            `${runtime.name} ${file}: message round trip failed (exit ${result.code}): ${
              parsed?.error ?? `${result.stderr}${result.stdout}`
            }`,
          );
          outcomes.push(`${file}: FAIL`);
        } else {
          outcomes.push(`${parsed.system}: ok`);
        }
      }
    }
    rows.push([...runtime.row, plan.ready ? outcomes.join(', ') : 'FAIL (cannot run)']);
  }
} catch (error) {
  failures.push(String(error?.message ?? error));
} finally {
  if (keep) console.log(`kept ${workDir}`);
  else await rm(workDir, { recursive: true, force: true });
}

console.log(
  `\n${formatTable(['runtime', 'version', 'require()', 'import()', 'message round trip'], rows)}`,
);
if (failures.length > 0) console.log(`\n${failures.join('\n')}`);
report(
  'tarball smoke',
  failures.length === 0,
  `${names.length} packages, ${failures.length} problems`,
);
process.exitCode = failures.length === 0 ? 0 : 1;
