// ESM consumer: loads the installed packages with `import` and runs the matrix cell (cell.cjs).
// Runs unchanged in Node.js, Bun and Deno.
import * as bxml from '@bw/bxml';
import * as emulator from '@bw/emulator';
import * as sdk from '@bw/sdk';
import * as voiceCallbacks from '@bw/voice/callbacks';
import cell from './cell.cjs';

await cell.runCell('import', { sdk, voiceCallbacks, bxml, emulator });
