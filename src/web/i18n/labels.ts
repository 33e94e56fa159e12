import type { TFunction } from 'i18next';
import { DETAIL_MESSAGES } from '../../shared/messages.js';
import type { Permission, RoleCode } from '../../shared/permissions.js';
import type { ProcurementMethod, WorksMethod } from '../../shared/policy.js';
import type { RegionLevel } from '../../shared/region.js';
import { yuanDigits } from '../format.js';
import i18n from './index.js';

/** Translate a key built at run time from server data; unknown keys show the raw value. */
function dynamic(
  t: TFunction,
  prefix: 'auditAction' | 'auditEntity' | 'regionKind',
  value: string,
) {
  const key = `${prefix}.${value}`;
  if (!i18n.exists(key)) return value;
  const translated: unknown = t(key as 'auditAction.auth.login');
  return typeof translated === 'string' ? translated : value;
}

export const roleLabel = (t: TFunction, role: RoleCode): string => t(`role.${role}`);

export const permissionLabel = (t: TFunction, permission: Permission): string =>
  t(`permission.${permission}`);

export const dayKindLabel = (t: TFunction, kind: 'holiday' | 'workday'): string =>
  t(`calendar.kinds.${kind}`);

export const worksMethodLabel = (t: TFunction, method: WorksMethod): string =>
  t(`policy.worksMethods.${method}`);

export const procurementMethodLabel = (t: TFunction, method: ProcurementMethod): string =>
  t(`policy.procurementMethods.${method}`);

/** An amount in integer fen, shown in yuan with thousands separators (e.g. `100,000 元`). */
export const yuanLabel = (t: TFunction, fen: number): string =>
  t('common.yuan', { amount: yuanDigits(fen) });

export const regionLevelLabel = (t: TFunction, level: RegionLevel): string =>
  t(`regionLevel.${level}`);

export const auditActionLabel = (t: TFunction, action: string): string =>
  dynamic(t, 'auditAction', action);

export const auditEntityLabel = (t: TFunction, entity: string): string =>
  dynamic(t, 'auditEntity', entity);

export const regionKindLabel = (t: TFunction, kind: string): string =>
  dynamic(t, 'regionKind', kind);

/** Every audit action the app has a name for, e.g. `auth.login`. */
export function knownAuditActions(): string[] {
  const groups = i18n.getResource('zh-CN', 'translation', 'auditAction') as Record<
    string,
    Record<string, string>
  >;
  return Object.entries(groups).flatMap(([group, actions]) =>
    Object.keys(actions).map((name) => `${group}.${name}`),
  );
}

/** A situation message shared with the server (e.g. the password rules), in the current language. */
export function detailMessage(key: string): string {
  const locale = i18n.language === 'en-US' ? 'en-US' : 'zh-CN';
  return DETAIL_MESSAGES[locale][key] ?? key;
}
