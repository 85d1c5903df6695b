// A burst of connections while the emulator's event loop is busy: the kernel must hold all of
// them until the emulator accepts (none dropped, so no connect timeout or ECONNRESET).
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { emulator } from './helpers';

/** More than Node's default listen backlog (511). */
const BURST = 700;

/**
 * Opens `count` connections to `port`; prints how many were established within `ms` (the TCP
 * handshake is the kernel's: it completes while the server's process is busy, as long as the
 * listen queue has room).
 */
const CONNECTOR = `
const { connect } = require('node:net');
const [port, count, ms] = process.argv.slice(1).map(Number);
let connected = 0;
const sockets = [];
const done = () => { process.stdout.write(String(connected)); for (const s of sockets) s.destroy(); process.exit(0); };
setTimeout(done, ms);
for (let i = 0; i < count; i++) {
  const socket = connect(port, '127.0.0.1');
  socket.on('error', () => {});
  socket.on('connect', () => { if (++connected === count) done(); });
  sockets.push(socket);
}
`;

describe('listen backlog', () => {
  it(`holds a burst of ${BURST} connections opened while the event loop is blocked`, async () => {
    const emu = await emulator();
    const { port } = new URL(emu.url);
    // spawnSync blocks this process, the emulator's: nothing is accepted until it returns.
    const run = spawnSync(process.execPath, ['-e', CONNECTOR, port, String(BURST), '3000'], {
      encoding: 'utf8',
    });
    expect(run.status).toBe(0);
    expect(Number(run.stdout)).toBe(BURST);
    // And the emulator still answers afterwards.
    expect((await emu.api('GET', `${emu.base}/messages`)).status).toBe(200);
  }, 20_000);
});
