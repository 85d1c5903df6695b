// A loopback port that refuses connections, for tests of a connection that cannot be made. A
// port bound and released a moment ago is not enough: the system hands ports out again for
// `listen(0)`, so another test (or another gate cell) running at the same time may be listening
// on it by the time the request is sent, and the request reaches that server instead.
import { readFileSync } from 'node:fs';
import { connect } from 'node:net';

/** Ports the system picks from for `listen(0)`: Linux's configured range, else the IANA one. */
function ephemeralRange() {
  try {
    const [low, high] = readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8')
      .trim()
      .split(/\s+/)
      .map(Number);
    if (low > 0 && high >= low) return [low, high];
  } catch {
    // Not Linux: the range macOS and Windows use.
  }
  return [49152, 65535];
}

/** Resolves true when a connection to 127.0.0.1:`port` is refused. */
function refuses(port) {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', (error) => resolve(error.code === 'ECONNREFUSED'));
  });
}

/**
 * A loopback port nothing listens on, outside the range `listen(0)` draws from (so no server
 * started meanwhile takes it), checked to refuse a connection now.
 */
export async function refusedPort() {
  const [low, high] = ephemeralRange();
  // Above 10,000 (below it, well-known services), on whichever side of the range is wider.
  const [from, to] = low - 10_000 >= 65_535 - high ? [10_000, low - 1] : [high + 1, 65_535];
  for (let attempt = 0; attempt < 100; attempt++) {
    const port = from + Math.floor(Math.random() * (to - from + 1));
    if (await refuses(port)) return port;
  }
  throw new Error(`no refusing loopback port found between ${from} and ${to}`);
}
