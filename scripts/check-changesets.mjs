#!/usr/bin/env node
// Changesets gate: every `.changeset/*.md` must parse (front matter first, known package names,
// a valid bump) so that `pnpm changeset version` cannot fail on release day. Prints the release
// plan those changesets add up to: which packages would be bumped, how, and why.
import { readdir, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { formatTable, makeTempDir, report, rootDir, run } from './lib/workspace.mjs';

const changesetBin = path.join(rootDir, 'node_modules', '.bin', 'changeset');
const changesetDir = path.join(rootDir, '.changeset');
const frontMatter = /^---\r?\n([\s\S]*?)\r?\n---(\r?\n|$)/;
const releaseLine = /^\s*(["']?)(@?[\w.-]+(\/[\w.-]+)?)\1\s*:\s*(patch|minor|major|none)\s*$/;

/** Names the files `changeset` would reject, which its own error message does not do. */
async function malformedChangesets() {
  const problems = [];
  for (const file of (await readdir(changesetDir)).sort()) {
    if (!file.endsWith('.md') || file === 'README.md') continue;
    const text = await readFile(path.join(changesetDir, file), 'utf8');
    const match = frontMatter.exec(text);
    if (!match) {
      problems.push(`.changeset/${file}: does not start with a --- front matter --- block`);
      continue;
    }
    const lines = match[1].split(/\r?\n/).filter((line) => line.trim() !== '');
    if (lines.length === 0) problems.push(`.changeset/${file}: names no package`);
    for (const line of lines) {
      if (!releaseLine.test(line)) {
        problems.push(`.changeset/${file}: "${line}" is not \`"@bw/<pkg>": patch|minor|major\``);
      }
    }
  }
  return problems;
}
const scratch = await makeTempDir('changesets');
let ok = false;
try {
  const planFile = path.join(scratch, 'plan.json');
  const status = await run(changesetBin, ['status', `--output=${planFile}`], {
    env: { NO_COLOR: '1', FORCE_COLOR: '0' },
  });
  const malformed = await malformedChangesets();
  if (malformed.length > 0) console.log(malformed.join('\n'));
  if (status.code !== 0) {
    const errors = `${status.stderr}${status.stdout}`
      .split('\n')
      .filter((line) => line.includes('error') && !/^\S*\s*error\s+at /.test(line.trim()))
      .join('\n');
    console.log(`changeset status failed (exit ${status.code}):\n${errors}`);
  } else {
    const plan = JSON.parse(await readFile(planFile, 'utf8'));
    const reasons = new Map();
    for (const changeset of plan.changesets) {
      for (const release of changeset.releases) {
        const list = reasons.get(release.name) ?? [];
        list.push(changeset.id);
        reasons.set(release.name, list);
      }
    }
    const rows = plan.releases
      .filter((release) => release.type !== 'none')
      .map((release) => [
        release.name,
        release.type,
        `${release.oldVersion} → ${release.newVersion}`,
        reasons.get(release.name)?.join(', ') ?? 'dependency bump',
      ]);
    console.log(
      rows.length > 0
        ? formatTable(['package', 'bump', 'version', 'changesets'], rows)
        : 'no pending changesets',
    );
    ok = true;
  }
} finally {
  await rm(scratch, { recursive: true, force: true });
}
report('changesets', ok, ok ? 'every changeset parses' : 'fix the changeset named above');
process.exitCode = ok ? 0 : 1;
