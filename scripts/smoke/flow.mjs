// ESM consumer: loads the installed packages with import and runs the message round trip
// (round-trip.cjs). Runs unchanged in Node.js, Bun and Deno.
import * as emulator from '@bw/emulator';
import * as messaging from '@bw/messaging';
import * as callbacks from '@bw/messaging/callbacks';
import roundTripModule from './round-trip.cjs';

await roundTripModule.roundTrip('import', { emulator, messaging, callbacks });
