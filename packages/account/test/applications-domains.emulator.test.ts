import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type Application, type Endpoint, NotFoundError } from '../src/index';
import { type AccountFixture, listOf, startAccountFixture } from './emulator';

let fixture: AccountFixture;

beforeAll(async () => {
  fixture = await startAccountFixture();
});
afterAll(() => fixture.close());

describe('applications', () => {
  test('create, list across pages, get, update partially and delete', async () => {
    const { client } = fixture;
    const ids: string[] = [];
    for (let n = 1; n <= 5; n++) {
      ids.push(
        await client.createApplication({
          name: `app-${n}`,
          incomingMessageUrl: `http://127.0.0.1:9/messages/${n}`,
          callbackHttpMethod: 'GET',
        }),
      );
    }
    const stored = listOf<Application>(await fixture.state(), 'applications');
    expect(stored.map((a) => a.id).sort()).toEqual([...ids].sort());

    const pages: Application[][] = [];
    for await (const page of client.listApplications({ size: 2 }).pages()) pages.push(page);
    expect(pages.map((page) => page.length)).toEqual([2, 2, 1]);
    expect(
      pages
        .flat()
        .map((a) => a.id)
        .sort(),
    ).toEqual([...ids].sort());

    const [firstId, secondId] = ids as [string, string];
    await expect(client.getApplication(firstId)).resolves.toMatchObject({
      id: firstId,
      name: 'app-1',
      incomingMessageUrl: 'http://127.0.0.1:9/messages/1',
      callbackHttpMethod: 'GET',
    });

    await client.updateApplication(firstId, {
      name: 'renamed',
      incomingCallUrl: 'http://127.0.0.1:9/calls',
      autoAnswer: false,
    });
    await expect(client.getApplication(firstId)).resolves.toMatchObject({
      name: 'renamed',
      incomingCallUrl: 'http://127.0.0.1:9/calls',
      incomingMessageUrl: 'http://127.0.0.1:9/messages/1',
      autoAnswer: false,
    });

    await client.deleteApplication(secondId);
    await expect(client.getApplication(secondId)).rejects.toBeInstanceOf(NotFoundError);
    const remaining = await client.listApplications().toArray();
    expect(remaining.map((a) => a.id)).not.toContain(secondId);
    expect(remaining).toHaveLength(4);
  });
});

describe('domains and endpoints', () => {
  test('domains: create, list across pages, get and delete', async () => {
    const { client } = fixture;
    const ids: string[] = [];
    for (let n = 1; n <= 5; n++) {
      ids.push(await client.createDomain({ name: `domain-${n}`, description: `office ${n}` }));
    }
    const listed = await client.listDomains({ size: 2 }).toArray();
    expect(listed.map((d) => d.id).sort()).toEqual([...ids].sort());
    let pages = 0;
    for await (const _ of client.listDomains({ size: 2 }).pages()) pages++;
    expect(pages).toBe(3);

    const [first, last] = [ids[0] as string, ids[4] as string];
    await expect(client.getDomain(first)).resolves.toMatchObject({
      id: first,
      name: 'domain-1',
      description: 'office 1',
    });
    await client.deleteDomain(last);
    await expect(client.getDomain(last)).rejects.toBeInstanceOf(NotFoundError);
    expect(listOf(await fixture.state(), 'domains')).toHaveLength(4);
  });

  test('endpoints: create, list across pages, get without password, update, token and delete', async () => {
    const { client } = fixture;
    const applicationId = await client.createApplication({
      name: 'sip',
      incomingCallUrl: 'http://127.0.0.1:9/sip',
    });
    const domainId = await client.createDomain({ name: 'sipdomain', description: 'sip' });
    const ids: string[] = [];
    for (let n = 1; n <= 5; n++) {
      ids.push(
        await client.createDomainEndpoint(domainId, {
          name: `user${n}`,
          description: `desk ${n}`,
          applicationId,
          credentials: { password: `secret-${n}-pass` },
        }),
      );
    }
    const pages: Endpoint[][] = [];
    for await (const page of client.listDomainEndpoints(domainId, { size: 2 }).pages()) {
      pages.push(page);
    }
    expect(pages.map((page) => page.length)).toEqual([2, 2, 1]);
    expect(
      pages
        .flat()
        .map((e) => e.id)
        .sort(),
    ).toEqual([...ids].sort());

    const id = ids[0] as string;
    const endpoint = await client.getDomainEndpoint(domainId, id);
    expect(endpoint).toMatchObject({
      id,
      name: 'user1',
      domainId,
      applicationId,
      enabled: true,
      credentials: { username: 'user1' },
    });
    expect(endpoint.sipUri).toMatch(/^sip:user1@|^user1@/);
    expect(JSON.stringify(endpoint)).not.toContain('secret-1-pass');

    await client.updateDomainEndpoint(domainId, id, { enabled: false, description: 'off' });
    await expect(client.getDomainEndpoint(domainId, id)).resolves.toMatchObject({
      enabled: false,
      description: 'off',
      applicationId,
    });

    const token = await client.createDomainEndpointAuthToken(domainId, id, { expires: 120 });
    expect(token.token).toMatch(/\S{8,}/);
    expect(token.expires).toBe(120);
    const defaultToken = await client.createDomainEndpointAuthToken(domainId, id);
    expect(defaultToken.token).not.toBe(token.token);

    await client.deleteDomainEndpoint(domainId, id);
    await expect(client.getDomainEndpoint(domainId, id)).rejects.toBeInstanceOf(NotFoundError);
    expect(await client.listDomainEndpoints(domainId).toArray()).toHaveLength(4);
  });
});
