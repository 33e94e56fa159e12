import { sql, type ExpressionBuilder, type Expression, type SqlBool } from 'kysely';
import { ROLE_PERMISSIONS, type Permission, type RoleCode } from '../../../shared/permissions.js';
import { isWithin, minimalRoots, regionLevel, regionPrefix } from '../../../shared/region.js';
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
 * The error for a caller who lacks `permission` where `holds` looks. A caller who may read
 * there but not write gets READ_ONLY, so the screen can say why.
 */
function refusal(
  permission: Permission,
  holds: (p: Permission) => boolean,
  regionCode?: string,
): AppError {
  const readPermission = permission.replace(/\.(write|run)$/, '.read') as Permission;
  const details = regionCode ? { regionCode } : undefined;
  if (readPermission !== permission && holds(readPermission)) {
    return new AppError('READ_ONLY', `read-only for ${permission}`, details);
  }
  return new AppError(
    'FORBIDDEN',
    `no ${permission}`,
    details,
    regionCode ? 'region.outOfScope' : undefined,
  );
}

/** Throw unless the caller holds `permission` over `regionCode`. */
export function requirePermission(
  principal: Principal | null,
  permission: Permission,
  regionCode: string,
): void {
  if (!principal) throw new AppError('UNAUTHENTICATED', 'log in first');
  if (!can(principal, permission, regionCode)) {
    throw refusal(permission, (p) => can(principal, p, regionCode), regionCode);
  }
}

/** Throw unless the caller holds `permission` over some region (the route-level check). */
export function requirePermissionAnywhere(
  principal: Principal | null,
  permission: Permission,
): void {
  if (!principal) throw new AppError('UNAUTHENTICATED', 'log in first');
  if (!canAnywhere(principal, permission))
    throw refusal(permission, (p) => canAnywhere(principal, p));
}

/** True when `regionCode` is inside the scope. */
export function inScope(scope: Scope, regionCode: string): boolean {
  return scope.roots.some((root) => isWithin(regionCode, root));
}

/**
 * A WHERE condition keeping rows whose region column lies in the region's subtree. A village
 * has no subtree: it is one value of the index (`code = ?`), which also gives the index's
 * next column in order, so "a village's newest" never walks a county's date index. Any other
 * region is one index range (`code >= prefix AND code < prefix || ':'`).
 */
export function inRegion(
  column: string,
  regionCode: string,
): <DB, TB extends keyof DB>(eb: ExpressionBuilder<DB, TB>) => Expression<SqlBool> {
  return <DB, TB extends keyof DB>(eb: ExpressionBuilder<DB, TB>) => {
    const ref = sql.ref(column);
    if (regionLevel(regionCode) === 'village') return eb(ref, '=', regionCode);
    const prefix = regionPrefix(regionCode);
    return eb.and([eb(ref, '>=', prefix), eb(ref, '<', prefix + ':')]);
  };
}

/**
 * A WHERE condition keeping rows whose region column lies in the scope: one index range
 * per root (see `inRegion`), nothing when the scope is empty.
 */
export function regionInScope(
  column: string,
  scope: Scope,
): <DB, TB extends keyof DB>(eb: ExpressionBuilder<DB, TB>) => Expression<SqlBool> {
  return <DB, TB extends keyof DB>(eb: ExpressionBuilder<DB, TB>) => {
    if (scope.roots.length === 0) return sql<SqlBool>`1 = 0`;
    return eb.or(scope.roots.map((root) => inRegion(column, root)(eb)));
  };
}
