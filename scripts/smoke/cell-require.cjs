// CommonJS consumer: loads the installed packages with `require()` and runs the matrix cell
// (cell.cjs). Runs unchanged in Node.js, Bun and Deno.
const { runCell } = require('./cell.cjs');

runCell('require', {
  sdk: require('@bw/sdk'),
  voiceCallbacks: require('@bw/voice/callbacks'),
  bxml: require('@bw/bxml'),
  emulator: require('@bw/emulator'),
});
