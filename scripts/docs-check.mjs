#!/usr/bin/env node
// README check: every fenced `ts`/`typescript`/`js`/`javascript` block of every README (root,
// packages/*, apps/*) compiles against the packages as users install them, and the runnable ones
// run against a started emulator. A failure names the README and the line.
//
// Words after the language in the info string say how a block is checked:
// - (none)      a module of its own: it must compile alone, imports included;
// - `continued` continues the block before it in the same README (one module; the prose between
//               them is left out), e.g. a client built in one block and used in the next;
// - `runnable`  also run, with Node.js, once compiled (any block of a continued chain makes the
//               whole chain run); it must finish within 30 s;
// - `fragment`  intentionally partial (a signature list, a shape): not compiled. Keep these few.
// Any other word is an error, so a typo cannot turn a check off.
//
// Compiling: one consumer project (scripts/lib/consumer-project.mjs, kept in `.tmp/docs-check/`)
// with the tarballs installed by npm next to the newest stack a user picks: TypeScript 7,
// `@types/node` 26, Express 5 types, Fastify 5, Hono and `@hono/node-server`; `strict`, `nodenext`,
// ESM. One tsc run
// checks every block.
//
// Running: the installed `@bw/emulator` is started in this process (`startEmulator`, the default
// `u-emulator` user owning +19195551212) and reset before each runnable block. The block gets the
// credentials through the variables the SDK reads (`BANDWIDTH_USER_ID`, `BANDWIDTH_API_TOKEN`,
// `BANDWIDTH_API_SECRET`); `http://127.0.0.1:4010`, the address `bw-emulator` listens on by
// default, is pointed at the started emulator, so a block written against a local emulator runs
// as written.
//
// Usage: node scripts/docs-check.mjs [--only=<README path substring>]
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { cacheRoot, consumerEnv, installConsumer, packInto } from './lib/consumer-project.mjs';
import { formatTable, report, rootDir, run } from './lib/workspace.mjs';

const checkDir = path.join(cacheRoot, 'docs-check');
const projectDir = path.join(checkDir, 'ts7-node26-express5');
const only = process.argv.find((arg) => arg.startsWith('--only='))?.slice(7);
const languages = new Map([
  ['ts', 'ts'],
  ['typescript', 'ts'],
  ['js', 'js'],
  ['javascript', 'js'],
]);
const knownFlags = new Set(['continued', 'runnable', 'fragment']);
const emulatorAddress = /http:\/\/(?:127\.0\.0\.1|localhost):4010/g;
const runTimeoutMs = 30_000;

/** Every README the check reads, relative to the root: the root's, then packages/*, then apps/*. */
async function readmes() {
  const found = ['README.md'];
  for (const parent of ['packages', 'apps']) {
    const dirs = await readdir(path.join(rootDir, parent), { withFileTypes: true });
    for (const dir of dirs.filter((entry) => entry.isDirectory()).map((entry) => entry.name)) {
      const file = path.join(parent, dir, 'README.md');
      if (existsSync(path.join(rootDir, file))) found.push(file);
    }
  }
  return found.sort((a, b) =>
    a === 'README.md' ? -1 : b === 'README.md' ? 1 : a.localeCompare(b),
  );
}

/**
 * The code blocks of a Markdown text: `{ language, flags, line, code }`, `line` being the 1-based
 * line of the block's first code line. Fences of three or more backticks or tildes, as CommonMark.
 */
function codeBlocks(text) {
  const lines = text.split('\n');
  const blocks = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^ {0,3}(`{3,}|~{3,})\s*([^\s`]*)(.*)$/.exec(lines[i]);
    if (!open) continue;
    const [, fence, language, rest] = open;
    const close = new RegExp(`^ {0,3}${fence[0]}{${fence.length},}\\s*$`);
    let end = i + 1;
    while (end < lines.length && !close.test(lines[end])) end++;
    blocks.push({
      language: language.toLowerCase(),
      flags: rest.trim().split(/\s+/).filter(Boolean),
      line: i + 2,
      code: lines.slice(i + 1, end).join('\n'),
    });
    i = end;
  }
  return blocks;
}

/**
 * The units of one README: each a module made of one block and the `continued` blocks after it,
 * with a map from the module's lines back to the README's. Problems (unknown flags, a `continued`
 * with nothing to continue) are returned as failures.
 */
function unitsOf(readme, text) {
  const units = [];
  const problems = [];
  let previous;
  for (const block of codeBlocks(text)) {
    const language = languages.get(block.language);
    if (!language) continue;
    const unknown = block.flags.filter((flag) => !knownFlags.has(flag));
    if (unknown.length > 0) {
      problems.push(`${readme}:${block.line - 1}: unknown word(s) in the info string: ${unknown}`);
    }
    if (block.flags.includes('fragment')) {
      units.push({ readme, line: block.line, fragment: true });
      previous = undefined;
      continue;
    }
    const lines = block.code.split('\n');
    const map = lines.map((_, index) => block.line + index);
    if (block.flags.includes('continued')) {
      if (!previous || previous.language !== language) {
        problems.push(
          `${readme}:${block.line - 1}: a \`continued\` block must follow a compiled ${language} block`,
        );
        continue;
      }
      previous.lines.push(...lines);
      previous.map.push(...map);
      previous.runnable ||= block.flags.includes('runnable');
      previous.blocks++;
      continue;
    }
    previous = {
      readme,
      line: block.line,
      language,
      lines,
      map,
      runnable: block.flags.includes('runnable'),
      blocks: 1,
    };
    units.push(previous);
  }
  return { units, problems };
}

/** File name of a unit inside the project: README path and line, e.g. `packages-voice-L182.ts`. */
function fileOf(unit) {
  const slug =
    path
      .dirname(unit.readme)
      .replace(/[\\/.]+/g, '-')
      .replace(/^-|-$/g, '') || 'root';
  return `${slug}-L${unit.line}.${unit.language === 'ts' ? 'ts' : 'js'}`;
}

const started = performance.now();
const failures = [];
const units = [];
for (const readme of await readmes()) {
  if (only && !readme.includes(only)) continue;
  const found = unitsOf(readme, await readFile(path.join(rootDir, readme), 'utf8'));
  units.push(...found.units);
  failures.push(...found.problems);
}
const compiled = units.filter((unit) => !unit.fragment);

// 1. The project: tarballs + the newest stack, updated in place from the previous run.
const tarballs = await packInto(path.join(checkDir, 'tarballs'));
const install = await installConsumer(
  projectDir,
  tarballs,
  [
    'typescript@^7.0.0',
    '@types/node@^26',
    '@types/express@^5',
    'fastify@^5.0.0',
    'hono@^4.0.0',
    '@hono/node-server@^2.0.0',
  ],
  { type: 'module' },
);
if (!install.ok) {
  console.log(`npm install failed:\n${install.output}`);
  report('README check', false, 'the consumer project could not be installed');
  process.exit(1);
}

// 2. One module per unit, one tsc run for all of them.
const outDir = path.join(projectDir, 'out');
await rm(outDir, { recursive: true, force: true });
for (const dir of [projectDir, path.join(checkDir, 'workspace')]) {
  await rm(path.join(dir, 'samples'), { recursive: true, force: true });
  await mkdir(path.join(dir, 'samples'), { recursive: true });
}
const byFile = new Map();
for (const unit of compiled) {
  unit.file = fileOf(unit);
  unit.program = unit.readme.startsWith('apps/') ? 'apps' : 'installed';
  byFile.set(unit.file, unit);
  const dir = unit.program === 'apps' ? path.join(checkDir, 'workspace') : projectDir;
  await writeFile(path.join(dir, 'samples', unit.file), `${unit.lines.join('\n')}\n`);
}
/**
 * The two programs: `installed` (the package READMEs, against the tarballs installed in the
 * consumer project) and `apps` (the sample apps' READMEs: the apps are private workspace packages,
 * never published, so their samples compile in a workspace view that links each app and each
 * package by name, against the built packages, with the repository's TypeScript and tsconfig).
 */
const programs = {
  installed: {
    dir: projectDir,
    tsc: path.join(projectDir, 'node_modules', '.bin', 'tsc'),
    options: {
      target: 'es2022',
      lib: ['es2023'],
      types: ['node'],
      module: 'nodenext',
      moduleResolution: 'nodenext',
      moduleDetection: 'force',
      strict: true,
      allowJs: true,
      checkJs: true,
      skipLibCheck: true,
      noEmitOnError: true,
      rootDir: 'samples',
      outDir: 'out',
    },
  },
  apps: {
    dir: path.join(checkDir, 'workspace'),
    tsc: path.join(rootDir, 'node_modules', '.bin', 'tsc'),
    extends: path.join(rootDir, 'tsconfig.base.json'),
    options: { moduleDetection: 'force', allowJs: true, checkJs: true, noEmit: true },
  },
};

/** Links every package and app under `node_modules/@bw/` of the workspace view. */
async function linkWorkspace(dir) {
  const scope = path.join(dir, 'node_modules', '@bw');
  await rm(path.join(dir, 'node_modules'), { recursive: true, force: true });
  await mkdir(scope, { recursive: true });
  for (const parent of ['packages', 'apps']) {
    for (const entry of await readdir(path.join(rootDir, parent), { withFileTypes: true })) {
      const manifest = path.join(rootDir, parent, entry.name, 'package.json');
      if (!entry.isDirectory() || !existsSync(manifest)) continue;
      const { name } = JSON.parse(await readFile(manifest, 'utf8'));
      if (name?.startsWith('@bw/')) {
        await symlink(
          path.join(rootDir, parent, entry.name),
          path.join(scope, name.slice(4)),
          'dir',
        );
      }
    }
  }
}

/** Writes the tsconfig of a program for `files`, runs its tsc, files each diagnostic by README line. */
async function compile(program, files) {
  const { dir, options } = programs[program];
  const tsconfig = {
    ...(programs[program].extends ? { extends: programs[program].extends } : {}),
    compilerOptions: options,
    files: files.map((file) => `samples/${file}`),
  };
  await writeFile(path.join(dir, 'tsconfig.json'), `${JSON.stringify(tsconfig, null, 2)}\n`);
  const result = await run(programs[program].tsc, ['--pretty', 'false', '-p', 'tsconfig.json'], {
    cwd: dir,
    env: consumerEnv(),
  });
  const errors = new Map();
  let last;
  let unplaced = '';
  for (const line of `${result.stdout}${result.stderr}`.split('\n')) {
    const diagnostic = /^samples\/([^(]+)\((\d+),(\d+)\): (.*)$/.exec(line);
    const unit = diagnostic && byFile.get(diagnostic[1]);
    if (unit) {
      const readmeLine = unit.map[Number(diagnostic[2]) - 1] ?? unit.line;
      last = errors.get(unit) ?? [];
      last.push(`${unit.readme}:${readmeLine}:${diagnostic[3]}: ${diagnostic[4]}`);
      errors.set(unit, last);
    } else if (line.startsWith('  ') && last) {
      last.push(line); // the indented continuation of the diagnostic above
    } else if (line.trim() !== '') {
      unplaced += `${line}\n`;
    }
  }
  return { result, errors, unplaced };
}

// A syntax error anywhere stops tsc before the type check, so blocks that do not parse are taken
// out and the rest compiled again: every block gets its type errors reported in one run.
async function check(program) {
  const mine = [...byFile.values()].filter((unit) => unit.program === program);
  if (mine.length === 0) return { code: 0, ms: 0 };
  let pass = await compile(
    program,
    mine.map((unit) => unit.file),
  );
  const syntax = (list) => list.some((line) => /error TS1\d{3}:/.test(line));
  const unparsed = new Set([...pass.errors].filter(([, list]) => syntax(list)).map(([u]) => u));
  for (const [unit, list] of pass.errors) if (unparsed.has(unit)) compileErrors.set(unit, list);
  if (unparsed.size > 0) {
    pass = await compile(
      program,
      mine.filter((unit) => !unparsed.has(unit)).map((unit) => unit.file),
    );
  }
  for (const [unit, list] of pass.errors) compileErrors.set(unit, list);
  if (pass.result.code !== 0 && pass.errors.size === 0) {
    failures.push(
      `${program}: tsc failed without a diagnostic in a README block (exit ${pass.result.code}):\n${pass.unplaced}`,
    );
  }
  return pass.result;
}

const compileErrors = new Map();
await linkWorkspace(programs.apps.dir);
const tsc = await check('installed');
const appsTsc = await check('apps');

// 3. The runnable units, one after the other, against one emulator reset before each.
const runOutcomes = new Map();
const runnable = compiled.filter((unit) => unit.runnable && !compileErrors.has(unit));
for (const unit of runnable.filter((u) => u.program === 'apps')) {
  failures.push(`${unit.readme}:${unit.line}: runnable blocks are for package READMEs only`);
}
if (runnable.length > 0 && compileErrors.size === 0 && tsc.code === 0) {
  const require = createRequire(path.join(projectDir, 'package.json'));
  const { startEmulator, DEFAULT_USER } = require('@bw/emulator');
  const emulator = await startEmulator({
    speed: 100,
    users: [{ ...DEFAULT_USER, numbers: ['+19195551212'] }],
  });
  try {
    for (const unit of runnable.filter((u) => u.program === 'installed')) {
      await emulator.control.reset();
      const file = path.join(outDir, unit.file.replace(/\.ts$/, '.js'));
      const code = await readFile(file, 'utf8');
      await writeFile(file, code.replace(emulatorAddress, emulator.url));
      const result = await run(process.execPath, [file], {
        cwd: projectDir,
        env: consumerEnv({
          BANDWIDTH_USER_ID: emulator.credentials.userId,
          BANDWIDTH_API_TOKEN: emulator.credentials.apiToken,
          BANDWIDTH_API_SECRET: emulator.credentials.apiSecret,
        }),
        timeoutMs: runTimeoutMs,
      });
      runOutcomes.set(unit, result);
    }
  } finally {
    await emulator.close();
  }
}

// 4. Report: one row per unit.
const rows = [];
for (const unit of units) {
  const where = `${unit.readme}:${unit.line}`;
  if (unit.fragment) {
    rows.push([where, 'fragment', 'not compiled']);
    continue;
  }
  const errors = compileErrors.get(unit);
  const ran = runOutcomes.get(unit);
  let result = errors
    ? `FAIL: ${errors.filter((e) => !e.startsWith(' ')).length} tsc errors`
    : 'compiles';
  if (!errors && unit.runnable) {
    result = !ran
      ? 'not run (another block failed to compile)'
      : ran.code === 0
        ? `compiles, ran in ${(ran.ms / 1000).toFixed(1)} s`
        : `FAIL: run exited ${ran.code}`;
  }
  rows.push([where, unit.blocks > 1 ? `${unit.blocks} blocks` : '1 block', result]);
  if (errors) failures.push(`${where} does not compile:\n${errors.join('\n')}`);
  if (ran && ran.code !== 0) {
    const output = `${ran.stderr}${ran.stdout}`.trim().split('\n').slice(-25).join('\n');
    failures.push(`${where} does not run (exit ${ran.code}):\n${output}`);
  }
}

console.log(`\n${formatTable(['README block', 'module', 'result'], rows)}`);
const counts = `${compiled.length} compiled (${compiled.filter((u) => u.runnable).length} run), ${units.length - compiled.length} fragments`;
console.log(
  `\n${counts}; npm install ${(install.ms / 1000).toFixed(1)} s, tsc ${(tsc.ms / 1000).toFixed(1)} s + ${(appsTsc.ms / 1000).toFixed(1)} s (apps), ` +
    `wall ${((performance.now() - started) / 1000).toFixed(1)} s`,
);
if (failures.length > 0) console.log(`\n${failures.join('\n\n')}`);
report('README check', failures.length === 0, `${counts}, ${failures.length} problems`);
process.exitCode = failures.length === 0 ? 0 : 1;
