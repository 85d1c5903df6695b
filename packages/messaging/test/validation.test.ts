import { expect, test } from 'vitest';
import { describeBadIds } from '../../../test-support/method-table';
import { type MessagingClient, type SendMessageOptions, ValidationError } from '../src/index';
import { clientFor, methodCases, plainIds, type Recorder, useRecorder } from './method-table';

let recorder: Recorder;
let client: MessagingClient;

useRecorder(clientFor, (started) => {
  ({ recorder, client } = started);
});

describeBadIds({ cases: methodCases, recorder: () => recorder, client: () => client, plainIds });

test.each([
  ['from', { to: '+1', text: 't' }],
  ['to', { from: '+1', to: '', text: 't' }],
  ['text', { from: '+1', to: '+2' }],
])(
  'sendMessage with a missing or empty %s rejects with ValidationError and sends nothing',
  async (key, opts) => {
    const error = await client.sendMessage(opts as SendMessageOptions).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as Error).message).toContain(key);
    expect(recorder.requests).toHaveLength(0);
  },
);
