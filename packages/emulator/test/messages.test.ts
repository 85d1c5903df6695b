import { describe, expect, it } from 'vitest';
import { emulator, idFrom, json, OWNED, OWNED_2, STRANGER } from './helpers';

interface Message {
  id: string;
  messageId: string;
  from: string;
  to: string;
  direction: string;
  text: string;
  media: string[];
  state: string;
  time: string;
  segmentCount: number;
  receiptRequested: string;
  deliveryState?: string;
}

describe('messages: sending', () => {
  it('sends one message: 201, absolute Location, empty body; GET shows it', async () => {
    const emu = await emulator();
    const response = await emu.api('POST', `${emu.base}/messages`, {
      from: OWNED,
      to: STRANGER,
      text: 'Hello',
      tag: 't1',
    });
    expect(response.status).toBe(201);
    expect(await response.text()).toBe('');
    const id = idFrom(response);
    expect(response.headers.get('location')).toBe(`${emu.url}${emu.base}/messages/${id}`);
    const message = await json<Message>(await emu.api('GET', `${emu.base}/messages/${id}`));
    expect(message).toMatchObject({
      id,
      messageId: id,
      from: OWNED,
      to: STRANGER,
      direction: 'out',
      text: 'Hello',
      media: [],
      segmentCount: 1,
      receiptRequested: 'none',
      tag: 't1',
    });
    expect(['queued', 'sending', 'sent']).toContain(message.state);
    expect(Date.parse(message.time)).toBeGreaterThan(Date.now() - 60_000);
    const missing = await emu.api('GET', `${emu.base}/messages/m-nope`);
    expect(missing.status).toBe(404);
    expect(await json(missing)).toMatchObject({
      code: 'message-not-found',
      message: 'The message m-nope could not be found',
    });
  });

  it('counts segments: 160 GSM characters are one, 161 are two; 71 unicode are two', async () => {
    const emu = await emulator();
    const segments = async (text: string) => {
      const id = idFrom(
        await emu.api('POST', `${emu.base}/messages`, { from: OWNED, to: STRANGER, text }),
      );
      return (await json<Message>(await emu.api('GET', `${emu.base}/messages/${id}`))).segmentCount;
    };
    expect(await segments('a'.repeat(160))).toBe(1);
    expect(await segments('a'.repeat(161))).toBe(2);
    expect(await segments('é'.repeat(70))).toBe(1);
    expect(await segments('ж'.repeat(71))).toBe(2);
  });

  it('answers the documented validation errors', async () => {
    const emu = await emulator();
    const send = async (body: unknown) => {
      const response = await emu.api('POST', `${emu.base}/messages`, body);
      return { status: response.status, ...(await json(response)) };
    };
    expect(await send({ to: STRANGER, text: 'x' })).toMatchObject({
      status: 400,
      category: 'bad-request',
      code: 'missing-property',
      message: "The 'message' resource property 'from' is required but was not specified",
    });
    expect(await send({ from: OWNED, to: '  ', text: 'x' })).toMatchObject({
      status: 400,
      code: 'blank-property',
      message:
        "The 'message' resource property 'to' must contain at least one non-whitespace character",
    });
    expect(await send({ from: OWNED, to: STRANGER })).toMatchObject({
      status: 400,
      code: 'missing-property',
    });
    expect(await send({ from: OWNED, to: STRANGER, text: ' ' })).toMatchObject({
      status: 400,
      code: 'blank-property',
    });
    expect(await send({ from: OWNED, to: '12345', text: 'x' })).toMatchObject({
      status: 400,
      code: 'validation-error',
      message: 'Invalid phone number',
    });
    expect(await send({ from: STRANGER, to: OWNED, text: 'x' })).toMatchObject({
      status: 401,
      category: 'authorization',
      code: 'number-access-denied',
      message: `User u-test does not have permission to use number ${STRANGER}`,
    });
    expect(await send({ from: OWNED, to: STRANGER, text: 'x'.repeat(2049) })).toMatchObject({
      status: 400,
      code: 'validation-error',
      message: "The 'message' resource property 'text' exceeds the limit of 2048",
    });
    expect(
      await send({
        from: OWNED,
        to: STRANGER,
        text: 'x',
        media: ['https://example.com/a.png'],
        receiptRequested: 'all',
      }),
    ).toMatchObject({ status: 400, code: 'validation-error' });
    expect(
      await send({ from: OWNED, to: STRANGER, text: 'x', receiptRequested: 'sometimes' }),
    ).toMatchObject({
      status: 400,
      code: 'validation-error',
    });
    expect(
      await send({ from: OWNED, to: STRANGER, text: 'x', media: ['ftp://example.com/a.png'] }),
    ).toMatchObject({
      status: 403,
      code: 'media-invalid-url',
    });
    expect(await send({ from: OWNED, to: STRANGER, text: 'x', callbackUrl: 'nope' })).toMatchObject(
      {
        status: 400,
        code: 'callback-invalid-url',
      },
    );
    expect(
      await send({ from: OWNED, to: STRANGER, text: 'x', fallbackUrl: 'http://x.test/f' }),
    ).toMatchObject({
      status: 400,
      code: 'validation-error',
    });
    expect(
      await send({
        from: OWNED,
        to: STRANGER,
        text: 'x',
        callbackUrl: 'http://x.test/c',
        callbackTimeout: 10001,
      }),
    ).toMatchObject({
      status: 400,
      code: 'validation-error',
    });
    expect(await send({ from: OWNED, to: STRANGER, text: 2048 })).toMatchObject({
      status: 400,
      code: 'validation-error',
    });
    // Nothing was stored by the failures.
    expect(await json<unknown[]>(await emu.api('GET', `${emu.base}/messages`))).toEqual([]);
  });

  it('sends an MMS with media and no text', async () => {
    const emu = await emulator();
    const id = idFrom(
      await emu.api('POST', `${emu.base}/messages`, {
        from: OWNED,
        to: STRANGER,
        media: 'https://example.com/cat.gif',
      }),
    );
    expect(await json(await emu.api('GET', `${emu.base}/messages/${id}`))).toMatchObject({
      text: '',
      media: ['https://example.com/cat.gif'],
      segmentCount: 1,
    });
  });

  it('sends a batch: 202 with one result per item, in order; more than 50 is 403 multi-message-limit', async () => {
    const emu = await emulator();
    const response = await emu.api('POST', `${emu.base}/messages`, [
      { from: OWNED, to: STRANGER, text: 'one' },
      { from: OWNED, to: ' ', text: 'two' },
      { from: STRANGER, to: OWNED, text: 'three' },
      { from: OWNED_2, to: STRANGER, text: 'four' },
    ]);
    expect(response.status).toBe(202);
    const results =
      await json<Array<{ result: string; location?: string; error?: Record<string, unknown> }>>(
        response,
      );
    expect(results.map((result) => result.result)).toEqual([
      'accepted',
      'error',
      'error',
      'accepted',
    ]);
    expect(results[1]?.error).toEqual({
      category: 'bad-request',
      code: 'blank-property',
      message:
        "The 'message' resource property 'to' must contain at least one non-whitespace character",
      details: [],
    });
    expect(results[2]?.error).toMatchObject({ code: 'number-access-denied' });
    const fourth = await json<Message>(
      await emu.api('GET', new URL(results[3]?.location ?? '').pathname),
    );
    expect(fourth.text).toBe('four');

    const tooMany = Array.from({ length: 51 }, () => ({ from: OWNED, to: STRANGER, text: 'x' }));
    const refused = await emu.api('POST', `${emu.base}/messages`, tooMany);
    expect(refused.status).toBe(403);
    expect(await json(refused)).toMatchObject({
      category: 'limit',
      code: 'multi-message-limit',
      message:
        'The number of messages [51] in the multi message request is greater than the limit [50].',
    });
    const fifty = await emu.api('POST', `${emu.base}/messages`, tooMany.slice(0, 50));
    expect(fifty.status).toBe(202);
    expect(await json<unknown[]>(fifty)).toHaveLength(50);
  });

  it('redacts with PATCH {"text":""} and refuses any other PATCH', async () => {
    const emu = await emulator();
    const id = idFrom(
      await emu.api('POST', `${emu.base}/messages`, {
        from: OWNED,
        to: STRANGER,
        text: 'secret plan',
      }),
    );
    expect((await emu.api('PATCH', `${emu.base}/messages/${id}`, { text: 'other' })).status).toBe(
      400,
    );
    expect(
      (await emu.api('PATCH', `${emu.base}/messages/${id}`, { text: '', tag: 'x' })).status,
    ).toBe(400);
    expect(await json(await emu.api('GET', `${emu.base}/messages/${id}`))).toMatchObject({
      text: 'secret plan',
    });
    const redacted = await emu.api('PATCH', `${emu.base}/messages/${id}`, { text: '' });
    expect(redacted.status).toBe(200);
    expect(await json(await emu.api('GET', `${emu.base}/messages/${id}`))).toMatchObject({
      text: '',
    });
    expect((await emu.api('PATCH', `${emu.base}/messages/m-nope`, { text: '' })).status).toBe(404);
  });
});

describe('messages: listing', () => {
  it('filters by from, to, direction, state and dates', async () => {
    const emu = await emulator();
    await emu.api('POST', `${emu.base}/messages`, { from: OWNED, to: STRANGER, text: 'a' });
    await emu.api('POST', `${emu.base}/messages`, { from: OWNED_2, to: STRANGER, text: 'b' });
    await emu.control.inboundMessage({ from: STRANGER, to: OWNED, text: 'c' });
    const list = async (query: string) =>
      (await json<Message[]>(await emu.api('GET', `${emu.base}/messages?${query}`))).map(
        (message) => message.text,
      );
    expect(await list('')).toEqual(['a', 'b', 'c']);
    expect(await list('sortOrder=desc')).toEqual(['c', 'b', 'a']);
    expect(await list(`from=${encodeURIComponent(OWNED_2)}`)).toEqual(['b']);
    expect(await list(`to=${encodeURIComponent(OWNED)}`)).toEqual(['c']);
    expect(await list('direction=in')).toEqual(['c']);
    expect(await list('state=received')).toEqual(['c']);
    const day = new Date().toISOString().slice(0, 10);
    expect(await list(`fromDateTime=${day}`)).toHaveLength(3);
    expect(await list(`toDateTime=${encodeURIComponent(`${day} 00:00:00`)}`)).toEqual([]);
    expect(await list('fromDateTime=2999-01-01%2000%3A00')).toEqual([]);
    expect((await emu.api('GET', `${emu.base}/messages?direction=sideways`)).status).toBe(400);
    expect((await emu.api('GET', `${emu.base}/messages?fromDateTime=yesterday`)).status).toBe(400);
    expect((await emu.api('GET', `${emu.base}/messages?size=1001`)).status).toBe(400);
  });

  it('pages with the sortKeyLT cursor (newest first) and sortKeyGT (oldest first) across pages', async () => {
    const emu = await emulator();
    const texts = Array.from({ length: 7 }, (_, index) => `m${index}`);
    for (const text of texts)
      await emu.api('POST', `${emu.base}/messages`, { from: OWNED, to: STRANGER, text });

    const walk = async (first: string, cursor: string) => {
      const seen: string[] = [];
      let next: string | undefined = first;
      let pages = 0;
      while (next) {
        const url = new URL(next, emu.url);
        const response = await emu.api('GET', url.pathname + url.search);
        expect(response.status).toBe(200);
        seen.push(...(await json<Message[]>(response)).map((message) => message.text));
        const link = response.headers.get('link');
        next = link ? /<([^>]+)>; rel="next"/.exec(link)?.[1] : undefined;
        if (next)
          expect(next).toMatch(new RegExp(`^${emu.url}${emu.base}/messages\\?.*${cursor}=\\d+`));
        pages++;
      }
      return { seen, pages };
    };
    const newestFirst = await walk(`${emu.base}/messages?size=3&sortOrder=desc`, 'sortKeyLT');
    expect(newestFirst).toEqual({ seen: [...texts].reverse(), pages: 3 });
    const oldestFirst = await walk(`${emu.base}/messages?size=3`, 'sortKeyGT');
    expect(oldestFirst).toEqual({ seen: texts, pages: 3 });
    const filtered = await walk(
      `${emu.base}/messages?size=2&direction=out&sortOrder=desc`,
      'sortKeyLT',
    );
    expect(filtered.seen).toHaveLength(7);
  });
});
