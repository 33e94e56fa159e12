import { nanoid } from 'nanoid';
import type { Db } from '../db/schema.js';
import { insertAudited, SYSTEM_ACTOR, transact } from '../platform/audit/audit.js';
import { hashPassword } from '../platform/auth/password.js';
import { newUserRow } from '../modules/users/users.service.js';
import { demoTown, type DemoAccount } from './demo-town.js';

export async function isEmpty(db: Db): Promise<boolean> {
  const row = await db.selectFrom('region').select('code').limit(1).executeTakeFirst();
  return row === undefined;
}

export interface SeedSummary {
  regions: number;
  units: number;
  users: number;
  accounts: DemoAccount[];
  password: string;
}

/**
 * Load the fictional demo town (清溪镇 in 清源县) through the audited write path: regions,
 * units, one account per role and the people of the liaison stations.
 */
export async function seedDemo(db: Db): Promise<SeedSummary> {
  const town = demoTown();
  // Demo data only: every demo login shares one password, so it is hashed once.
  const passwordHash = await hashPassword(town.password);
  const now = new Date().toISOString();
  const actor = { ...SYSTEM_ACTOR, name: 'seed' };
  let users = 0;
  await transact(db, async (trx) => {
    for (const [sort, region] of town.regions.entries()) {
      await insertAudited(trx, actor, 'region', {
        code: region.code,
        parent_code: region.parentCode,
        name: region.name,
        level: region.level,
        kind: region.kind ?? null,
        sort,
      });
    }
    for (const unit of town.units) {
      await insertAudited(trx, actor, 'unit', {
        id: unit.key,
        region_code: unit.regionCode,
        name: unit.name,
        kind: unit.kind,
        credit_code: null,
        status: 'active',
        created_at: now,
      });
    }
    const logins = [
      ...town.accounts.map((a) => ({ ...a, unitKey: a.unitKey ?? null })),
      ...town.people.map((p) => ({
        username: p.key,
        displayName: p.name,
        role: p.role,
        regionCode: p.regionCode,
        unitKey: p.unitKey,
        mobile: p.mobile,
      })),
    ];
    for (const login of logins) {
      const id = nanoid();
      await insertAudited(
        trx,
        actor,
        'app_user',
        newUserRow({
          id,
          username: login.username,
          displayName: login.displayName,
          passwordHash,
          regionCode: login.regionCode,
          unitId: login.unitKey,
          mobile: login.mobile,
          mustChangePassword: false,
          now,
        }),
      );
      await insertAudited(trx, actor, 'role_grant', {
        id: nanoid(),
        user_id: id,
        role: login.role,
        region_code: login.regionCode,
        created_at: now,
        created_by: null,
      });
      users++;
    }
  });
  return {
    regions: town.regions.length,
    units: town.units.length,
    users,
    accounts: town.accounts,
    password: town.password,
  };
}
