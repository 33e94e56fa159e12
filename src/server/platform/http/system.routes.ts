import { sql } from 'kysely';
import client from 'prom-client';
import { z } from 'zod';
import type { App } from './types.js';

/** /healthz, /metrics (Prometheus) and /api/docs (OpenAPI 3). */
export function registerSystemRoutes(app: App): void {
  const registry = new client.Registry();
  client.collectDefaultMetrics({ register: registry, prefix: 'qingfeng_' });
  const duration = new client.Histogram({
    name: 'qingfeng_http_request_duration_seconds',
    help: 'HTTP request duration by route and status',
    labelNames: ['method', 'route', 'status'],
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [registry],
  });

  // One bound series per route and status, found without building a label key per request.
  const series = new Map<string, client.Histogram.Internal<'method' | 'route' | 'status'>>();
  app.addHook('onResponse', (request, reply, done) => {
    const route = request.routeOptions.url ?? 'unmatched';
    const key = `${request.method} ${route} ${reply.statusCode}`;
    let child = series.get(key);
    if (!child) {
      child = duration.labels({ method: request.method, route, status: String(reply.statusCode) });
      series.set(key, child);
    }
    child.observe(reply.elapsedTime / 1000);
    done();
  });

  app.get(
    '/healthz',
    {
      schema: { hide: true, response: { 200: z.object({ status: z.literal('ok') }) } },
      config: { access: { public: true } },
    },
    async () => {
      await sql`select 1`.execute(app.db);
      return { status: 'ok' as const };
    },
  );

  app.get(
    '/metrics',
    { schema: { hide: true }, config: { access: { public: true } } },
    async (_request, reply) => {
      reply.header('content-type', registry.contentType);
      return registry.metrics();
    },
  );

  app.get('/api/docs', { schema: { hide: true }, config: { access: { public: true } } }, async () =>
    app.swagger(),
  );
}
