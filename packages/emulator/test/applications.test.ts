import { describe, expect, it } from 'vitest';
import { emulator, idFrom, json } from './helpers';

describe('applications', () => {
  it('creates (201 + absolute Location, empty body), gets, updates partially and deletes', async () => {
    const emu = await emulator();
    const created = await emu.api('POST', `${emu.base}/applications`, {
      name: 'MyFirstApp',
      incomingMessageUrl: 'http://example.com/messages',
      incomingCallUrl: 'http://example.com/calls',
    });
    expect(created.status).toBe(201);
    expect(await created.text()).toBe('');
    const id = idFrom(created);
    expect(created.headers.get('location')).toBe(`${emu.url}${emu.base}/applications/${id}`);

    expect(await json(await emu.api('GET', `${emu.base}/applications/${id}`))).toEqual({
      id,
      name: 'MyFirstApp',
      incomingMessageUrl: 'http://example.com/messages',
      incomingCallUrl: 'http://example.com/calls',
      callbackHttpMethod: 'POST',
      autoAnswer: true,
    });

    const updated = await emu.api('POST', `${emu.base}/applications/${id}`, {
      callbackHttpMethod: 'get',
      incomingCallUrl: '',
    });
    expect(updated.status).toBe(200);
    const after = await json(await emu.api('GET', `${emu.base}/applications/${id}`));
    expect(after).toMatchObject({ name: 'MyFirstApp', callbackHttpMethod: 'GET' });
    expect(after).not.toHaveProperty('incomingCallUrl');

    expect((await emu.api('DELETE', `${emu.base}/applications/${id}`)).status).toBe(200);
    const gone = await emu.api('GET', `${emu.base}/applications/${id}`);
    expect(gone.status).toBe(404);
    expect(await json(gone)).toMatchObject({
      category: 'not-found',
      code: 'application-not-found',
      message: `The application ${id} could not be found`,
    });
  });

  it('validates as §1.2 says', async () => {
    const emu = await emulator();
    const attempt = async (body: unknown) => {
      const response = await emu.api('POST', `${emu.base}/applications`, body);
      const text = await response.text();
      return { status: response.status, body: text ? JSON.parse(text) : undefined };
    };
    expect(await attempt({ incomingCallUrl: 'http://x.test/c' })).toMatchObject({
      status: 400,
      body: {
        code: 'missing-property',
        message: "The 'application' resource property 'name' is required but was not specified",
      },
    });
    expect(await attempt({ name: '  ', incomingCallUrl: 'http://x.test/c' })).toMatchObject({
      status: 400,
      body: { code: 'blank-property' },
    });
    expect(await attempt({ name: 'a' })).toMatchObject({
      status: 400,
      body: {
        code: 'validation-error',
        message: 'Your application must have a least one callback URL.',
      },
    });
    expect(
      await attempt({
        name: 'a',
        incomingMessageUrl: 'http://x.test/m',
        incomingCallFallbackUrl: 'http://x.test/f',
      }),
    ).toMatchObject({
      status: 400,
      body: {
        message: 'Your application must have a call callback URL in order to have a fallback URL.',
      },
    });
    expect(
      await attempt({
        name: 'a',
        incomingMessageUrl: 'http://x.test/m',
        incomingMessageUrlCallbackTimeout: 10001,
      }),
    ).toMatchObject({
      status: 400,
      body: { message: 'Incoming SMS callback timeout must not surpass 10000' },
    });
    expect(
      await attempt({
        name: 'a',
        incomingCallUrl: 'http://x.test/c',
        incomingCallUrlCallbackTimeout: 0,
      }),
    ).toMatchObject({
      status: 400,
      body: { message: 'Incoming Call callback timeout must be greater than 0' },
    });
    expect(await attempt({ name: 'a', incomingCallUrl: 'not a url' })).toMatchObject({
      status: 400,
      body: { code: 'callback-invalid-url' },
    });
    expect(
      await attempt({ name: 'a', incomingCallUrl: 'http://x.test/c', callbackHttpMethod: 'PUT' }),
    ).toMatchObject({
      status: 400,
      body: { code: 'validation-error' },
    });
    expect(
      await attempt({
        name: 'a',
        incomingCallUrl: 'http://x.test/c',
        incomingCallUrlCallbackTimeout: 10000,
      }),
    ).toMatchObject({
      status: 201,
    });
  });

  it('does not change an application when an update is invalid', async () => {
    const emu = await emulator();
    const id = idFrom(
      await emu.api('POST', `${emu.base}/applications`, {
        name: 'keep',
        incomingMessageUrl: 'http://x.test/m',
      }),
    );
    const failed = await emu.api('POST', `${emu.base}/applications/${id}`, {
      name: 'changed',
      incomingMessageUrl: '',
    });
    expect(failed.status).toBe(400);
    expect(await json(await emu.api('GET', `${emu.base}/applications/${id}`))).toMatchObject({
      name: 'keep',
      incomingMessageUrl: 'http://x.test/m',
    });
  });

  it('lists with page/size and Link rel="first"/rel="next" until the last page', async () => {
    const emu = await emulator();
    for (let index = 0; index < 5; index++) {
      await emu.api('POST', `${emu.base}/applications`, {
        name: `app-${index}`,
        incomingCallUrl: 'http://x.test/c',
      });
    }
    const first = await emu.api('GET', `${emu.base}/applications?size=2`);
    expect(first.headers.get('link')).toBe(
      `<${emu.url}${emu.base}/applications?size=2&page=0>; rel="first", <${emu.url}${emu.base}/applications?size=2&page=1>; rel="next"`,
    );
    expect((await json<Array<{ name: string }>>(first)).map((app) => app.name)).toEqual([
      'app-0',
      'app-1',
    ]);
    const last = await emu.api('GET', `${emu.base}/applications?size=2&page=2`);
    expect(last.headers.get('link')).not.toContain('rel="next"');
    expect((await json<Array<{ name: string }>>(last)).map((app) => app.name)).toEqual(['app-4']);
    const all = await json<unknown[]>(await emu.api('GET', `${emu.base}/applications`));
    expect(all).toHaveLength(5);
    const tooBig = await emu.api('GET', `${emu.base}/applications?size=1001`);
    expect(tooBig.status).toBe(400);
    expect(await json(tooBig)).toMatchObject({ code: 'validation-error' });
  });
});
