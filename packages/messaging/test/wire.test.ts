import { BaseClient } from '@bw/core';
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
  useRecorder,
} from './method-table';

let recorder: Recorder;
let client: MessagingClient;

useRecorder(clientFor, (started) => {
  ({ recorder, client } = started);
});

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
