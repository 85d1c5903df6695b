import { BaseClient } from '@bw/core';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import {
  describeSurface,
  describeWireCases,
  type MethodTable,
} from '../../../test-support/method-table';
import { MessagingClient } from '../src/index';
import {
  authorization,
  awkwardIds,
  clientFor,
  type IdName,
  methodCases,
  plainIds,
  type Recorder,
  startRecorder,
} from './method-table';

let recorder: Recorder;
let client: MessagingClient;

beforeAll(async () => {
  recorder = await startRecorder();
  client = clientFor(recorder);
});
afterAll(() => recorder.close());
beforeEach(() => recorder.reset());

const table: MethodTable<MessagingClient, IdName> = {
  cases: methodCases,
  recorder: () => recorder,
  client: () => client,
  plainIds,
  awkwardIds,
  authorization,
};

describeSurface('the MessagingClient surface', table, MessagingClient, BaseClient, 5);
describeWireCases(table);
