import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  REDIS_SETUP_TIMEOUT_MS,
  startRedis,
  type TestRedis,
} from '../../../packages/bulk/test/redis';
import { readArgs, runCampaign } from '../src/index';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../../..');
const SENDERS = ['+19195550100', '+19195550101', '+19195550102'];
let dir: string;
let csv: string;

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'bulk-send-'));
  csv = path.join(dir, 'list.csv');
  const rows = Array.from(
    { length: 40 },
    (_, index) => `r-${index},+1404555${String(index).padStart(4, '0')},"Ann ${index}, Jr."`,
  );
  writeFileSync(csv, `key,to,name\n${rows.join('\n')}\n`);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('bulk-send', () => {
  it('reads its command line and refuses what it cannot do', () => {
    expect(
      readArgs(['--csv', 'a.csv', '--senders', '+19195550100, +19195550101', '--text', 'Hi']),
    ).toMatchObject({
      csv: 'a.csv',
      senders: ['+19195550100', '+19195550101'],
      workers: 1,
      perNumberRate: 1,
    });
    expect(() => readArgs(['--senders', '+19195550100'])).toThrow(/--csv is required/);
    expect(() => readArgs(['--csv', 'a.csv'])).toThrow(/--senders is required/);
    expect(() => readArgs(['--csv', 'a.csv', '--senders', '+1', '--workers', '3'])).toThrow(
      /--workers needs --redis/,
    );
  });

  it('sends a CSV campaign to an embedded emulator when no credentials are set, inside its limits', async () => {
    const seen: number[] = [];
    const outcome = await runCampaign({
      ...readArgs([
        '--csv',
        csv,
        '--senders',
        SENDERS.join(','),
        '--text',
        'Hello {name}',
        '--per-number-rate',
        '20',
        '--account-rate',
        '60',
      ]),
      env: {},
      onProgress: (progress) => seen.push(progress.done),
    });
    expect(outcome.target).toMatch(/^embedded emulator/);
    expect(outcome.report.counts).toMatchObject({ sent: 40, failed: 0, unknown: 0 });
    expect(outcome.limitAnswers).toBe(0);
    expect(seen.length).toBeGreaterThan(0);
  });

  describe('with Redis', () => {
    let redis: TestRedis;
    beforeAll(async () => {
      redis = await startRedis();
    }, REDIS_SETUP_TIMEOUT_MS);
    afterAll(async () => {
      await redis?.stop();
    });

    it('runs the CLI with 2 worker processes sharing the campaign through Redis', async () => {
      const { stdout } = await promisify(execFile)(
        process.execPath,
        [
          '--import',
          'tsx',
          path.join(here, '../src/main.ts'),
          '--csv',
          csv,
          '--senders',
          SENDERS.join(','),
          '--text',
          'Hi {name}',
          '--redis',
          redis.url,
          '--workers',
          '2',
          '--per-number-rate',
          '20',
          '--account-rate',
          '60',
          '--name',
          'cli',
        ],
        {
          cwd: root,
          env: { ...process.env, BANDWIDTH_API_TOKEN: '', BANDWIDTH_BASE_URL: '' },
          timeout: 90_000,
        },
      );
      expect(stdout).toContain('40 recipients');
      expect(stdout).toMatch(/sent 40, failed 0, opted-out 0, unknown 0/);
      expect(stdout).toContain('limit answers from the API: 0');
    });
  });
});
