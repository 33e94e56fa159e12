import { sql, type ExpressionBuilder, type Expression, type SqlBool } from 'kysely';
import { ROLE_PERMISSIONS, type Permission, type RoleCode } from '../../../shared/permissions.js';
import { isWithin, minimalRoots, regionPrefix } from '../../../shared/region.js';
import { AppError } from '../errors.js';

export interface Grant {
  id: string;
  role: RoleCode;
  regionCode: string;
}

/** A logged-in caller. Residents without an account are `null` wherever a caller is taken. */
export interface Principal {
  userId: string;
  username: string;
  displayName: string;
  unitId: string | null;
  regionCode: string;
  locale: string;
  grants: Grant[];
  sessionId: string;
}

/** The region roots where the caller holds a permission: the scope every query applies. */
export interface Scope {
  roots: string[];
}

export function scopeOf(principal: Principal | null, permission: Permission): Scope {
  if (!principal) return { roots: [] };
  const roots = principal.grants
    .filter((g) => ROLE_PERMISSIONS[g.role].includes(permission))
    .map((g) => g.regionCode);
  return { roots: minimalRoots(roots) };
}

export function can(
  principal: Principal | null,
  permission: Permission,
  regionCode: string,
): boolean {
  return scopeOf(principal, permission).roots.some((root) => isWithin(regionCode, root));
}

/** True when the caller holds the permission anywhere at all. */
export function canAnywhere(principal: Principal | null, permission: Permission): boolean {
  return scopeOf(principal, permission).roots.length > 0;
}

/**
 * Throw unless the caller holds `permission` over `regionCode`. A caller who may read
 * there but not write gets READ_ONLY, so the screen can say why.
 */
export function requirePermission(
  principal: Principal | null,
  permission: Permission,
  regionCode: string,
): void {
  if (!principal) throw new AppError('UNAUTHENTICATED', 'log in first');
  if (can(principal, permission, regionCode)) return;
  const readPermission = permission.replace(/\.(write|run)$/, '.read') as Permission;
  if (readPermission !== permission && can(principal, readPermission, regionCode)) {
    throw new AppError('READ_ONLY', `read-only over ${regionCode}`, { regionCode });
  }
  throw new AppError(
    'FORBIDDEN',
    `no ${permission} over ${regionCode}`,
    { regionCode },
    'region.outOfScope',
  );
}

/** True when `regionCode` is inside the scope. */
export function inScope(scope: Scope, regionCode: string): boolean {
  return scope.roots.some((root) => isWithin(regionCode, root));
}

/**
 * A WHERE condition keeping rows whose region column lies in the scope: one index range
 * per root (`code >= prefix AND code < prefix || ':'`), nothing when the scope is empty.
 */
export function regionInScope(
  column: string,
  scope: Scope,
): <DB, TB extends keyof DB>(eb: ExpressionBuilder<DB, TB>) => Expression<SqlBool> {
  return <DB, TB extends keyof DB>(eb: ExpressionBuilder<DB, TB>) => {
    if (scope.roots.length === 0) return sql<SqlBool>`1 = 0`;
    const ref = sql.ref(column);
    return eb.or(
      scope.roots.map((root) => {
        const prefix = regionPrefix(root);
        return eb.and([eb(ref, '>=', prefix), eb(ref, '<', prefix + ':')]);
      }),
    );
  };
}
