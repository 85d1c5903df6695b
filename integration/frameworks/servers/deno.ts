// `deno run servers/deno.ts`: the app served by `Deno.serve`, routing by path.
import { createApp } from '../src/app.ts';
import { print } from './report.ts';

// The part of Deno's API this script uses (the project does not carry Deno's types).
declare const Deno: {
  serve(
    options: { hostname: string; port: number; onListen(address: { port: number }): void },
    handler: (request: Request) => Promise<Response> | Response,
  ): unknown;
};

const { messaging, voice } = createApp('Deno', print);
Deno.serve(
  { hostname: '127.0.0.1', port: 0, onListen: ({ port }) => print({ kind: 'listening', port }) },
  (request) => {
    const path = new URL(request.url).pathname;
    if (path === '/messages') return messaging(request);
    if (path === '/voice') return voice(request);
    return new Response('Not Found', { status: 404 });
  },
);
