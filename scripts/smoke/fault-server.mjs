// The gate's side of the fault cases (cell.cjs `runFaults`): a loopback server that misbehaves on
// purpose and counts every request it receives, and the expectations a cell's outcomes are held
// to. Paths are `/<cell>/<scenario>/v1/…`, so one server serves every cell at once and the
// counts of one cell cannot mix with another's.
import { createServer } from 'node:http';
import { refusedPort } from '../../test-support/ports.mjs';

/**
 * What every runtime must report, per scenario: the SDK error class, and for 5xx the status.
 * `refused` has no server to count on: its GET is checked through the `beforeRetry` hook.
 */
export const faultExpectations = {
  refused: { error: 'ConnectionError' },
  dropped: { error: 'ConnectionError' },
  unavailable: { error: 'ServerError', status: 503 },
  hang: { error: 'TimeoutError' },
};

/** Starts the fault server on a free loopback port. */
export async function startFaultServer() {
  const counts = new Map();
  const sockets = new Set();
  const server = createServer((request, response) => {
    const [, cell, scenario] = (request.url ?? '').split('/');
    const key = `${cell} ${scenario} ${request.method}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
    if (scenario === 'dropped') {
      // The request arrived; the connection goes away before any byte of an answer.
      request.socket.destroy();
    } else if (scenario === 'unavailable') {
      response.writeHead(503, { 'content-type': 'application/json' });
      response.end(
        JSON.stringify({
          category: 'unavailable',
          code: 'service-unavailable',
          message: 'The service is temporarily unavailable',
        }),
      );
    } else if (scenario !== 'hang') {
      // `hang` never answers: the client's timeout must end it.
      response.writeHead(404).end();
    }
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  const url = await listen(server);
  return {
    url,
    /** Requests received for one cell, scenario and method. */
    count: (cell, scenario, method) => counts.get(`${cell} ${scenario} ${method}`) ?? 0,
    close: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** A loopback URL that refuses connections (see `test-support/ports.mjs`). */
export async function refusedUrl() {
  return `http://127.0.0.1:${await refusedPort()}`;
}

function listen(server) {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${server.address().port}`));
  });
}

/**
 * Holds one cell's fault outcomes to the expectations and to the server's counts. The SDK must
 * make `retryLimit` retries of a GET (its `beforeRetry` hook saw them, and at least that many more
 * requests reached the server) and none of a POST, which reaches the server exactly once. A
 * runtime's own fetch may repeat an idempotent request on a dropped keep-alive connection (Bun
 * does); that is allowed for a GET and reported as a note. Returns `{ problems, notes }`.
 */
export function checkFaultOutcomes(cell, outcomes, server, retryLimit) {
  const problems = [];
  const notes = [];
  for (const [scenario, expected] of Object.entries(faultExpectations)) {
    for (const method of ['GET', 'POST']) {
      const outcome = outcomes?.[scenario]?.[method];
      const where = `${scenario} ${method}`;
      if (!outcome) {
        problems.push(`${where}: no outcome`);
        continue;
      }
      if (outcome.error !== expected.error || !outcome.isSdkClass) {
        problems.push(
          `${where}: expected ${expected.error}, got ${
            outcome.error
              ? `${outcome.error}${outcome.isSdkClass ? '' : ' (not the SDK class)'}: ${outcome.message}`
              : `a resolved value ${outcome.resolved}`
          }`,
        );
      }
      if (expected.status !== undefined && outcome.status !== expected.status) {
        problems.push(`${where}: status ${outcome.status}, expected ${expected.status}`);
      }
      const attempts = (method === 'GET' ? retryLimit : 0) + 1;
      // Nothing reaches the server when the connection is refused, so the SDK may retry either
      // method; the GET must be retried.
      if ((method === 'GET' || scenario !== 'refused') && outcome.retries !== attempts - 1) {
        problems.push(
          `${where}: the SDK retried ${outcome.retries} times, expected ${attempts - 1}`,
        );
      }
      if (scenario === 'refused') continue;
      const received = server.count(cell, scenario, method);
      if (method === 'POST' && received !== 1) {
        problems.push(
          `${where}: the server received ${received} request(s), expected 1 (a POST that was sent must never be repeated)`,
        );
      } else if (method === 'GET' && received < attempts) {
        problems.push(`${where}: the server received ${received} request(s), expected ${attempts}`);
      } else if (method === 'GET' && received > attempts) {
        notes.push(
          `${where}: ${received} requests reached the server for ${attempts} SDK attempts (the runtime's fetch repeated an idempotent request)`,
        );
      }
    }
  }
  return { problems, notes };
}
