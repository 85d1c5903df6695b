import { gather, redirect, response, speakSentence } from '@bw/bxml';
import { describe, expect, it } from 'vitest';
import type { BxmlErrorTraceEntry, TraceEntry } from '../src/index';
import { useBxmlBench, verbSummary } from './bxml-kit';

const bench = useBxmlBench();

/** Ends a call with the app's answer on `/answer`; its trace and the error-log entries. */
async function failedCall(
  path = '/answer',
): Promise<{ callId: string; entries: TraceEntry[]; logged: Array<Record<string, unknown>> }> {
  const callId = await bench.outbound(path);
  expect(await bench.hungUp(callId)).toMatchObject({ cause: 'NORMAL_CLEARING' });
  const entries = await bench.trace(callId);
  const logged = (await bench.errors()).filter((error) =>
    (error.details as Array<{ value: string }>).some((detail) => detail.value === callId),
  );
  return { callId, entries, logged };
}

const errorOf = (entries: TraceEntry[]) =>
  entries.find((entry) => entry.type === 'bxml-error') as BxmlErrorTraceEntry | undefined;

describe('BXML documents the platform refuses', () => {
  it('ends the call and logs invalid-bxml for malformed XML, saying where', async () => {
    bench.app.route('/answer', {
      body: '<?xml version="1.0"?>\n<Response>\n  <SpeakSentence>Hi</Speak>\n</Response>',
    });
    const { entries, logged } = await failedCall();
    expect(entries.filter((entry) => entry.type === 'verb')).toEqual([]);
    expect(errorOf(entries)).toMatchObject({ source: 'answer', code: 'invalid-bxml' });
    expect(entries.find((entry) => entry.type === 'bxml-end')).toMatchObject({ reason: 'error' });
    expect(logged).toHaveLength(1);
    expect(logged[0]).toMatchObject({ category: 'bad-request', code: 'invalid-bxml' });
    expect(String(logged[0]?.message)).toMatch(/^The BXML document for call .* is invalid: 3:\d+ /);
    expect(logged[0]?.details).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ name: 'requestUrl', value: bench.app.at('/answer') }),
        expect.objectContaining({ name: 'problem' }),
      ]),
    );
  });

  it('ends the call for documents that parse but break BXML rules: unknown verbs, ranges, size', async () => {
    const { app } = bench;
    app.route('/unknown', { body: '<Response><Dance/></Response>' });
    app.route('/range', { body: '<Response><Gather maxDigits="500"/></Response>' });
    app.route('/huge', {
      body: `<Response>${'<SpeakSentence>Hello there</SpeakSentence>'.repeat(500)}</Response>`,
    });
    const problems: string[][] = [];
    for (const path of ['/unknown', '/range', '/huge']) {
      const { entries, logged } = await failedCall(path);
      expect(entries.filter((entry) => entry.type === 'verb')).toEqual([]);
      expect(logged.map((error) => error.code)).toEqual(['invalid-bxml']);
      problems.push(errorOf(entries)?.problems ?? []);
    }
    expect(problems[0]).toEqual([expect.stringContaining('Response/Dance[0]: unknown verb')]);
    expect(problems[1]).toEqual(
      expect.arrayContaining([
        expect.stringContaining('Response/Gather[0]@maxDigits'),
        expect.stringContaining('Response/Gather[0]@requestUrl: is required'),
      ]),
    );
    expect(problems[2]).toEqual([expect.stringMatching(/Response: .*16384/)]);
  });

  it('ends the call when a verb’s requestUrl fails (non-2xx) or times out', async () => {
    const { app, emu, verbReached, verbs } = bench;
    app.route(
      '/gather',
      response(
        gather(
          { requestUrl: app.at('/broken'), maxDigits: 1 },
          speakSentence('Press a key. '.repeat(40)),
        ),
      ),
    );
    app.route('/broken', { status: 500 });
    app.route(
      '/slow-redirect',
      response(redirect({ requestUrl: app.at('/slow'), requestUrlTimeout: 100 })),
    );
    app.route('/slow', { delayMs: 1000, body: '<Response/>' });

    const callId = await bench.outbound('/gather');
    await verbReached(callId, (entry) => entry.verb === 'Gather' && entry.outcome === 'running');
    await emu.control.sendDtmf(callId, '1');
    await bench.hungUp(callId);
    expect(verbSummary(await verbs(callId))).toEqual(['Gather:failed']);
    const broken = (await bench.errors()).find((error) => error.code === 'bxml-request-failed');
    expect(broken).toMatchObject({ category: 'unavailable' });
    expect(String(broken?.message)).toContain('HTTP 500');

    const { callId: slowId, entries, logged } = await failedCall('/slow-redirect');
    expect(verbSummary(await verbs(slowId))).toEqual(['Redirect:failed']);
    expect(errorOf(entries)).toMatchObject({ source: 'redirect', code: 'bxml-request-failed' });
    expect(logged.map((error) => error.code)).toEqual(['bxml-request-failed']);
    expect(String(logged[0]?.message)).toMatch(/timed out after 100 ms/);
  });

  it('ends the call when the answer callback itself fails', async () => {
    bench.app.route('/answer', { status: 503 });
    const { entries, logged } = await failedCall();
    expect(errorOf(entries)).toMatchObject({ source: 'answer', code: 'callback-delivery-failed' });
    // The call model logged the failed delivery (of answer, then of hangup); the engine adds
    // no entry of its own.
    expect(logged.map((error) => error.code)).toEqual([
      'callback-delivery-failed',
      'callback-delivery-failed',
    ]);
    expect(logged.filter((error) => String(error.message).includes('answer event'))).toHaveLength(
      1,
    );
  });

  it('keeps credentials of requestUrls out of the trace, the error log and the callback records', async () => {
    const { app, emu } = bench;
    const secretUrl = app.at('/slow').replace('http://', 'http://ivr:s3cret-pass@');
    app.route('/answer', response(redirect({ requestUrl: secretUrl, requestUrlTimeout: 100 })));
    app.route('/slow', { delayMs: 1000 });
    const { callId, entries, logged } = await failedCall();
    expect(logged.map((error) => error.code)).toEqual(['bxml-request-failed']);
    const verbs = entries.filter((entry) => entry.type === 'verb');
    const shownUrl = secretUrl.replace('s3cret-pass', '[REDACTED]');
    expect(verbs[0]).toMatchObject({ attributes: { requestUrl: shownUrl } });
    expect(String(logged[0]?.message)).toContain(shownUrl);
    const records = await emu.control.callbacks();
    expect(records.find((record) => record.body.eventType === 'redirect')).toMatchObject({
      url: expect.stringContaining('/slow'),
      headers: { authorization: 'Basic [REDACTED]' },
    });
    const shown = JSON.stringify([entries, logged, records, await bench.trace(callId)]);
    expect(shown).not.toContain('s3cret-pass');
  });
});
