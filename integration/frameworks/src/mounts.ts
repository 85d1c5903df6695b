// The app of `app.ts` mounted in each framework that runs on Node, the way its recipe in the
// callbacks docs shows: `/messages` and `/voice`, GET and POST.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import express from 'express';
import express4 from 'express4';
import Fastify from 'fastify';
import { Hono } from 'hono';
import { type AppReport, createApp } from './app.ts';

/** A running server: its base URL and how to stop it. */
export interface Mounted {
  url: string;
  /** TCP connections accepted so far, where the server is a `node:http` one the test can watch. */
  connections?(): number;
  close(): Promise<void>;
}

/** Counts the connections `server` accepts. */
function countConnections(server: Server): () => number {
  let count = 0;
  server.on('connection', () => count++);
  return () => count;
}

/** Starts a framework's server with the app on a free loopback port. */
export type Mount = (report: (entry: AppReport) => void) => Promise<Mounted>;

async function listenNode(server: Server): Promise<Mounted> {
  const connections = countConnections(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    connections,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

/** `node:http`: one listener routing by path. */
export const nodeHttp: Mount = (report) => {
  const { messaging, voice } = createApp('node:http', report);
  return listenNode(
    createServer((req, res) => {
      const path = new URL(req.url ?? '/', 'http://localhost').pathname;
      if (path === '/messages') messaging.node(req, res);
      else if (path === '/voice') voice.node(req, res);
      else res.writeHead(404).end();
    }),
  );
};

/** Express 5, with `express.json()` in front as most apps have it. */
export const express5: Mount = (report) => {
  const { messaging, voice } = createApp('Express 5', report);
  const app = express();
  app.use(express.json());
  app.post('/messages', messaging.node);
  app.get('/messages', messaging.node);
  app.post('/voice', voice.node);
  app.get('/voice', voice.node);
  return listenNode(createServer(app));
};

/** Express 4, without a body parser: the handler reads the stream. */
export const expressFour: Mount = (report) => {
  const { messaging, voice } = createApp('Express 4', report);
  const app = express4();
  app.all('/messages', messaging.node);
  app.all('/voice', voice.node);
  return listenNode(createServer(app));
};

/** Fastify 5: its parsed body goes along with the raw request; the handler writes the reply. */
export const fastify: Mount = async (report) => {
  const { messaging, voice } = createApp('Fastify 5', report);
  const app = Fastify();
  app.route({
    method: ['GET', 'POST'],
    url: '/messages',
    handler: (request, reply) =>
      messaging.node(Object.assign(request.raw, { body: request.body }), reply.hijack().raw),
  });
  app.route({
    method: ['GET', 'POST'],
    url: '/voice',
    handler: (request, reply) =>
      voice.node(Object.assign(request.raw, { body: request.body }), reply.hijack().raw),
  });
  const connections = countConnections(app.server);
  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  return { url, connections, close: () => app.close() };
};

/** Hono on Node (`@hono/node-server`): the Fetch handler gets Hono's `Request`. */
export const hono: Mount = async (report) => {
  const { messaging, voice } = createApp('Hono', report);
  const app = new Hono();
  app.on(['GET', 'POST'], '/messages', (c) => messaging(c.req.raw));
  app.on(['GET', 'POST'], '/voice', (c) => voice(c.req.raw));
  let server: ReturnType<typeof serve> | undefined;
  let connections = 0;
  const port = await new Promise<number>((resolve) => {
    server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info) =>
      resolve(info.port),
    );
    server.on('connection', () => connections++);
  });
  return {
    url: `http://127.0.0.1:${port}`,
    connections: () => connections,
    close: () =>
      new Promise<void>((resolve, reject) =>
        server?.close((error) => (error ? reject(error) : resolve())),
      ),
  };
};
