// CommonJS consumer: loads the installed packages with require() and runs the message round trip
// (round-trip.cjs). Runs unchanged in Node.js, Bun and Deno.
const { roundTrip } = require('./round-trip.cjs');

roundTrip('require', {
  emulator: require('@bw/emulator'),
  messaging: require('@bw/messaging'),
  callbacks: require('@bw/messaging/callbacks'),
});
