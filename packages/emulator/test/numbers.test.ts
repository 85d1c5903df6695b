import { describe, expect, it } from 'vitest';
import { emulator, idFrom, json, OWNED } from './helpers';

interface Available {
  number: string;
  nationalNumber: string;
  city?: string;
  state?: string;
  rateCenter?: string;
  lata?: string;
  price: string;
}

describe('available numbers', () => {
  it('searches local numbers honouring areaCode, localNumber, state, city, zip and quantity', async () => {
    const emu = await emulator();
    const search = async (query: string) => {
      const response = await emu.api('GET', `/v1/availableNumbers/local?${query}`);
      expect(response.status).toBe(200);
      return json<Available[]>(response);
    };
    const byArea = await search('areaCode=415&quantity=7');
    expect(byArea).toHaveLength(7);
    for (const entry of byArea) {
      expect(entry.number).toMatch(/^\+1415[2-9]\d{6}$/);
      expect(entry).toMatchObject({
        city: 'SAN FRANCISCO',
        state: 'CA',
        rateCenter: 'SAN FRANCISCO',
      });
      expect(entry.nationalNumber).toBe(
        `(415) ${entry.number.slice(5, 8)}-${entry.number.slice(8)}`,
      );
    }
    expect(new Set(byArea.map((entry) => entry.number)).size).toBe(7);

    expect(await search('areaCode=415&quantity=7')).toEqual(byArea);
    expect(await search('areaCode=919')).toHaveLength(10);
    for (const entry of await search('areaCode=919&localNumber=555')) {
      expect(entry.number.startsWith('+1919555')).toBe(true);
    }
    for (const entry of await search('state=NC&city=cary&quantity=5')) {
      expect(entry).toMatchObject({ city: 'CARY', state: 'NC' });
      expect(entry.number.startsWith('+1919')).toBe(true);
    }
    for (const entry of await search('state=tx&quantity=20')) expect(entry.state).toBe('TX');
    for (const entry of await search('zip=27606&quantity=3'))
      expect(entry).toMatchObject({ city: 'RALEIGH', state: 'NC' });
  });

  it('honours patterns: ? is one digit, * any digits, letters as on a keypad', async () => {
    const emu = await emulator();
    const ending = await json<Available[]>(
      await emu.api(
        'GET',
        `/v1/availableNumbers/local?areaCode=919&pattern=${encodeURIComponent('*1234')}&quantity=5`,
      ),
    );
    expect(ending.length).toBeGreaterThan(0);
    for (const entry of ending) expect(entry.number).toMatch(/^\+1919\d{3}1234$/);
    const middle = await json<Available[]>(
      await emu.api(
        'GET',
        `/v1/availableNumbers/local?areaCode=919&pattern=${encodeURIComponent('*2?9*')}&quantity=5`,
      ),
    );
    expect(middle).toHaveLength(5);
    for (const entry of middle) expect(entry.number.slice(2)).toMatch(/2\d9/);
    const word = await json<Available[]>(
      await emu.api(
        'GET',
        `/v1/availableNumbers/tollFree?pattern=${encodeURIComponent('*CAKE')}&quantity=3`,
      ),
    );
    expect(word).toHaveLength(3);
    for (const entry of word) expect(entry.number).toMatch(/^\+18[0-8]{2}\d{3}2253$/);
  });

  it('answers the documented 400/403 errors for bad searches', async () => {
    const emu = await emulator();
    const failure = async (method: string, query: string) => {
      const response = await emu.api(method, `/v1/availableNumbers/local?${query}`);
      return { status: response.status, ...(await json(response)) };
    };
    expect(await failure('GET', 'quantity=3')).toMatchObject({
      status: 400,
      code: 'invalid-available-number-search',
      message: 'Specify a State ZIP Code or Area Code with your query.',
    });
    expect(await failure('GET', 'city=Cary')).toMatchObject({
      message: 'For searching by City the State is also required.',
    });
    expect(await failure('GET', 'state=NC&zip=27606')).toMatchObject({
      message: 'A query cannot combine ZIP Code with State.',
    });
    expect(await failure('GET', 'state=NC&areaCode=919')).toMatchObject({
      message: 'A query cannot combine State with Area Code or Local Number.',
    });
    expect(await failure('GET', 'zip=27606&areaCode=919')).toMatchObject({
      message: 'A query cannot combine ZIP Code with Area Code or Local Number.',
    });
    expect(await failure('GET', 'areaCode=91')).toMatchObject({
      message: 'An Area Code must be 3 digits.',
    });
    expect(await failure('GET', 'areaCode=919&localNumber=55')).toMatchObject({
      message: 'Local Number must contains at least 3 digits.',
    });
    expect(await failure('GET', 'areaCode=919&quantity=5001')).toMatchObject({
      code: 'invalid-available-number-search',
      message: 'The maximum quantity of numbers is 5000',
    });
    expect(await failure('GET', 'areaCode=919&quantity=0')).toMatchObject({
      code: 'validation-error',
      message: 'Quantity must be greater than zero.',
    });
    expect(await failure('GET', 'zip=12')).toMatchObject({ status: 400, code: 'invalid-zip-code' });
    expect(await failure('GET', 'state=NC&city=Atlantis')).toMatchObject({
      status: 403,
      category: 'forbidden',
      code: 'invalid-rate-center',
      message: 'The city Atlantis in the state NC was not found',
    });
    expect(await failure('POST', 'areaCode=919&quantity=11')).toMatchObject({
      status: 400,
      code: 'invalid-available-number-search-order',
    });
    expect(await failure('POST', 'areaCode=919&pattern=*1*')).toMatchObject({
      status: 400,
      code: 'invalid-available-number-search-order',
      message: 'A query and order numbers cannot contain pattern',
    });
  });

  it('searches and orders: 201 with an array of ordered numbers and their locations', async () => {
    const emu = await emulator();
    const response = await emu.api('POST', '/v1/availableNumbers/local?areaCode=984&quantity=3');
    expect(response.status).toBe(201);
    const ordered =
      await json<
        Array<{ number: string; nationalNumber: string; price: string; location: string }>
      >(response);
    expect(ordered).toHaveLength(3);
    for (const entry of ordered) {
      expect(entry.location).toMatch(new RegExp(`^${emu.url}${emu.base}/phoneNumbers/n-`));
      const numberPath = new URL(entry.location).pathname;
      const phoneNumber = await json(await emu.api('GET', numberPath));
      expect(phoneNumber).toMatchObject({
        number: entry.number,
        numberState: 'enabled',
        state: 'NC',
      });
    }
    // Owned numbers never come back from a search.
    const again = await json<Available[]>(
      await emu.api('GET', '/v1/availableNumbers/local?areaCode=984&quantity=50'),
    );
    const owned = new Set(ordered.map((entry) => entry.number));
    expect(again.some((entry) => owned.has(entry.number))).toBe(false);

    const tollFree = await emu.api('POST', '/v1/availableNumbers/tollFree');
    expect(tollFree.status).toBe(201);
    const [single] = await json<Array<{ number: string; price: string }>>(tollFree);
    expect(single?.number).toMatch(/^\+18(00|33|44|55|66|77|88)/);
    expect(single?.price).toBe('0.75');

    const impossible = await emu.api(
      'POST',
      '/v1/availableNumbers/local?areaCode=919&localNumber=0123',
    );
    expect(impossible.status).toBe(400);
  });
});

describe('phone numbers', () => {
  it('orders (201 + Location), gets by id and by E.164, updates, detaches and releases', async () => {
    const emu = await emulator();
    const appId = idFrom(
      await emu.api('POST', `${emu.base}/applications`, {
        name: 'a',
        incomingMessageUrl: 'http://x.test/m',
      }),
    );
    const created = await emu.api('POST', `${emu.base}/phoneNumbers`, {
      number: '+12125550199',
      name: 'office',
      applicationId: appId,
    });
    expect(created.status).toBe(201);
    const id = idFrom(created);
    expect(id).toMatch(/^n-/);
    const byId = await json(await emu.api('GET', `${emu.base}/phoneNumbers/${id}`));
    expect(byId).toMatchObject({
      id,
      number: '+12125550199',
      nationalNumber: '(212) 555-0199',
      name: 'office',
      city: 'NEW YORK',
      state: 'NY',
      applicationId: appId,
      application: `${emu.url}${emu.base}/applications/${appId}`,
      numberState: 'enabled',
      price: '0.35',
    });
    const byNumber = await json(
      await emu.api('GET', `${emu.base}/phoneNumbers/${encodeURIComponent('+12125550199')}`),
    );
    expect(byNumber).toEqual(byId);

    expect(
      (await emu.api('POST', `${emu.base}/phoneNumbers/${id}`, { name: 'home', applicationId: '' }))
        .status,
    ).toBe(200);
    const detached = await json(await emu.api('GET', `${emu.base}/phoneNumbers/${id}`));
    expect(detached).toMatchObject({ name: 'home' });
    expect(detached).not.toHaveProperty('applicationId');
    expect(detached).not.toHaveProperty('application');

    expect((await emu.api('DELETE', `${emu.base}/phoneNumbers/${id}`)).status).toBe(200);
    expect(await json(await emu.api('GET', `${emu.base}/phoneNumbers/${id}`))).toMatchObject({
      numberState: 'released',
    });
    // A released number can no longer send.
    const send = await emu.api('POST', `${emu.base}/messages`, {
      from: '+12125550199',
      to: OWNED,
      text: 'x',
    });
    expect(send.status).toBe(401);
  });

  it('imports a number with a provider and never echoes the provider password', async () => {
    const emu = await emulator();
    const response = await emu.api('POST', `${emu.base}/phoneNumbers`, {
      number: '+13035550111',
      provider: {
        providerName: 'bandwidth-dashboard',
        properties: { accountId: '1', userName: 'me', password: 'pa55word' },
      },
    });
    expect(response.status).toBe(201);
    const state = JSON.stringify(await emu.control.state());
    expect(state).toContain('+13035550111');
    expect(state).not.toContain('pa55word');
    const missing = await emu.api('POST', `${emu.base}/phoneNumbers`, {
      number: '+13035550112',
      provider: {
        providerName: 'bandwidth-dashboard',
        properties: { accountId: '1', userName: 'me' },
      },
    });
    expect(missing.status).toBe(400);
    expect(await json(missing)).toMatchObject({ code: 'missing-property' });
  });

  it('rejects invalid, duplicate and unknown numbers and unknown applications', async () => {
    const emu = await emulator();
    const invalid = await emu.api('POST', `${emu.base}/phoneNumbers`, { number: '9195551212' });
    expect(invalid.status).toBe(400);
    expect(await json(invalid)).toMatchObject({
      code: 'validation-error',
      message: 'Invalid phone number',
    });
    const missing = await emu.api('POST', `${emu.base}/phoneNumbers`, {});
    expect(await json(missing)).toMatchObject({ code: 'missing-property' });
    const duplicate = await emu.api('POST', `${emu.base}/phoneNumbers`, { number: OWNED });
    expect(duplicate.status).toBe(409);
    expect(await json(duplicate)).toMatchObject({ category: 'conflict', code: 'duplicate-number' });
    const unknownApp = await emu.api('POST', `${emu.base}/phoneNumbers`, {
      number: '+13035550113',
      applicationId: 'a-nope',
    });
    expect(unknownApp.status).toBe(404);
    expect(await json(unknownApp)).toMatchObject({ code: 'application-not-found' });
    const unknown = await emu.api('GET', `${emu.base}/phoneNumbers/n-nope`);
    expect(unknown.status).toBe(404);
    expect(await json(unknown)).toMatchObject({ code: 'number-not-found' });
  });

  it('lists with filters and pagination', async () => {
    const emu = await emulator();
    const appId = idFrom(
      await emu.api('POST', `${emu.base}/applications`, {
        name: 'a',
        incomingMessageUrl: 'http://x.test/m',
      }),
    );
    await emu.api('POST', `${emu.base}/phoneNumbers`, {
      number: '+12065550100',
      applicationId: appId,
      name: 'sea',
    });
    const released = idFrom(
      await emu.api('POST', `${emu.base}/phoneNumbers`, { number: '+12065550101' }),
    );
    await emu.api('DELETE', `${emu.base}/phoneNumbers/${released}`);
    const list = async (query: string) =>
      (
        await json<Array<{ number: string }>>(
          await emu.api('GET', `${emu.base}/phoneNumbers?${query}`),
        )
      ).map((entry) => entry.number);
    expect(await list('')).toHaveLength(4);
    expect(await list(`applicationId=${appId}`)).toEqual(['+12065550100']);
    expect(await list('name=sea')).toEqual(['+12065550100']);
    expect(await list('state=WA&numberState=enabled')).toEqual(['+12065550100']);
    expect(await list('numberState=released')).toEqual(['+12065550101']);
    expect(await list('city=Raleigh')).toHaveLength(2);
    const paged = await emu.api('GET', `${emu.base}/phoneNumbers?size=3`);
    expect(paged.headers.get('link')).toContain('size=3&page=1>; rel="next"');
  });
});

describe('number info', () => {
  it('returns a stable CNAM record for E.164 numbers and 403 invalid-cnam-search otherwise', async () => {
    const emu = await emulator();
    const first = await emu.api(
      'GET',
      `/v1/phoneNumbers/numberInfo/${encodeURIComponent('+14045550100')}`,
    );
    expect(first.status).toBe(200);
    const info = await json<{ number: string; name: string; created: string; updated: string }>(
      first,
    );
    expect(info.number).toBe('+14045550100');
    expect(info.name).toMatch(/^[A-Z]+,[A-Z]+$/);
    expect(info.created).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
    expect(Date.parse(info.updated)).toBeGreaterThanOrEqual(Date.parse(info.created));
    const again = await json(
      await emu.api('GET', `/v1/phoneNumbers/numberInfo/${encodeURIComponent('+14045550100')}`),
    );
    expect(again).toEqual(info);
    const bad = await emu.api('GET', '/v1/phoneNumbers/numberInfo/4045550100');
    expect(bad.status).toBe(403);
    expect(await json(bad)).toMatchObject({
      category: 'forbidden',
      code: 'invalid-cnam-search',
      message: 'Invalid number formatting: 4045550100. Use E.164 formatted numbers',
    });
    const unauthenticated = await fetch(`${emu.url}/v1/phoneNumbers/numberInfo/%2B14045550100`);
    expect(unauthenticated.status).toBe(401);
  });
});
