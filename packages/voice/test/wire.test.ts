import { BaseClient } from '@bw/core';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { VoiceClient } from '../src/index';
import { type Ids, methodCases, plainIds } from './method-table';
import { clientFor, type RecordedRequest, type Recorder, startRecorder } from './recorder';

let recorder: Recorder;
let client: VoiceClient;

beforeAll(async () => {
  recorder = await startRecorder();
  client = clientFor(recorder);
});
afterAll(() => recorder.close());
beforeEach(() => recorder.reset());

/** What a user's request looked like on the wire. */
function wire(request: RecordedRequest) {
  return { method: request.method, path: request.path, search: request.search, json: request.json };
}

function encoded(ids: Ids): Ids {
  return Object.fromEntries(
    Object.entries(ids).map(([name, value]) => [name, encodeURIComponent(value)]),
  ) as Ids;
}

describe('the VoiceClient surface', () => {
  test('has exactly the 64 documented methods, each covered by a wire case', () => {
    const names = new Set<string>();
    for (
      let proto: object | null = VoiceClient.prototype;
      proto && proto !== BaseClient.prototype;
      proto = Object.getPrototypeOf(proto)
    ) {
      for (const name of Object.getOwnPropertyNames(proto)) {
        if (name !== 'constructor') names.add(name);
      }
    }
    const covered = methodCases.map((c) => c.name);
    expect(new Set(covered).size).toBe(covered.length);
    expect([...names].sort()).toEqual([...covered].sort());
    expect(names.size).toBe(64);
  });
});

describe.each(methodCases)('$name', (method) => {
  test('sends the documented request and resolves the documented value', async () => {
    if (method.reply) recorder.answer(method.reply);
    const result = await method.run(client, plainIds);

    expect(result).toEqual(method.returns);
    const expected = method.requests(plainIds).map((r) => ({ search: '', json: undefined, ...r }));
    expect(recorder.requests.map(wire)).toEqual(expected);
    for (const request of recorder.requests) {
      expect(request.headers.authorization).toBe(
        `Basic ${Buffer.from('token-value:secret-value').toString('base64')}`,
      );
      expect(request.headers.accept).toBe('application/json');
      // A body and its Content-Type travel together; GETs carry neither.
      if (request.method === 'GET') {
        expect(request.body).toBe('');
        expect(request.headers['content-type']).toBeUndefined();
      } else {
        expect(request.headers['content-type']).toMatch(/^application\/json/);
      }
    }
  });

  if (method.idParams.length > 0) {
    test('encodes each path id exactly once', async () => {
      const awkward: Ids = {
        callId: 'c+1 a/b',
        gatherId: 'g%20x',
        eventId: 'ce/1',
        bridgeId: 'brg 1',
        conferenceId: 'conf+1',
        memberId: 'm/1',
        recordingId: 'rec 1+2',
        transcriptionId: 'tr%2F1',
      };
      if (method.reply) recorder.answer(method.reply);
      await method.run(client, awkward);

      const expected = method.requests(encoded(awkward));
      expect(recorder.requests[0]?.path).toBe(expected[0]?.path);
      expect(recorder.requests[0]?.path).not.toMatch(/[ +]/);
    });
  }
});
