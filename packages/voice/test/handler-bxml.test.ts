// A small IVR answered with @bw/bxml documents, the way the README shows it: the handler renders
// any object with toXml() and @bw/voice itself never imports @bw/bxml.
import { BxmlBuilder, speakSentence } from '@bw/bxml';
import { expect, test } from 'vitest';
import { createVoiceCallbackHandler } from '../src/callbacks';

const handler = createVoiceCallbackHandler({
  onEvent: (event) => {
    switch (event.eventType) {
      case 'answer':
        return new BxmlBuilder().gather(
          { requestUrl: 'https://app.example.com/voice', maxDigits: 1 },
          speakSentence('Press 1 for sales, 2 for support'),
        );
      case 'gather':
        return new BxmlBuilder()
          .speakSentence(event.digits === '1' ? 'Sales & billing' : 'Support')
          .hangup();
      default:
        return undefined;
    }
  },
});

function get(query: string): Promise<Response> {
  return handler(new Request(`https://app.example.com/voice?${query}`));
}

test('the answer callback gets the Gather document as application/xml', async () => {
  const response = await get('eventType=answer&callId=c-1&callState=active');
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toBe('application/xml; charset=utf-8');
  const xml = await response.text();
  expect(xml).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?><Response><Gather /);
  expect(xml).toContain('requestUrl="https://app.example.com/voice"');
  expect(xml).toContain('<SpeakSentence>Press 1 for sales, 2 for support</SpeakSentence>');
});

test('the gather callback is answered from its digits, with text escaped', async () => {
  const response = await get(
    'eventType=gather&callId=c-1&digits=1&state=completed&reason=max-digits',
  );
  const xml = await response.text();
  expect(xml).toContain('<SpeakSentence>Sales &amp; billing</SpeakSentence><Hangup/>');
});

test('an event the app does not answer gets 200 with no body and no XML type', async () => {
  const response = await get('eventType=hangup&callId=c-1&cause=NORMAL_CLEARING');
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toBeNull();
  expect(await response.text()).toBe('');
});
