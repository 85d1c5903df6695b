import { BaseClient } from '@bw/core';
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
  useRecorder,
} from './method-table';

let recorder: Recorder;
let client: AccountClient;

useRecorder(clientFor, (started) => {
  ({ recorder, client } = started);
});

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
