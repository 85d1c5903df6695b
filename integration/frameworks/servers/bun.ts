// `bun servers/bun.ts`: the app served by `Bun.serve`, its routes mapped to the Fetch handlers.
import { createApp } from '../src/app.ts';
import { print } from './report.ts';

// The part of Bun's API this script uses (the project does not carry Bun's type package).
declare const Bun: {
  serve(options: {
    hostname: string;
    port: number;
    routes: Record<string, (request: Request) => Promise<Response>>;
    fetch(request: Request): Response;
  }): { port: number };
};

const { messaging, voice } = createApp('Bun', print);
const server = Bun.serve({
  hostname: '127.0.0.1',
  port: 0,
  routes: { '/messages': messaging, '/voice': voice },
  fetch: () => new Response('Not Found', { status: 404 }),
});
print({ kind: 'listening', port: server.port });
