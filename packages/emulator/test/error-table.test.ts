// Walks the error table of the API reference (§4.2) and provokes every error code the emulator
// answers with: each must come with the status and category the table gives it, and a message
// a user can read. The list of codes the emulator can produce is read from its source, so a new
// code without a case here fails the test.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { emulator } from './helpers';
import { idFrom, json, OWNED, STRANGER, useVoiceBench, type VoiceBench } from './voice-kit';

const REFERENCE = fileURLToPath(new URL('../../../../shared/api/catapult-v1.md', import.meta.url));
const SOURCE = fileURLToPath(new URL('../src', import.meta.url));

interface Expected {
  status: number;
  category: string;
}

/** `code → { status, category }` from the bold lines of §4.2 (`**403 limit**: \`a\`, \`b\` …`). */
function readErrorTable(): Map<string, Expected> {
  const text = readFileSync(REFERENCE, 'utf8');
  const section = text.slice(text.indexOf('### 4.2'), text.indexOf('## 5.'));
  const categories = new Map<number, string[]>();
  const header = /HTTP status by category[^:]*:([^\n]+)/.exec(section)?.[1] ?? '';
  for (const match of header.matchAll(/(\d{3}) ([a-z-]+(?: \/ [a-z-]+)*)/g)) {
    categories.set(Number(match[1]), (match[2] as string).split(' / '));
  }
  const table = new Map<string, Expected>();
  for (const line of section.split('\n')) {
    for (const part of line.split(/(?=\*\*\d{3})/)) {
      const head = /^\*\*(\d{3})(?: ([a-z-]+))?\*\*:/.exec(part);
      if (!head) continue;
      const status = Number(head[1]);
      const category = head[2] ?? categories.get(status)?.[0];
      if (!category) throw new Error(`no category for ${status} in §4.2`);
      for (const code of part.matchAll(/`([a-zA-Z-]+)`/g)) {
        const name = code[1] as string;
        // `too-many-requests` / `rate-limit-reached`: the first is the 429's category.
        if (name !== category) table.set(name, { status, category });
      }
    }
  }
  return table;
}

/** Codes the emulator answers with outside the table (newer resources), with their class. */
const BEYOND_TABLE: Record<string, Expected> = {
  'domain-not-found': { status: 404, category: 'not-found' },
  'endpoint-not-found': { status: 404, category: 'not-found' },
  'duplicate-domain': { status: 409, category: 'conflict' },
  'duplicate-endpoint': { status: 409, category: 'conflict' },
  'message-rate-limit-per-tn': { status: 403, category: 'limit' },
  'message-rate-limit-overall': { status: 403, category: 'limit' },
};

/** Every error code a route or hook of the API or control API can throw, read from the source. */
function codesInSource(): Set<string> {
  const codes = new Set<string>();
  const walk = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
      entry.isDirectory() ? walk(join(dir, entry.name)) : [join(dir, entry.name)],
    );
  // The web console's own refusals (cross-origin, not built) belong to its tests.
  const files = walk(SOURCE).filter((file) => !file.includes(`${join('src', 'console')}`));
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    for (const match of text.matchAll(/apiError\(\s*\d{3},\s*'[a-z-]+',\s*([^,]+),/g)) {
      // The literals a code argument can evaluate to (`kind === 'x' ? 'a' : 'b'` gives a, b).
      for (const literal of (match[1] as string).matchAll(/(?<!=== )'([a-zA-Z-]+)'/g)) {
        codes.add(literal[1] as string);
      }
    }
    for (const match of text.matchAll(/notFound\(\s*'([a-zA-Z-]+)'/g))
      codes.add(match[1] as string);
  }
  return codes;
}

type Provoke = (bench: VoiceBench) => Promise<Response>;

const bench = useVoiceBench();
const table = readErrorTable();

const messages = (body: unknown) => bench.call('POST', '/messages', body);
const completedCall = async (b: VoiceBench) => {
  const callId = await b.activeCall();
  await b.emu.control.hangupCall(callId);
  await b.waitEvent({ callId, eventType: 'hangup' });
  return callId;
};
const conference = async (b: VoiceBench) =>
  idFrom(await b.call('POST', '/conferences', { from: OWNED }));

/** One request (after any setup) that the emulator must refuse with the code. */
const CASES: Record<string, Provoke> = {
  // 400
  'validation-error': () => messages({ from: OWNED, to: '12345', text: 'x' }),
  'missing-property': () => messages({ from: OWNED, text: 'x' }),
  'blank-property': (b) => b.call('POST', '/applications', { name: '   ' }),
  'callback-invalid-url': () =>
    messages({ from: OWNED, to: STRANGER, text: 'x', callbackUrl: 'not a url' }),
  'invalid-zip-code': (b) => b.api('GET', '/v1/availableNumbers/local?zip=12'),
  'invalid-available-number-search': (b) => b.api('GET', '/v1/availableNumbers/local?quantity=3'),
  'invalid-available-number-search-order': (b) =>
    b.api('POST', '/v1/availableNumbers/local?areaCode=919&quantity=11'),
  'bridge-invalid-state': async (b) =>
    b.call('POST', '/bridges', { callIds: [await completedCall(b)] }),
  'bridge-bridged-callId': async (b) => {
    const [x, y, z] = [await b.activeCall(), await b.activeCall(), await b.activeCall()];
    await b.call('POST', '/bridges', { callIds: [x, y] });
    return b.call('POST', '/bridges', { callIds: [x, z] });
  },
  'bridge-invalid-operation': async (b) => {
    const bridge = idFrom(await b.call('POST', '/bridges', { callIds: [await b.createCall()] }));
    return b.call('POST', `/bridges/${bridge}/audio`, { sentence: 'nobody hears this' });
  },
  // 401
  'user-access-denied': (b) => b.api('GET', '/v1/users/u-someone-else/account'),
  'number-access-denied': () => messages({ from: STRANGER, to: OWNED, text: 'x' }),
  // 403
  'insufficient-available-balance': async () => {
    const poor = await emulator({
      users: [
        {
          userId: 'u-test',
          apiToken: 't-test',
          apiSecret: 's-test',
          numbers: [OWNED],
          balance: '0',
        },
      ],
    });
    return poor.api('POST', `${poor.base}/messages`, { from: OWNED, to: STRANGER, text: 'x' });
  },
  'bridge-callIds-overflow': async (b) =>
    b.call('POST', '/bridges', {
      callIds: [await b.activeCall(), await b.activeCall(), await b.activeCall()],
    }),
  'call-audio-invalid-state': async (b) =>
    b.call('POST', `/calls/${await b.createCall()}/audio`, { sentence: 'too early' }),
  'call-invalid-state': async (b) =>
    b.call('POST', `/calls/${await completedCall(b)}`, { state: 'completed' }),
  'conference-error': async (b) => {
    const conferenceId = await conference(b);
    await b.call('POST', `/conferences/${conferenceId}`, { state: 'completed' });
    return b.call('POST', '/calls', { from: OWNED, to: STRANGER, conferenceId });
  },
  'invalid-call-conference-id': async (b) =>
    b.call('POST', `/conferences/${await conference(b)}/members`, { callId: await b.activeCall() }),
  'invalid-call-to-number': (b) =>
    b.call('POST', '/calls', { from: OWNED, to: 'sips:someone@example.com' }),
  'invalid-cnam-search': (b) => b.api('GET', '/v1/phoneNumbers/numberInfo/4045550100'),
  'invalid-rate-center': (b) => b.api('GET', '/v1/availableNumbers/local?state=NC&city=Atlantis'),
  'invalid-recording-state': async (b) => {
    const callId = await b.activeCall({ recordingEnabled: true });
    const [running] = await json<Array<{ id: string }>>(
      await b.call('GET', `/calls/${callId}/recordings`),
    );
    return b.call('POST', `/recordings/${running?.id}/transcriptions`, {});
  },
  'maximum-recording-value-request': (b) =>
    b.call('POST', '/calls', { from: OWNED, to: STRANGER, recordingMaxDuration: 100_000 }),
  'media-invalid-url': () =>
    messages({ from: OWNED, to: STRANGER, text: 'x', media: ['ftp://example.com/a.png'] }),
  'media-size-overflow': (b) => fetchRaw(b, 'big.mp4', String(65 * 1024 * 1024 + 1)),
  'conference-max-members': async (b) => {
    const conferenceId = await conference(b);
    for (let index = 0; index < 20; index++) {
      const callId = await b.activeCall({ conferenceId });
      await b.call('POST', `/conferences/${conferenceId}/members`, { callId });
    }
    const extra = await b.activeCall({ conferenceId });
    return b.call('POST', `/conferences/${conferenceId}/members`, { callId: extra });
  },
  'multi-message-limit': () =>
    messages(Array.from({ length: 51 }, () => ({ from: OWNED, to: STRANGER, text: 'x' }))),
  'message-rate-limit-overall': async (b) => {
    await b.emu.control.setRateLimits({ messages: { perAccount: { limit: 0, windowMs: 60_000 } } });
    return messages({ from: OWNED, to: STRANGER, text: 'x' });
  },
  'message-rate-limit-per-tn': async (b) => {
    await b.emu.control.setRateLimits({ messages: { perNumber: { limit: 0, windowMs: 60_000 } } });
    return messages({ from: OWNED, to: STRANGER, text: 'x' });
  },
  'call-rate-limit': async (b) => {
    await b.emu.control.setRateLimits({ calls: { perAccount: { limit: 0, windowMs: 60_000 } } });
    return b.call('POST', '/calls', { from: OWNED, to: STRANGER });
  },
  // 404
  'resource-not-found': (b) => b.call('GET', '/nothing-here'),
  'order-number-quantity-unavailable': async () => {
    // 995 of the 1000 numbers +19195551xxx are taken: an order of 10 cannot be filled.
    const numbers = Array.from(
      { length: 995 },
      (_, index) => `+19195551${String(index).padStart(3, '0')}`,
    );
    const crowded = await emulator({
      users: [{ userId: 'u-test', apiToken: 't-test', apiSecret: 's-test', numbers }],
    });
    return crowded.api(
      'POST',
      '/v1/availableNumbers/local?areaCode=919&localNumber=5551&quantity=10',
    );
  },
  'user-not-found': (b) => fetch(`${b.emu.url}/_emulator/state?userId=u-nobody`),
  'application-not-found': (b) => b.call('GET', '/applications/a-nope'),
  'bridge-not-found': (b) => b.call('GET', '/bridges/brg-nope'),
  'call-not-found': (b) => b.call('GET', '/calls/c-nope'),
  'conference-not-found': (b) => b.call('GET', '/conferences/conf-nope'),
  'conference-member-not-found': async (b) =>
    b.call('GET', `/conferences/${await conference(b)}/members/member-nope`),
  'domain-not-found': (b) => b.call('GET', '/domains/rd-nope'),
  'endpoint-not-found': async (b) => {
    const domain = idFrom(
      await b.call('POST', '/domains', { name: 'table-test', description: 'd' }),
    );
    return b.call('GET', `/domains/${domain}/endpoints/re-nope`);
  },
  'media-not-found': (b) => b.call('GET', '/media/nope.png'),
  'message-not-found': (b) => b.call('GET', '/messages/m-nope'),
  'number-not-found': (b) => b.call('GET', '/phoneNumbers/n-nope'),
  'recording-not-found': (b) => b.call('GET', '/recordings/rec-nope'),
  'transcription-not-found': async (b) => {
    const callId = await b.activeCall({ recordingEnabled: true });
    const [running] = await json<Array<{ id: string }>>(
      await b.call('GET', `/calls/${callId}/recordings`),
    );
    return b.call('GET', `/recordings/${running?.id}/transcriptions/tr-nope`);
  },
  'user-error-not-found': (b) => b.call('GET', '/errors/ue-nope'),
  // 409
  'call-duplicate-gather-error': async (b) => {
    const callId = await b.activeCall();
    await b.call('POST', `/calls/${callId}/gather`, { maxDigits: 1, interDigitTimeout: 30 });
    return b.call('POST', `/calls/${callId}/gather`, { maxDigits: 1 });
  },
  'conference-member-update-conflict': async (b) => {
    const conferenceId = await conference(b);
    const callId = await b.activeCall({ conferenceId });
    await b.call('POST', `/conferences/${conferenceId}/members`, { callId });
    return b.call('POST', `/conferences/${conferenceId}/members`, { callId });
  },
  'conflicted-recording-values-request': async (b) =>
    b.call('POST', `/calls/${await b.activeCall({ recordingEnabled: true })}`, {
      recordingFileFormat: 'mp3',
    }),
  'duplicate-domain': async (b) => {
    await b.call('POST', '/domains', { name: 'twice', description: 'd' });
    return b.call('POST', '/domains', { name: 'twice', description: 'd' });
  },
  'duplicate-endpoint': async (b) => {
    const domain = idFrom(
      await b.call('POST', '/domains', { name: 'endpoints', description: 'd' }),
    );
    const endpoint = { name: 'desk', credentials: { password: 'p4ssword-long' } };
    await b.call('POST', `/domains/${domain}/endpoints`, endpoint);
    return b.call('POST', `/domains/${domain}/endpoints`, endpoint);
  },
  'duplicate-number': (b) => b.call('POST', '/phoneNumbers', { number: OWNED }),
  // 429
  'rate-limit-reached': async (b) => {
    await b.emu.control.setRateLimits({
      resources: { account: { limit: 0, windowMs: 60_000 } },
    });
    return b.call('GET', '/account');
  },
  // 503
  'internal-error': async (b) => {
    await b.emu.control.setFaults([{ type: 'status', path: '/v1/users/*/account', status: 503 }]);
    return b.call('GET', '/account');
  },
};

function authorization(): string {
  return `Basic ${Buffer.from('t-test:s-test').toString('base64')}`;
}

/** A media upload that announces a body it never sends (fetch would compute its own length). */
async function fetchRaw(b: VoiceBench, name: string, contentLength: string): Promise<Response> {
  const { request } = await import('node:http');
  const url = new URL(`${b.emu.url}${b.base}/media/${name}`);
  return new Promise((resolve, reject) => {
    const outgoing = request(url, {
      method: 'PUT',
      headers: {
        authorization: authorization(),
        'content-type': 'image/png',
        'content-length': contentLength,
      },
    });
    outgoing.on('response', (incoming) => {
      const chunks: Buffer[] = [];
      incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
      incoming.on('end', () =>
        resolve(new Response(Buffer.concat(chunks), { status: incoming.statusCode ?? 0 })),
      );
    });
    outgoing.on('error', reject);
    outgoing.flushHeaders();
  });
}

describe('the API error table (reference §4.2)', () => {
  it('is read from the reference', () => {
    expect(table.get('number-access-denied')).toEqual({ status: 401, category: 'authorization' });
    expect(table.get('call-rate-limit')).toEqual({ status: 403, category: 'limit' });
    expect(table.get('insufficient-available-balance')).toEqual({
      status: 403,
      category: 'credit',
    });
    expect(table.get('rate-limit-reached')).toEqual({ status: 429, category: 'too-many-requests' });
    expect(table.size).toBeGreaterThan(100);
  });

  it('has a case for every code the emulator can answer with', () => {
    const missing = [...codesInSource()].filter((code) => !(code in CASES));
    expect(missing).toEqual([]);
  });

  it.each(Object.keys(CASES))(
    '%s: status, category and message as the table says',
    async (code) => {
      const expected = table.get(code) ?? BEYOND_TABLE[code];
      expect(expected, `${code} is neither in the table nor listed beyond it`).toBeDefined();
      const response = await (CASES[code] as Provoke)(bench);
      const text = await response.text();
      expect(response.status, text).toBe(expected?.status);
      const body = JSON.parse(text) as Record<string, unknown>;
      expect(body).toMatchObject({ category: expected?.category, code });
      expect(Array.isArray(body.details)).toBe(true);
      if (expected?.status === 429) {
        // The reference documents the 429 body without a message.
        expect(body.message).toBeUndefined();
      } else {
        expect(body.message).toEqual(expect.any(String));
        expect(String(body.message)).toMatch(/\S{2,}/);
        expect(String(body.message)).not.toMatch(/undefined|\[object Object\]|NaN/);
      }
    },
  );

  it('answers 401 number-access-denied for a batch item from a number the user does not own', async () => {
    const response = await messages([
      { from: OWNED, to: STRANGER, text: 'mine' },
      { from: STRANGER, to: OWNED, text: 'not mine' },
    ]);
    expect(response.status).toBe(202);
    const results =
      await json<Array<{ result: string; error?: Record<string, unknown> }>>(response);
    expect(results[1]).toMatchObject({
      result: 'error',
      error: { category: 'authorization', code: 'number-access-denied' },
    });
  });
});
