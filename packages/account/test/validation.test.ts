import { describe, expect, test } from 'vitest';
import { describeBadIds } from '../../../test-support/method-table';
import {
  type AccountClient,
  type CreateDomainEndpointOptions,
  ValidationError,
} from '../src/index';
import { clientFor, methodCases, plainIds, type Recorder, useRecorder } from './method-table';

let recorder: Recorder;
let client: AccountClient;

useRecorder(clientFor, (started) => {
  ({ recorder, client } = started);
});

describeBadIds({ cases: methodCases, recorder: () => recorder, client: () => client, plainIds });

test('a list with a bad path id fails on its first read, not when called', async () => {
  const list = client.listDomainEndpoints('');
  await expect(list.toArray()).rejects.toThrow(/domainId/);
  await expect(list[Symbol.asyncIterator]().next()).rejects.toBeInstanceOf(TypeError);
  expect(recorder.requests).toHaveLength(0);
});

describe('client-side validation', () => {
  test.each([
    ['application.name', () => client.createApplication({ name: '' })],
    [
      'domain.description',
      () => client.createDomain({ name: 'd' } as unknown as { name: string; description: string }),
    ],
    [
      'endpoint.name',
      () =>
        client.createDomainEndpoint('dom-1', {
          credentials: { password: 'p4ss' },
        } as unknown as CreateDomainEndpointOptions),
    ],
    [
      'endpoint.credentials',
      () =>
        client.createDomainEndpoint('dom-1', {
          name: 'e',
        } as unknown as CreateDomainEndpointOptions),
    ],
    [
      'endpoint.credentials.password',
      () => client.createDomainEndpoint('dom-1', { name: 'e', credentials: { password: '' } }),
    ],
    ['phoneNumber.number', () => client.orderPhoneNumber({ number: '' })],
  ])('a missing %s rejects with ValidationError and sends nothing', async (key, call) => {
    const error = await call().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as Error).message).toContain(key);
    expect(recorder.requests).toHaveLength(0);
  });
});
