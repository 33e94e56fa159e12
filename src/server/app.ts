import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import cookie from '@fastify/cookie';
import multipart from '@fastify/multipart';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import Fastify, { LogController, type FastifyRequest } from 'fastify';
import fastJson from 'fast-json-stringify';
import {
  jsonSchemaTransform,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { z } from 'zod';
import { pickLocale } from '../shared/messages.js';
import type { Config } from './config.js';
import type { Db } from './db/schema.js';
import { registerAuditRoutes } from './modules/audit/audit.routes.js';
import { registerCaseRoutes } from './modules/cases/cases.routes.js';
import { registerOpen311Routes } from './modules/open311/open311.routes.js';
import { registerDecisionRoutes } from './modules/decisions/decisions.routes.js';
import { registerDisclosurePages } from './modules/disclosure/disclosure.pages.js';
import { registerDisclosureRoutes } from './modules/disclosure/disclosure.routes.js';
import { registerFiguresRoutes } from './modules/figures/figures.routes.js';
import { registerLedgerRoutes } from './modules/ledger/ledger.routes.js';
import { registerPolicyRoutes } from './modules/policy/policy.routes.js';
import { registerSupervisionRoutes } from './modules/supervision/supervision.routes.js';
import { registerSupervisionFiguresRoutes } from './modules/supervision/figures.routes.js';
import { registerPublicRoutes } from './modules/public/public.routes.js';
import { registerRegionRoutes } from './modules/regions/regions.routes.js';
import { registerServiceRoutes } from './modules/services/services.routes.js';
import { registerUserRoutes } from './modules/users/users.routes.js';
import { requirePermissionAnywhere } from './platform/access/access.js';
import { WRITES_CHANNEL } from './platform/audit/audit.js';
import { listenForWrites, setReadCacheEnabled } from './platform/cache/read-cache.js';
import { registerAuthRoutes, SESSION_COOKIE } from './platform/auth/auth.routes.js';
import { registerCalendarRoutes } from './platform/calendar/calendar.routes.js';
import { authenticate } from './platform/auth/auth.service.js';
import { AppError } from './platform/errors.js';
import { registerFileRoutes } from './platform/files/files.routes.js';
import { registerNotifyRoutes } from './platform/notify/notify.routes.js';
import { sendError } from './platform/http/errors.js';
import { registerSystemRoutes } from './platform/http/system.routes.js';
import type { App, RouteInfo } from './platform/http/types.js';

const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** Security headers, computed once: the API's answers need few; pages get the full set. */
const API_HEADERS = {
  'cross-origin-resource-policy': 'same-origin',
  'referrer-policy': 'no-referrer',
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'SAMEORIGIN',
} as const;
const PAGE_HEADERS = {
  ...API_HEADERS,
  'content-security-policy':
    "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; script-src 'self'; " +
    "connect-src 'self'; font-src 'self' data:; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'self'",
  'cross-origin-opener-policy': 'same-origin',
  'origin-agent-cluster': '?1',
  'x-dns-prefetch-control': 'off',
  'x-permitted-cross-domain-policies': 'none',
} as const;

export interface BuildOptions {
  db: Db;
  config: Config;
  /** Folder of the built web app; served when it exists. */
  webDir?: string;
  logger?: boolean;
}

/** The built web app: dist/web at the package root, whether this file runs from dist/ or src/. */
const defaultWebDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../dist/web');

/** The whole HTTP application, used alike by `qingfeng serve` and by the tests. */
/**
 * A serializer that writes the JSON of a frozen object — one from the read cache, which never
 * changes — only once, as UTF-8 bytes (Fastify sends a Buffer as it is; a string it measures
 * and encodes again).
 */
function writeOnce(serialize: (data: unknown) => string): (data: unknown) => string {
  const written = new WeakMap<object, Buffer>();
  return ((data: unknown) => {
    if (!data || typeof data !== 'object' || !Object.isFrozen(data)) return serialize(data);
    let bytes = written.get(data);
    if (bytes === undefined) {
      bytes = Buffer.from(serialize(data));
      written.set(data, bytes);
    }
    return bytes;
  }) as (data: unknown) => string;
}

export async function buildApp({
  db,
  config,
  webDir = defaultWebDir,
  logger = false,
}: BuildOptions): Promise<App> {
  const app = Fastify({
    logger: logger ? { level: config.logLevel } : false,
    logController: new LogController({ disableRequestLogging: !config.accessLog }),
    trustProxy: process.env.QF_TRUST_PROXY === '1',
    bodyLimit: 1024 * 1024,
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  // Responses are written by a serializer compiled from each route's response schema: it
  // emits only the declared fields, and is several times faster than validating with zod.
  app.setSerializerCompiler(({ schema }) => {
    const json = z.toJSONSchema(schema as z.ZodType, {
      target: 'draft-7',
      io: 'output',
      unrepresentable: 'any',
    });
    delete json.$schema;
    return writeOnce(fastJson(json as Parameters<typeof fastJson>[0]));
  });
  // Routes without a response schema (Open311's GeoReport shapes) are written the same way.
  app.setReplySerializer(writeOnce(JSON.stringify));
  app.decorate('db', db);
  app.decorate('config', config);
  app.decorate('qfRoutes', [] as RouteInfo[]);
  app.decorateRequest('principal', null);
  app.decorateRequest('csrfToken', null);
  app.decorateRequest('locale', 'zh-CN');
  app.decorateRequest('sessionError', null);

  app.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    for (const method of methods) {
      // Static files of the web app are not API routes.
      const api =
        route.url.startsWith('/api/') || route.url === '/healthz' || route.url === '/metrics';
      if (method === 'HEAD' || !api || route.url.startsWith('/api/docs')) continue;
      if (route.url.startsWith('/api/v1') && !route.config?.access) {
        throw new Error(`route ${method} ${route.url} declares no access rule`);
      }
      app.qfRoutes.push({ method, url: route.url, access: route.config?.access });
    }
  });

  setReadCacheEnabled(db, config.readCache);
  if (config.readCache && config.databaseUrl) {
    const stop = await listenForWrites(db, config.databaseUrl, WRITES_CHANNEL);
    app.addHook('onClose', stop);
  }

  app.setErrorHandler((error, request, reply) => sendError(request, reply, error));
  app.setNotFoundHandler((request, reply) => {
    if (request.url.startsWith('/api/') || !existsSync(path.join(webDir, 'index.html'))) {
      return sendError(request, reply, new AppError('NOT_FOUND', 'no such route'));
    }
    return reply.type('text/html').sendFile('index.html');
  });

  await app.register(cookie, { secret: config.secret });
  app.addHook('onRequest', (request, reply, done) => {
    reply.headers(request.url.startsWith('/api/') ? API_HEADERS : PAGE_HEADERS);
    done();
  });
  await app.register(rateLimit, { global: false });
  await app.register(multipart, { limits: { fileSize: config.uploadLimitBytes, files: 9 } });
  await app.register(swagger, {
    openapi: {
      info: { title: 'Qingfeng 清风 API', version: '1' },
      components: {
        securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE } },
      },
    },
    transform: jsonSchemaTransform,
  });

  // Checking a cookie's signature is an HMAC; remember the cookies already checked.
  const verifiedCookies = new Map<string, string>();
  const verifyCookie = (request: FastifyRequest, signed: string): string => {
    const unsigned = request.unsignCookie(signed);
    if (!unsigned.valid || !unsigned.value) throw new AppError('SESSION_EXPIRED', 'bad cookie');
    if (verifiedCookies.size >= 10_000) verifiedCookies.clear();
    verifiedCookies.set(signed, unsigned.value);
    return unsigned.value;
  };

  // Who is calling, in which language; then whether the route lets them.
  app.addHook('onRequest', async (request) => {
    const signed = request.cookies[SESSION_COOKIE];
    if (signed) {
      try {
        const token = verifiedCookies.get(signed) ?? verifyCookie(request, signed);
        const session = await authenticate(db, config, token);
        request.principal = session.principal;
        request.csrfToken = session.csrfToken;
      } catch (error) {
        request.sessionError = error;
      }
    }
    const header = request.headers['x-qf-locale'];
    request.locale = pickLocale(
      typeof header === 'string' ? header : undefined,
      request.cookies.qf_locale,
      request.principal?.locale,
      request.headers['accept-language'],
    );
  });

  app.addHook('preHandler', async (request) => {
    const access = request.routeOptions.config.access;
    if (!access || 'public' in access) return;
    if (!request.principal) {
      throw request.sessionError instanceof AppError
        ? request.sessionError
        : new AppError('UNAUTHENTICATED', 'log in first');
    }
    if (
      UNSAFE_METHODS.has(request.method) &&
      request.headers['x-csrf-token'] !== request.csrfToken
    ) {
      throw new AppError('CSRF', 'missing or wrong CSRF token');
    }
    if ('permission' in access) requirePermissionAnywhere(request.principal, access.permission);
  });

  registerSystemRoutes(app);
  registerAuthRoutes(app);
  registerRegionRoutes(app);
  registerUserRoutes(app);
  registerAuditRoutes(app);
  registerFileRoutes(app);
  registerCalendarRoutes(app);
  registerPolicyRoutes(app);
  registerSupervisionRoutes(app);
  registerSupervisionFiguresRoutes(app);
  registerLedgerRoutes(app);
  registerDecisionRoutes(app);
  registerDisclosureRoutes(app);
  registerFiguresRoutes(app);
  registerDisclosurePages(app);
  registerCaseRoutes(app);
  registerOpen311Routes(app);
  registerServiceRoutes(app);
  registerNotifyRoutes(app);
  registerPublicRoutes(app);

  if (existsSync(path.join(webDir, 'index.html'))) {
    await app.register(fastifyStatic, {
      root: webDir,
      wildcard: false,
      index: ['index.html'],
      // The build writes .br and .gz beside each file (vite.config.ts).
      preCompressed: true,
      setHeaders: (res, file) => {
        // Hashed file names never change content: let browsers keep them.
        if (file.includes(`${path.sep}assets${path.sep}`)) {
          res.header('cache-control', 'public, max-age=31536000, immutable');
        }
      },
    });
  }
  return app;
}
