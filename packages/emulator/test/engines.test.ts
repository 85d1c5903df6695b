// The emulator promises `engines.node` (>=20): every package it installs must accept the oldest
// Node version of that promise, or npm warns EBADENGINE on install.
import { existsSync, readFileSync, realpathSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

interface Manifest {
  name: string;
  version: string;
  engines?: { node?: string };
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
}

const ROOT = fileURLToPath(new URL('..', import.meta.url));

const read = (dir: string) =>
  JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as Manifest;

/** Where Node would load `name` from when required inside `from` (a package directory). */
function locate(name: string, from: string): string | undefined {
  for (let dir = from; ; dir = dirname(dir)) {
    const candidate = join(dir, 'node_modules', name);
    if (existsSync(join(candidate, 'package.json'))) return realpathSync(candidate);
    if (dirname(dir) === dir) return undefined;
  }
}

/** The lowest version a `>=X` range admits, as `[major, minor, patch]`. */
function lowest(range: string): number[] {
  const match = /^>=\s*(\d+)(?:\.(\d+))?(?:\.(\d+))?$/.exec(range.trim());
  if (!match) throw new Error(`engines.node is not a plain >= range: ${range}`);
  return [Number(match[1]), Number(match[2] ?? 0), Number(match[3] ?? 0)];
}

const compare = (a: number[], b: number[]) => a[0]! - b[0]! || a[1]! - b[1]! || a[2]! - b[2]!;

/** Whether `version` satisfies an npm range (the comparator forms found in engines fields). */
function admits(range: string, version: number[]): boolean {
  return range.split('||').some((clause) => {
    const comparators = clause
      .trim()
      .replace(/([<>=^~]+)\s+/g, '$1')
      .split(/\s+/)
      .filter(Boolean);
    return comparators.every((comparator) => {
      if (comparator === '*' || comparator === 'x') return true;
      const match = /^([<>]=?|=|\^|~)?v?(\d+|x|\*)(?:\.(\d+|x|\*))?(?:\.(\d+|x|\*))?$/.exec(
        comparator,
      );
      if (!match) throw new Error(`unreadable engines range: ${range}`);
      const parts = [match[2], match[3], match[4]].map((part) =>
        part === undefined || part === 'x' || part === '*' ? undefined : Number(part),
      );
      const bound = parts.map((part) => part ?? 0);
      const order = compare(version, bound);
      switch (match[1]) {
        case '>=':
          return order >= 0;
        case '>':
          return order > 0;
        case '<':
          return order < 0;
        case '<=':
          return order <= 0;
        case '^':
          return order >= 0 && version[0] === bound[0];
        case '~':
          return order >= 0 && version[0] === bound[0] && version[1] === bound[1];
        default:
          // `20`, `20.x`, `=20.1.0`: every given part must match.
          return parts.every((part, index) => part === undefined || part === version[index]);
      }
    });
  });
}

describe('engines', () => {
  it('reads npm ranges as npm does', () => {
    expect(admits('>=22', [20, 0, 0])).toBe(false);
    expect(admits('>= 10.x', [20, 0, 0])).toBe(true);
    expect(admits('^18 || ^20 || >=22', [20, 0, 0])).toBe(true);
    expect(admits('>=18 <20', [20, 0, 0])).toBe(false);
    expect(admits('20.x', [20, 0, 0])).toBe(true);
  });

  it('every installed dependency accepts the oldest Node version the emulator supports', () => {
    const own = read(ROOT);
    const oldest = lowest(own.engines?.node ?? '');
    const refused: string[] = [];
    const seen = new Set<string>();
    const visit = (dir: string) => {
      if (seen.has(dir)) return;
      seen.add(dir);
      const manifest = read(dir);
      const range = manifest.engines?.node;
      if (range !== undefined && !admits(range, oldest)) {
        refused.push(`${manifest.name}@${manifest.version} requires node ${range}`);
      }
      const names = Object.keys({ ...manifest.dependencies, ...manifest.optionalDependencies });
      for (const name of names) {
        const found = locate(name, dir);
        if (found) visit(found);
        else if (!manifest.optionalDependencies?.[name]) refused.push(`${name} is not installed`);
      }
    };
    visit(realpathSync(ROOT));
    // The walk reached the package and each of its dependencies.
    expect(seen.size).toBeGreaterThan(Object.keys(own.dependencies ?? {}).length);
    expect(refused).toEqual([]);
  });
});
