import type {
  FastifyBaseLogger,
  FastifyInstance,
  RawReplyDefaultExpression,
  RawRequestDefaultExpression,
  RawServerDefault,
} from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Permission } from '../../../shared/permissions.js';
import type { Locale } from '../../../shared/messages.js';
import type { Config } from '../../config.js';
import type { Db } from '../../db/schema.js';
import type { Principal } from '../access/access.js';
import type { Actor } from '../audit/audit.js';
import { AppError } from '../errors.js';

/**
 * Who may call a route: anyone (`public`), any logged-in user (`user`), or a holder of a
 * permission somewhere (`permission`; the service then checks the region).
 */
export type Access = { public: true } | { user: true } | { permission: Permission };

export interface RouteInfo {
  method: string;
  url: string;
  access: Access | undefined;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
  }
  interface FastifyRequest {
    principal: Principal | null;
    csrfToken: string | null;
    locale: Locale;
    sessionError: unknown;
  }
  interface FastifyInstance {
    db: Db;
    config: Config;
    qfRoutes: RouteInfo[];
  }
}

export type App = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  ZodTypeProvider
>;

/** The audit actor for a request: the user, or an anonymous resident. */
export function actorOf(request: { principal: Principal | null; ip: string }): Actor {
  return request.principal
    ? { id: request.principal.userId, name: request.principal.username, ip: request.ip }
    : { id: null, name: 'resident', ip: request.ip };
}

/** The caller, or a 401: for routes whose access rule already required a login. */
export function principalOf(request: { principal: Principal | null }): Principal {
  if (!request.principal) throw new AppError('UNAUTHENTICATED', 'log in first');
  return request.principal;
}
