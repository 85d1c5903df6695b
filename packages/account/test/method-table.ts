// Every AccountClient method once (test-support/method-table.ts): how to call it, what the API
// answers, which requests must reach the wire and what the method resolves. Shared by the wire,
// encoding and validation tests.
import { writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  created,
  type Recorder,
  startRecorder,
  useRecorder,
} from '../../../test-support/http-recorder';
import {
  frozen,
  type MethodCase,
  pagedRequests,
  twoPages,
} from '../../../test-support/method-table';
import { AccountClient } from '../src/index';

export type IdName =
  | 'applicationId'
  | 'domainId'
  | 'endpointId'
  | 'errorId'
  | 'mediaName'
  | 'number'
  | 'numberId';

export type Ids = Record<IdName, string>;

/** Ids that need no percent-encoding. */
export const plainIds: Ids = {
  applicationId: 'a-1',
  domainId: 'dom-1',
  endpointId: 're-1',
  errorId: 'err-1',
  mediaName: 'hello.wav',
  number: '19195551212',
  numberId: 'n-1',
};

/** Ids that need percent-encoding. */
export const awkwardIds: Ids = {
  applicationId: 'a/b',
  domainId: 'dom 1',
  endpointId: 'e%20+',
  errorId: 'e?1',
  mediaName: 'my file.wav',
  number: '+1 919/555%',
  numberId: '+19195551212',
};

export type { Recorder };
export { startRecorder, useRecorder };

/** The user the test clients use, and its path prefix. */
export const userPrefix = '/v1/users/u-test';
export const authorization = `Basic ${Buffer.from('token-value:secret-value').toString('base64')}`;

/** A client of the recorder, without retries so every request shows up exactly once. */
export function clientFor(recorder: Recorder): AccountClient {
  return new AccountClient('u-test', 'token-value', 'secret-value', {
    baseUrl: recorder.url,
    retry: false,
  });
}

const application = (ids: Ids) => `${userPrefix}/applications/${ids.applicationId}`;
const domain = (ids: Ids) => `${userPrefix}/domains/${ids.domainId}`;
const endpoint = (ids: Ids) => `${domain(ids)}/endpoints/${ids.endpointId}`;
const media = (ids: Ids) => `${userPrefix}/media/${ids.mediaName}`;
const phoneNumber = (ids: Ids) => `${userPrefix}/phoneNumbers/${ids.numberId}`;

const mediaFile = join(tmpdir(), `bw-account-method-table-${process.pid}.txt`);

export const methodCases: Array<MethodCase<AccountClient, IdName>> = [
  // ---- account
  {
    name: 'getAccount',
    idParams: [],
    run: (c) => c.getAccount(),
    reply: { body: { balance: '538.37', accountType: 'pre-pay' } },
    requests: () => [{ method: 'GET', path: `${userPrefix}/account` }],
    returns: { balance: '538.37', accountType: 'pre-pay' },
  },
  {
    name: 'listAccountTransactions',
    idParams: [],
    run: (c) =>
      c.listAccountTransactions(frozen({ type: 'charge', size: 2, toDate: undefined })).toArray(),
    reply: twoPages([{ id: 't-1' }, { id: 't-2' }], [{ id: 't-3', amount: '0.02' }]),
    requests: () => pagedRequests(`${userPrefix}/account/transactions`, '?type=charge&size=2'),
    returns: [{ id: 't-1' }, { id: 't-2' }, { id: 't-3', amount: '0.02' }],
  },

  // ---- applications
  {
    name: 'listApplications',
    idParams: [],
    run: (c) => c.listApplications({ size: 1 }).toArray(),
    reply: twoPages([{ id: 'a-1' }], [{ id: 'a-2', name: 'IVR' }]),
    requests: () => pagedRequests(`${userPrefix}/applications`, '?size=1'),
    returns: [{ id: 'a-1' }, { id: 'a-2', name: 'IVR' }],
  },
  {
    name: 'createApplication',
    idParams: [],
    run: (c) =>
      c.createApplication(
        frozen({
          name: 'IVR',
          incomingCallUrl: 'https://app.example.com/calls',
          autoAnswer: true,
          incomingMessageUrl: undefined,
        }),
      ),
    reply: created(`${userPrefix}/applications/a-new`),
    requests: () => [
      {
        method: 'POST',
        path: `${userPrefix}/applications`,
        json: { name: 'IVR', incomingCallUrl: 'https://app.example.com/calls', autoAnswer: true },
      },
    ],
    returns: 'a-new',
  },
  {
    name: 'getApplication',
    idParams: ['applicationId'],
    run: (c, ids) => c.getApplication(ids.applicationId),
    reply: { body: { id: 'a-1', name: 'IVR', autoAnswer: true } },
    requests: (ids) => [{ method: 'GET', path: application(ids) }],
    returns: { id: 'a-1', name: 'IVR', autoAnswer: true },
  },
  {
    name: 'updateApplication',
    idParams: ['applicationId'],
    run: (c, ids) =>
      c.updateApplication(ids.applicationId, frozen({ name: 'IVR 2', callbackHttpMethod: 'get' })),
    requests: (ids) => [
      {
        method: 'POST',
        path: application(ids),
        json: { name: 'IVR 2', callbackHttpMethod: 'get' },
      },
    ],
    returns: undefined,
  },
  {
    name: 'deleteApplication',
    idParams: ['applicationId'],
    run: (c, ids) => c.deleteApplication(ids.applicationId),
    requests: (ids) => [{ method: 'DELETE', path: application(ids) }],
    returns: undefined,
  },

  // ---- available numbers (no user segment)
  {
    name: 'searchAvailableLocalNumbers',
    idParams: [],
    run: (c) =>
      c.searchAvailableLocalNumbers(
        frozen({
          areaCode: '919',
          localNumber: '555',
          inLocalCallingArea: true,
          quantity: 2,
          pattern: '*2?9*',
          city: undefined,
        }),
      ),
    reply: { body: [{ number: '+19195550001', price: '0.35' }] },
    requests: () => [
      {
        method: 'GET',
        path: '/v1/availableNumbers/local',
        search: '?areaCode=919&localNumber=555&inLocalCallingArea=true&quantity=2&pattern=*2%3F9*',
      },
    ],
    returns: [{ number: '+19195550001', price: '0.35' }],
  },
  {
    name: 'searchAvailableTollFreeNumbers',
    idParams: [],
    run: (c) => c.searchAvailableTollFreeNumbers(),
    reply: { body: [] },
    requests: () => [{ method: 'GET', path: '/v1/availableNumbers/tollFree' }],
    returns: [],
  },
  {
    name: 'searchAndOrderLocalNumbers',
    idParams: [],
    run: (c) => c.searchAndOrderLocalNumbers(frozen({ areaCode: '919', quantity: 2 })),
    reply: {
      status: 201,
      body: [
        {
          number: '+19195550001',
          price: '0.35',
          location: 'https://api.example/v1/users/u-1/phoneNumbers/n-1',
        },
        { number: '+19195550002', location: '/v1/users/u-1/phoneNumbers/n%2B2' },
      ],
    },
    requests: () => [
      { method: 'POST', path: '/v1/availableNumbers/local', search: '?areaCode=919&quantity=2' },
    ],
    returns: [
      {
        number: '+19195550001',
        price: '0.35',
        location: 'https://api.example/v1/users/u-1/phoneNumbers/n-1',
        id: 'n-1',
      },
      { number: '+19195550002', location: '/v1/users/u-1/phoneNumbers/n%2B2', id: 'n+2' },
    ],
  },
  {
    name: 'searchAndOrderTollFreeNumbers',
    idParams: [],
    run: (c) => c.searchAndOrderTollFreeNumbers({ quantity: 1 }),
    reply: {
      status: 201,
      body: [{ number: '+18005550001', location: '/v1/users/u-1/phoneNumbers/n-8' }],
    },
    requests: () => [
      { method: 'POST', path: '/v1/availableNumbers/tollFree', search: '?quantity=1' },
    ],
    returns: [{ number: '+18005550001', location: '/v1/users/u-1/phoneNumbers/n-8', id: 'n-8' }],
  },

  // ---- domains and endpoints
  {
    name: 'listDomains',
    idParams: [],
    run: (c) => c.listDomains({ size: 100 }).toArray(),
    reply: twoPages([{ id: 'dom-1' }], [{ id: 'dom-2' }]),
    requests: () => pagedRequests(`${userPrefix}/domains`, '?size=100'),
    returns: [{ id: 'dom-1' }, { id: 'dom-2' }],
  },
  {
    name: 'createDomain',
    idParams: [],
    run: (c) => c.createDomain(frozen({ name: 'sip-team', description: 'The team' })),
    reply: created(`${userPrefix}/domains/dom-new`),
    requests: () => [
      {
        method: 'POST',
        path: `${userPrefix}/domains`,
        json: { name: 'sip-team', description: 'The team' },
      },
    ],
    returns: 'dom-new',
  },
  {
    name: 'getDomain',
    idParams: ['domainId'],
    run: (c, ids) => c.getDomain(ids.domainId),
    reply: { body: { id: 'dom-1', name: 'sip-team' } },
    requests: (ids) => [{ method: 'GET', path: domain(ids) }],
    returns: { id: 'dom-1', name: 'sip-team' },
  },
  {
    name: 'deleteDomain',
    idParams: ['domainId'],
    run: (c, ids) => c.deleteDomain(ids.domainId),
    requests: (ids) => [{ method: 'DELETE', path: domain(ids) }],
    returns: undefined,
  },
  {
    name: 'listDomainEndpoints',
    idParams: ['domainId'],
    run: (c, ids) => c.listDomainEndpoints(ids.domainId, { size: 5 }).toArray(),
    reply: twoPages([{ id: 're-1' }], [{ id: 're-2', enabled: false }]),
    requests: (ids) => pagedRequests(`${domain(ids)}/endpoints`, '?size=5'),
    returns: [{ id: 're-1' }, { id: 're-2', enabled: false }],
  },
  {
    name: 'createDomainEndpoint',
    idParams: ['domainId'],
    run: (c, ids) =>
      c.createDomainEndpoint(
        ids.domainId,
        frozen({
          name: 'jsmith',
          description: undefined,
          enabled: undefined,
          credentials: { password: 'p4ssw0rd' },
        }),
      ),
    reply: created(`${userPrefix}/domains/dom-1/endpoints/re-new`),
    requests: (ids) => [
      {
        method: 'POST',
        path: `${domain(ids)}/endpoints`,
        json: { name: 'jsmith', credentials: { password: 'p4ssw0rd' } },
      },
    ],
    returns: 're-new',
  },
  {
    name: 'getDomainEndpoint',
    idParams: ['domainId', 'endpointId'],
    run: (c, ids) => c.getDomainEndpoint(ids.domainId, ids.endpointId),
    reply: { body: { id: 're-1', name: 'jsmith', enabled: true } },
    requests: (ids) => [{ method: 'GET', path: endpoint(ids) }],
    returns: { id: 're-1', name: 'jsmith', enabled: true },
  },
  {
    name: 'updateDomainEndpoint',
    idParams: ['domainId', 'endpointId'],
    run: (c, ids) =>
      c.updateDomainEndpoint(
        ids.domainId,
        ids.endpointId,
        frozen({ enabled: false, credentials: undefined }),
      ),
    requests: (ids) => [{ method: 'POST', path: endpoint(ids), json: { enabled: false } }],
    returns: undefined,
  },
  {
    name: 'deleteDomainEndpoint',
    idParams: ['domainId', 'endpointId'],
    run: (c, ids) => c.deleteDomainEndpoint(ids.domainId, ids.endpointId),
    requests: (ids) => [{ method: 'DELETE', path: endpoint(ids) }],
    returns: undefined,
  },
  {
    name: 'createDomainEndpointAuthToken',
    idParams: ['domainId', 'endpointId'],
    run: async (c, ids) => [
      await c.createDomainEndpointAuthToken(ids.domainId, ids.endpointId),
      await c.createDomainEndpointAuthToken(ids.domainId, ids.endpointId, frozen({ expires: 60 })),
    ],
    reply: { status: 201, body: { token: 'tok-1', expires: 3600 } },
    // Without `expires` the body is `{}`, with it `{ expires }`.
    requests: (ids) => [
      { method: 'POST', path: `${endpoint(ids)}/tokens`, json: {} },
      { method: 'POST', path: `${endpoint(ids)}/tokens`, json: { expires: 60 } },
    ],
    returns: [
      { token: 'tok-1', expires: 3600 },
      { token: 'tok-1', expires: 3600 },
    ],
  },

  // ---- the error log
  {
    name: 'listErrors',
    idParams: [],
    run: (c) => c.listErrors().toArray(),
    reply: twoPages([{ id: 'err-1', category: 'unavailable' }], []),
    requests: () => pagedRequests(`${userPrefix}/errors`),
    returns: [{ id: 'err-1', category: 'unavailable' }],
  },
  {
    name: 'getError',
    idParams: ['errorId'],
    run: (c, ids) => c.getError(ids.errorId),
    reply: { body: { id: 'err-1', code: 'no-application-for-number' } },
    requests: (ids) => [{ method: 'GET', path: `${userPrefix}/errors/${ids.errorId}` }],
    returns: { id: 'err-1', code: 'no-application-for-number' },
  },

  // ---- media
  {
    name: 'listMediaFiles',
    idParams: [],
    run: (c) => c.listMediaFiles().toArray(),
    reply: twoPages([{ mediaName: 'a.wav', contentLength: 10 }], [{ mediaName: 'b.wav' }]),
    requests: () => pagedRequests(`${userPrefix}/media`),
    returns: [{ mediaName: 'a.wav', contentLength: 10 }, { mediaName: 'b.wav' }],
  },
  {
    name: 'uploadMediaFile',
    idParams: ['mediaName'],
    run: (c, ids) =>
      c.uploadMediaFile(ids.mediaName, 'RIFF bytes', frozen({ cacheControl: 'no-cache' })),
    requests: (ids) => [
      {
        method: 'PUT',
        path: media(ids),
        body: 'RIFF bytes',
        headers: {
          'content-type': 'application/octet-stream',
          'content-length': '10',
          'cache-control': 'no-cache',
        },
      },
    ],
    returns: undefined,
  },
  {
    name: 'uploadMediaFileFromPath',
    idParams: ['mediaName'],
    run: async (c, ids) => {
      await writeFile(mediaFile, 'file bytes');
      return c.uploadMediaFileFromPath(ids.mediaName, mediaFile, { contentType: 'audio/wav' });
    },
    requests: (ids) => [
      {
        method: 'PUT',
        path: media(ids),
        body: 'file bytes',
        headers: { 'content-type': 'audio/wav', 'content-length': '10' },
      },
    ],
    returns: undefined,
  },
  {
    name: 'downloadMediaFile',
    idParams: ['mediaName'],
    run: async (c, ids) => {
      const download = await c.downloadMediaFile(ids.mediaName);
      const text = new TextDecoder().decode(await download.arrayBuffer());
      return { contentType: download.contentType, contentLength: download.contentLength, text };
    },
    reply: { headers: { 'content-type': 'audio/wav', 'content-length': '4' }, body: 'RIFF' },
    requests: (ids) => [{ method: 'GET', path: media(ids), headers: { accept: '*/*' } }],
    returns: { contentType: 'audio/wav', contentLength: 4, text: 'RIFF' },
  },
  {
    name: 'deleteMediaFile',
    idParams: ['mediaName'],
    run: (c, ids) => c.deleteMediaFile(ids.mediaName),
    requests: (ids) => [{ method: 'DELETE', path: media(ids) }],
    returns: undefined,
  },

  // ---- number info (no user segment)
  {
    name: 'getNumberInfo',
    idParams: ['number'],
    run: (c, ids) => c.getNumberInfo(ids.number),
    reply: { body: { number: '+19195551212', name: 'Jane' } },
    requests: (ids) => [{ method: 'GET', path: `/v1/phoneNumbers/numberInfo/${ids.number}` }],
    returns: { number: '+19195551212', name: 'Jane' },
  },

  // ---- phone numbers
  {
    name: 'listPhoneNumbers',
    idParams: [],
    run: (c) => c.listPhoneNumbers(frozen({ numberState: 'enabled', name: undefined })).toArray(),
    reply: twoPages([{ id: 'n-1' }], [{ id: 'n-2', number: '+19195550002' }]),
    requests: () => pagedRequests(`${userPrefix}/phoneNumbers`, '?numberState=enabled'),
    returns: [{ id: 'n-1' }, { id: 'n-2', number: '+19195550002' }],
  },
  {
    name: 'orderPhoneNumber',
    idParams: [],
    run: (c) => c.orderPhoneNumber(frozen({ number: '+19195550001', name: 'Support' })),
    reply: created(`${userPrefix}/phoneNumbers/n-new`),
    requests: () => [
      {
        method: 'POST',
        path: `${userPrefix}/phoneNumbers`,
        json: { number: '+19195550001', name: 'Support' },
      },
    ],
    returns: 'n-new',
  },
  {
    name: 'getPhoneNumber',
    idParams: ['numberId'],
    run: (c, ids) => c.getPhoneNumber(ids.numberId),
    reply: { body: { id: 'n-1', number: '+19195551212' } },
    requests: (ids) => [{ method: 'GET', path: phoneNumber(ids) }],
    returns: { id: 'n-1', number: '+19195551212' },
  },
  {
    name: 'updatePhoneNumber',
    idParams: ['numberId'],
    // `applicationId: ''` detaches the number from its application.
    run: (c, ids) => c.updatePhoneNumber(ids.numberId, frozen({ applicationId: '' })),
    requests: (ids) => [{ method: 'POST', path: phoneNumber(ids), json: { applicationId: '' } }],
    returns: undefined,
  },
  {
    name: 'deletePhoneNumber',
    idParams: ['numberId'],
    run: (c, ids) => c.deletePhoneNumber(ids.numberId),
    requests: (ids) => [{ method: 'DELETE', path: phoneNumber(ids) }],
    returns: undefined,
  },
];
