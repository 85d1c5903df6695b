// Every MessagingClient method once (test-support/method-table.ts): how to call it, what the API
// answers, which requests must reach the wire and what the method resolves. Shared by the wire,
// encoding and validation tests.
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
import { MessagingClient } from '../src/index';

export type IdName = 'messageId';
export type Ids = Record<IdName, string>;

/** Ids that need no percent-encoding. */
export const plainIds: Ids = { messageId: 'm-1' };
/** Ids that need percent-encoding. */
export const awkwardIds: Ids = { messageId: 'm 1/+%' };

export type { Recorder };
export { startRecorder, useRecorder };

/** The user the test clients use, and its path prefix. */
export const userPrefix = '/v1/users/u-test';
export const authorization = `Basic ${Buffer.from('token-value:secret-value').toString('base64')}`;

/** A client of the recorder, without retries so every request shows up exactly once. */
export function clientFor(recorder: Recorder): MessagingClient {
  return new MessagingClient('u-test', 'token-value', 'secret-value', {
    baseUrl: recorder.url,
    retry: false,
  });
}

const message = (ids: Ids) => `${userPrefix}/messages/${ids.messageId}`;

export const methodCases: Array<MethodCase<MessagingClient, IdName>> = [
  {
    name: 'listMessages',
    idParams: [],
    run: (c) =>
      c
        .listMessages(frozen({ direction: 'in', from: '+19195551212', size: 2, to: undefined }))
        .toArray(),
    reply: twoPages([{ id: 'm-1' }, { id: 'm-2' }], [{ id: 'm-3', text: 'hi' }]),
    requests: () =>
      pagedRequests(`${userPrefix}/messages`, '?direction=in&from=%2B19195551212&size=2'),
    returns: [{ id: 'm-1' }, { id: 'm-2' }, { id: 'm-3', text: 'hi' }],
  },
  {
    name: 'sendMessage',
    idParams: [],
    // Only the keys given are sent; the id comes from the Location, decoded, without its query.
    run: (c) =>
      c.sendMessage(
        frozen({
          from: '+19195551212',
          to: '+19195553434',
          text: 'hello',
          tag: undefined,
          media: undefined,
        }),
      ),
    reply: (_, recorder) => created(`${recorder.url}${userPrefix}/messages/m-abc%2B1?x=1#f`),
    requests: () => [
      {
        method: 'POST',
        path: `${userPrefix}/messages`,
        json: { from: '+19195551212', to: '+19195553434', text: 'hello' },
      },
    ],
    returns: 'm-abc+1',
  },
  {
    name: 'sendMessages',
    idParams: [],
    run: (c) =>
      c.sendMessages(
        frozen([
          { from: '+19195551212', to: '+19195550001', text: 'm1' },
          { from: '+19195551212', to: ' ', text: 'm2', tag: undefined },
        ]),
      ),
    reply: {
      status: 202,
      body: [
        { result: 'accepted', location: 'https://api.example/v1/users/u-test/messages/m-1' },
        {
          result: 'error',
          error: { category: 'bad-request', code: 'blank-property', message: 'to is blank' },
        },
      ],
    },
    requests: () => [
      {
        method: 'POST',
        path: `${userPrefix}/messages`,
        json: [
          { from: '+19195551212', to: '+19195550001', text: 'm1' },
          { from: '+19195551212', to: ' ', text: 'm2' },
        ],
      },
    ],
    returns: [
      {
        result: 'accepted',
        id: 'm-1',
        location: 'https://api.example/v1/users/u-test/messages/m-1',
        message: { from: '+19195551212', to: '+19195550001', text: 'm1' },
      },
      {
        result: 'error',
        error: { category: 'bad-request', code: 'blank-property', message: 'to is blank' },
        message: { from: '+19195551212', to: ' ', text: 'm2', tag: undefined },
      },
    ],
  },
  {
    name: 'getMessage',
    idParams: ['messageId'],
    run: (c, ids) => c.getMessage(ids.messageId),
    reply: { body: { id: 'm 1/+%', text: 'hi' } },
    requests: (ids) => [{ method: 'GET', path: message(ids) }],
    returns: { id: 'm 1/+%', text: 'hi' },
  },
  {
    name: 'redactMessage',
    idParams: ['messageId'],
    run: (c, ids) => c.redactMessage(ids.messageId),
    requests: (ids) => [{ method: 'PATCH', path: message(ids), json: { text: '' } }],
    returns: undefined,
  },
];
