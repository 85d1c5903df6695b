import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { APT_LOCK, aptInstallScript } from '../../../test-support/apt.mjs';
import { planRedisServer } from './redis-server.mjs';

/** A host whose only executables are `files`. */
function host(pathDirs: string[], uid: number | undefined, files: string[]) {
  const executables = new Set(files);
  return {
    path: pathDirs.join(path.delimiter),
    uid,
    isExecutable: (file: string) => executables.has(file),
  };
}

describe('getting redis-server for the tests', () => {
  it('uses the redis-server on PATH, the first one found', () => {
    expect(
      planRedisServer(
        host(['/opt/redis/bin', '/usr/bin'], 1000, [
          '/usr/bin/redis-server',
          '/opt/redis/bin/redis-server',
        ]),
      ),
    ).toEqual({ action: 'use', binary: '/opt/redis/bin/redis-server' });
  });

  it('installs Debian’s package when it is missing and the user is root with apt', () => {
    const plan = planRedisServer(host(['/usr/local/bin', '/usr/bin'], 0, ['/usr/bin/apt-get']));
    expect(plan).toEqual({
      action: 'install',
      package: 'redis-server',
      binary: '/usr/bin/redis-server',
    });
  });

  it('installs under one lock for every test file, waits for dpkg’s lock, updates the lists when the install fails, and retries once', () => {
    const steps = aptInstallScript('redis-server', '/usr/bin/redis-server').split(' || ');
    // Another file may have installed it while this one waited for the lock.
    expect(steps[0]).toBe('test -x /usr/bin/redis-server');
    expect(steps[1]).toMatch(/^apt-get install -y .*-o DPkg::Lock::Timeout=600 .*redis-server$/);
    // A fresh image has no package lists yet: update, then install again.
    expect(steps[2]).toMatch(
      /^\(apt-get update .*DPkg::Lock::Timeout=600.* && apt-get install .* redis-server\)$/,
    );
    expect(steps[3]).toMatch(
      /^\(sleep \d+ && apt-get update .* && apt-get install .* redis-server\)$/,
    );
    expect(steps).toHaveLength(4);
    expect(path.isAbsolute(APT_LOCK)).toBe(true);
  });

  it('a redis-server that is not on PATH is not used: root with apt installs (or finds) the package', () => {
    const plan = planRedisServer(
      host(['/tmp/bin'], 0, ['/tmp/bin/apt-get', '/usr/bin/redis-server']),
    );
    expect(plan.action).toBe('install');
  });

  it('fails at once with the one command to run when not root', () => {
    expect(planRedisServer(host(['/usr/bin'], 1000, ['/usr/bin/apt-get']))).toEqual({
      action: 'fail',
      message: "Debian's redis-server is needed. Install it: sudo apt-get install -y redis-server",
    });
  });

  it('fails at once when there is no apt, even as root', () => {
    const plan = planRedisServer(host(['/usr/bin'], 0, ['/usr/bin/brew']));
    expect(plan.action).toBe('fail');
    expect(plan.action === 'fail' && plan.message).toMatch(/redis-server.*on PATH.*install Redis/);
  });

  it('an empty or missing PATH finds nothing', () => {
    expect(planRedisServer({ path: undefined, uid: 1000, isExecutable: () => true }).action).toBe(
      'fail',
    );
  });
});
