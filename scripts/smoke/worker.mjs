// The workerd cell: a Worker bundled with esbuild from the installed packages (browser/worker
// conditions, so the build a Cloudflare Worker gets). The gate drives it over HTTP:
//   POST /send    { url, userId, apiToken, apiSecret } → sends a message to the emulator on loopback
//   POST /faults  { faultUrl, refusedUrl, cell }   → the fault cases against the gate's server
//   GET|POST /voice…                               → the voice callback handler, as this Worker's fetch
// Each JSON route answers the outcome of cell.cjs's check as JSON.
import * as bxml from '@bw/bxml';
import * as sdk from '@bw/sdk';
import * as voiceCallbacks from '@bw/voice/callbacks';
import cell from './cell.cjs';

const handleCallback = cell.createAnswerHandler(voiceCallbacks, bxml);

const json = (value) =>
  new Response(JSON.stringify(value), { headers: { 'content-type': 'application/json' } });

export default {
  async fetch(request) {
    const { pathname } = new URL(request.url);
    if (pathname === '/voice') return handleCallback(request);
    if (pathname === '/send' && request.method === 'POST') {
      return json(await cell.sendMessage(sdk, await request.json(), 'workerd via bundle'));
    }
    if (pathname === '/faults' && request.method === 'POST') {
      return json(await cell.runFaults(sdk, await request.json()));
    }
    return new Response('not found', { status: 404 });
  },
};
