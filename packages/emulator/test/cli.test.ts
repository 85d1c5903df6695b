import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';

const cli = fileURLToPath(new URL('../src/cli.ts', import.meta.url));
const children: ChildProcess[] = [];
afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
});

function run(args: string[]) {
  const child = spawn(process.execPath, ['--import', 'tsx', cli, ...args], {
    cwd: fileURLToPath(new URL('..', import.meta.url)),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk) => {
    stdout += chunk;
  });
  child.stderr?.on('data', (chunk) => {
    stderr += chunk;
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const printed = (pattern: RegExp) =>
    new Promise<RegExpMatchArray>((resolve, reject) => {
      const check = () => {
        const match = stdout.match(pattern);
        if (match) resolve(match);
      };
      child.stdout?.on('data', check);
      exited.then(() => reject(new Error(`exited before printing ${pattern}: ${stdout}${stderr}`)));
      check();
    });
  return { child, exited, printed, output: () => ({ stdout, stderr }) };
}

describe('bw-emulator CLI', () => {
  it('starts, prints URL and credentials, answers, and stops cleanly on SIGTERM', async () => {
    const process_ = run([
      '--port',
      '0',
      '--number',
      '+19195551212',
      '--number',
      '+19195551313',
      '--user-id',
      'u-cli',
      '--api-secret',
      's-cli',
    ]);
    const [, url] = await process_.printed(/listening on (http:\/\/127\.0\.0\.1:\d+)/);
    await process_.printed(/Press Ctrl\+C/);
    const { stdout } = process_.output();
    expect(stdout).toContain('userId:      u-cli');
    expect(stdout).toContain('apiToken:    t-emulator');
    expect(stdout).toContain('apiSecret:   s-cli');
    expect(stdout).toContain('+19195551212, +19195551313');
    expect(stdout).toContain(`console:     ${url}/_emulator/console/`);
    const page = await fetch(`${url}/_emulator/console/`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('/_emulator/console/assets/app.js');
    const script = await fetch(`${url}/_emulator/console/assets/app.js`);
    expect(script.headers.get('content-type')).toMatch(/^text\/javascript/);
    expect((await script.text()).length).toBeGreaterThan(1000);
    const auth = `Basic ${Buffer.from('t-emulator:s-cli').toString('base64')}`;
    const numbers = await fetch(`${url}/v1/users/u-cli/phoneNumbers`, {
      headers: { authorization: auth },
    });
    expect(numbers.status).toBe(200);
    expect(((await numbers.json()) as unknown[]).length).toBe(2);
    process_.child.kill('SIGTERM');
    expect(await process_.exited).toBe(0);
    expect(process_.output().stdout).toContain('SIGTERM received, stopping');
  }, 30_000);

  it('prints usage for --help and refuses bad options with exit code 2', async () => {
    const help = run(['--help']);
    const bad = run(['--port', 'abc']);
    const unknown = run(['--bogus']);
    expect(await help.exited).toBe(0);
    expect(help.output().stdout).toContain('Usage: bw-emulator');
    expect(await bad.exited).toBe(2);
    expect(bad.output().stderr).toContain('--port must be a number');
    expect(await unknown.exited).toBe(2);
  }, 30_000);

  it('--log-requests shows the password of a URL in a request line as [REDACTED]', async () => {
    const process_ = run(['--port', '0', '--log-requests', '--public-url', 'http://emu.test:9']);
    const [, url] = await process_.printed(/listening on (http:\/\/127\.0\.0\.1:\d+)/);
    const auth = `Basic ${Buffer.from('t-emulator:s-emulator').toString('base64')}`;
    const target = encodeURIComponent('http://hooks:log-secret@example.com/x');
    const listed = await fetch(`${url}/v1/users/u-emulator/applications?size=1&next=${target}`, {
      headers: { authorization: auth },
    });
    expect(listed.status).toBe(200);
    expect(listed.headers.get('link')).toMatch(/^<http:\/\/emu\.test:9\/v1\//);
    await process_.printed(/hooks%3A\[REDACTED\]%40example/);
    expect(process_.output().stdout).not.toContain('log-secret');
    process_.child.kill('SIGTERM');
    expect(await process_.exited).toBe(0);
  }, 30_000);
});
