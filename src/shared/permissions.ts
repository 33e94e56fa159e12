/**
 * Roles and what they may do. A user's rights are grants: a role over a region subtree.
 * Roles are code, not data: every module checks the same names, and tests walk them all.
 */
export const PERMISSIONS = [
  'region.read',
  'region.write',
  'unit.read',
  'unit.write',
  'user.read',
  'user.write',
  'user.readSensitive',
  'audit.read',
  'calendar.write',
  'policy.write',
  'ledger.read',
  'ledger.write',
  'ledger.review',
  'ledger.override',
  'case.read',
  'case.handle',
  'case.dispatch',
  'case.verify',
  'case.config',
  'figures.read',
  'supervision.read',
  'supervision.configure',
  'supervision.duty',
  'supervision.manage',
  'supervision.report',
  'job.run',
  'file.read',
  'file.write',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

export const ROLE_CODES = [
  'sysadmin',
  'town_admin',
  'discipline_officer',
  'county_viewer',
  'village_cadre',
  'liaison_officer',
  'informant',
  'market_inspector',
  'caseworker',
  'service_staff',
] as const;
export type RoleCode = (typeof ROLE_CODES)[number];

const READ_BASE: Permission[] = ['region.read', 'unit.read', 'file.read', 'ledger.read'];
const WRITE_BASE: Permission[] = [...READ_BASE, 'file.write'];

const HANDLE: Permission[] = ['case.read', 'case.handle'];

export const ROLE_PERMISSIONS: Record<RoleCode, readonly Permission[]> = {
  sysadmin: PERMISSIONS,
  town_admin: [
    ...WRITE_BASE,
    'region.write',
    'unit.write',
    'user.read',
    'user.write',
    'user.readSensitive',
    'audit.read',
    'calendar.write',
    'ledger.write',
    'ledger.review',
    'ledger.override',
    ...HANDLE,
    'case.dispatch',
    'case.verify',
    'case.config',
    'figures.read',
    'supervision.read',
    'supervision.configure',
    'supervision.duty',
    'supervision.manage',
    'supervision.report',
    'job.run',
  ],
  discipline_officer: [
    ...WRITE_BASE,
    'user.read',
    'audit.read',
    ...HANDLE,
    'case.dispatch',
    'case.verify',
    'figures.read',
    'supervision.read',
    'supervision.duty',
    'supervision.manage',
    'supervision.report',
  ],
  county_viewer: [
    ...READ_BASE,
    'user.read',
    'audit.read',
    'case.read',
    'figures.read',
    'supervision.read',
  ],
  village_cadre: [...WRITE_BASE, 'ledger.write', ...HANDLE, 'figures.read', 'supervision.read'],
  liaison_officer: [
    ...WRITE_BASE,
    ...HANDLE,
    'supervision.read',
    'supervision.duty',
    'supervision.report',
  ],
  informant: [...WRITE_BASE, 'supervision.report'],
  market_inspector: [...WRITE_BASE, ...HANDLE],
  caseworker: [...WRITE_BASE, ...HANDLE],
  service_staff: [...WRITE_BASE, ...HANDLE],
};

/** Roles whose holders must be able to turn on a TOTP second factor. */
export const ADMIN_ROLES: readonly RoleCode[] = ['sysadmin', 'town_admin'];

export function roleHas(role: RoleCode, permission: Permission): boolean {
  return ROLE_PERMISSIONS[role].includes(permission);
}
