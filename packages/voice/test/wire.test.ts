import { BaseClient } from '@bw/core';
import {
  describeSurface,
  describeWireCases,
  type MethodTable,
} from '../../../test-support/method-table';
import { VoiceClient } from '../src/index';
import { awkwardIds, type IdName, methodCases, plainIds } from './method-table';
import { clientFor, type Recorder, useRecorder } from './recorder';

let recorder: Recorder;
let client: VoiceClient;

useRecorder(clientFor, (started) => {
  ({ recorder, client } = started);
});

const table: MethodTable<VoiceClient, IdName> = {
  cases: methodCases,
  recorder: () => recorder,
  client: () => client,
  plainIds,
  awkwardIds,
  authorization: `Basic ${Buffer.from('token-value:secret-value').toString('base64')}`,
};

describeSurface('the VoiceClient surface', table, VoiceClient, BaseClient, 64);
describeWireCases(table);
