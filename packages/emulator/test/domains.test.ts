import { describe, expect, it } from 'vitest';
import { emulator, idFrom, json } from './helpers';

describe('domains', () => {
  it('creates (201 + Location), gets, lists and deletes domains', async () => {
    const emu = await emulator();
    const created = await emu.api('POST', `${emu.base}/domains`, {
      name: 'acme',
      description: 'Acme SIP',
    });
    expect(created.status).toBe(201);
    const id = idFrom(created);
    expect(id).toMatch(/^dom-/);
    expect(created.headers.get('location')).toBe(`${emu.url}${emu.base}/domains/${id}`);
    const domain = await json(await emu.api('GET', `${emu.base}/domains/${id}`));
    expect(domain).toEqual({
      id,
      name: 'acme',
      description: 'Acme SIP',
      endpoints: `${emu.url}${emu.base}/domains/${id}/endpoints`,
    });
    expect(await json(await emu.api('GET', `${emu.base}/domains`))).toEqual([domain]);
    expect((await emu.api('DELETE', `${emu.base}/domains/${id}`)).status).toBe(200);
    const gone = await emu.api('GET', `${emu.base}/domains/${id}`);
    expect(gone.status).toBe(404);
    expect(await json(gone)).toMatchObject({ code: 'domain-not-found' });
  });

  it('requires name and description, keeps names unique and stops at 100 domains', async () => {
    const emu = await emulator();
    const post = (body: unknown) => emu.api('POST', `${emu.base}/domains`, body);
    expect(await json(await post({ description: 'd' }))).toMatchObject({
      code: 'missing-property',
    });
    expect(await json(await post({ name: 'x' }))).toMatchObject({ code: 'missing-property' });
    expect((await post({ name: 'bad name!', description: 'd' })).status).toBe(400);
    expect((await post({ name: 'dupe', description: 'd' })).status).toBe(201);
    const duplicate = await post({ name: 'DUPE', description: 'd' });
    expect(duplicate.status).toBe(409);
    const statuses = await Promise.all(
      Array.from({ length: 99 }, (_, index) =>
        post({ name: `d${index + 1}`, description: 'd' }).then((response) => response.status),
      ),
    );
    expect(new Set(statuses)).toEqual(new Set([201]));
    const over = await post({ name: 'one-too-many', description: 'd' });
    expect(over.status).toBe(400);
    expect(await json(over)).toMatchObject({ code: 'validation-error' });
    const all = await emu.api('GET', `${emu.base}/domains?size=100`);
    expect(await json<unknown[]>(all)).toHaveLength(100);
    expect(all.headers.get('link')).not.toContain('rel="next"');
    expect((await emu.api('GET', `${emu.base}/domains?size=101`)).status).toBe(400);
  });
});

describe('endpoints', () => {
  it('creates with generated sipUri/realm/username, never returns the password, updates and deletes', async () => {
    const emu = await emulator();
    const domainId = idFrom(
      await emu.api('POST', `${emu.base}/domains`, { name: 'doname', description: 'd' }),
    );
    const appId = idFrom(
      await emu.api('POST', `${emu.base}/applications`, {
        name: 'a',
        incomingCallUrl: 'http://x.test/c',
      }),
    );
    const path = `${emu.base}/domains/${domainId}/endpoints`;
    const created = await emu.api('POST', path, {
      name: 'jsmith-mobile',
      description: 'John',
      applicationId: appId,
      credentials: { password: 'secret-pw-1' },
    });
    expect(created.status).toBe(201);
    const id = idFrom(created);
    expect(created.headers.get('location')).toBe(`${emu.url}${path}/${id}`);
    const response = await emu.api('GET', `${path}/${id}`);
    const text = await response.text();
    expect(text).not.toContain('secret-pw-1');
    expect(JSON.parse(text)).toEqual({
      id,
      domainId,
      name: 'jsmith-mobile',
      description: 'John',
      applicationId: appId,
      enabled: true,
      sipUri: 'jsmith-mobile@doname.bwapp.bwsipp.io',
      credentials: { realm: 'doname.bwapp.bwsipp.io', username: 'jsmith-mobile' },
    });
    expect(JSON.stringify(await emu.control.state())).not.toContain('secret-pw-1');

    expect(
      (
        await emu.api('POST', `${path}/${id}`, {
          enabled: false,
          description: 'Off',
          credentials: { password: 'another-pw' },
        })
      ).status,
    ).toBe(200);
    expect(await json(await emu.api('GET', `${path}/${id}`))).toMatchObject({
      enabled: false,
      description: 'Off',
      name: 'jsmith-mobile',
    });
    expect((await emu.api('POST', `${path}/${id}`, { name: 'renamed' })).status).toBe(400);
    expect(await json<unknown[]>(await emu.api('GET', path))).toHaveLength(1);

    expect((await emu.api('DELETE', `${path}/${id}`)).status).toBe(200);
    const gone = await emu.api('GET', `${path}/${id}`);
    expect(gone.status).toBe(404);
    expect(await json(gone)).toMatchObject({ code: 'endpoint-not-found' });
  });

  it('validates name uniqueness, password length and the domain', async () => {
    const emu = await emulator();
    const domainId = idFrom(
      await emu.api('POST', `${emu.base}/domains`, { name: 'dom', description: 'd' }),
    );
    const path = `${emu.base}/domains/${domainId}/endpoints`;
    expect(
      (await emu.api('POST', path, { name: 'a', credentials: { password: '123456' } })).status,
    ).toBe(201);
    const duplicate = await emu.api('POST', path, {
      name: 'a',
      credentials: { password: '123456' },
    });
    expect(duplicate.status).toBe(409);
    const short = await emu.api('POST', path, { name: 'b', credentials: { password: '12345' } });
    expect(short.status).toBe(400);
    expect(await short.text()).not.toContain('12345"');
    const noCredentials = await emu.api('POST', path, { name: 'c' });
    expect(await json(noCredentials)).toMatchObject({ code: 'missing-property' });
    const unknownDomain = await emu.api('POST', `${emu.base}/domains/dom-nope/endpoints`, {
      name: 'd',
      credentials: { password: '123456' },
    });
    expect(unknownDomain.status).toBe(404);
  });

  it('issues endpoint tokens: 201 with { token, expires }', async () => {
    const emu = await emulator();
    const domainId = idFrom(
      await emu.api('POST', `${emu.base}/domains`, { name: 'tok', description: 'd' }),
    );
    const path = `${emu.base}/domains/${domainId}/endpoints`;
    const id = idFrom(
      await emu.api('POST', path, { name: 'ep', credentials: { password: '123456' } }),
    );
    const withDefault = await emu.api('POST', `${path}/${id}/tokens`, {});
    expect(withDefault.status).toBe(201);
    const token = await json<{ token: string; expires: number }>(withDefault);
    expect(token.expires).toBe(3600);
    expect(token.token.length).toBeGreaterThan(20);
    const custom = await json<{ token: string; expires: number }>(
      await emu.api('POST', `${path}/${id}/tokens`, { expires: 60 }),
    );
    expect(custom.expires).toBe(60);
    expect(custom.token).not.toBe(token.token);
    expect((await emu.api('POST', `${path}/${id}/tokens`, { expires: 0 })).status).toBe(400);
    expect((await emu.api('POST', `${path}/re-nope/tokens`, {})).status).toBe(404);
  });
});
