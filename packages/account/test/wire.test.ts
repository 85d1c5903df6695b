import { BaseClient } from '@bw/core';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import {
  describeSurface,
  describeWireCases,
  type MethodTable,
} from '../../../test-support/method-table';
import { AccountClient } from '../src/index';
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
let client: AccountClient;

beforeAll(async () => {
  recorder = await startRecorder();
  client = clientFor(recorder);
});
afterAll(() => recorder.close());
beforeEach(() => recorder.reset());

const table: MethodTable<AccountClient, IdName> = {
  cases: methodCases,
  recorder: () => recorder,
  client: () => client,
  plainIds,
  awkwardIds,
  authorization,
};

describeSurface('the AccountClient surface', table, AccountClient, BaseClient, 34);
describeWireCases(table);
