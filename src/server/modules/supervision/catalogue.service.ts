import { localDate } from '../../../shared/calendar.js';
import type { Locale } from '../../../shared/messages.js';
import { regionLevel } from '../../../shared/region.js';
import type { CatalogueVersionDto, NewCatalogueBody } from '../../../shared/schemas/supervision.js';
import { checkCatalogue, type Catalogue } from '../../../shared/supervision/catalogue.js';
import { DEMO_CATALOGUE } from '../../../shared/supervision/demo-catalogue.js';
import { catalogueFlowchartSvg, pathFlowchartSvg } from '../../../shared/supervision/flowchart.js';
import type { Db, Row } from '../../db/schema.js';
import { requirePermission, type Principal } from '../../platform/access/access.js';
import { insertAudited, transact, type Actor } from '../../platform/audit/audit.js';
import { cachedRead } from '../../platform/cache/read-cache.js';
import { fieldError, notFound, problemsError } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { findRegion } from '../regions/regions.queries.js';

/**
 * The town a region belongs to: the catalogue is the town's (its discipline office keeps it).
 * Refuses a county or anything above it.
 */
function townOf(regionCode: string, field = 'regionCode'): string {
  const level = regionLevel(regionCode);
  if (level !== 'town' && level !== 'village') {
    throw fieldError(field, `${regionCode} is not a town or village`, 'supervision.notTown');
  }
  return regionCode.slice(0, 9).padEnd(12, '0');
}

/** The platform's standard catalogue, for a town that has not saved its own yet. */
function standardVersion(townCode: string): CatalogueVersionDto {
  return {
    id: null,
    townCode,
    version: 0,
    effectiveFrom: DEMO_CATALOGUE.effectiveFrom,
    reason: '',
    standard: true,
    createdAt: null,
    createdBy: null,
    catalogue: { ...DEMO_CATALOGUE, version: 0 },
  };
}

function toDto(row: Row<'supervision_catalogue'>): CatalogueVersionDto {
  return {
    id: row.id,
    townCode: row.region_code,
    version: Number(row.version),
    effectiveFrom: row.effective_from,
    reason: row.reason,
    standard: false,
    createdAt: row.created_at,
    createdBy: row.created_by,
    catalogue: JSON.parse(row.catalogue) as Catalogue,
  };
}

/**
 * The catalogue an inspection of `regionCode` on `date` uses (default today): the town's
 * latest version in force that day, else the platform's standard one. Public: the catalogue
 * and its negative list are the town's published rules.
 */
export async function catalogueInForce(
  db: Db,
  regionCode: string,
  date = localDate(new Date()),
): Promise<CatalogueVersionDto> {
  const townCode = townOf(regionCode);
  return cachedRead(
    db,
    `supervision-catalogue:${townCode}:${date}`,
    ['supervision_catalogue'],
    async () => {
      const row = await db
        .selectFrom('supervision_catalogue')
        .selectAll()
        .where('region_code', '=', townCode)
        .where('effective_from', '<=', date)
        .orderBy('version', 'desc')
        .limit(1)
        .executeTakeFirst();
      return row ? toDto(row) : standardVersion(townCode);
    },
  );
}

/** A given version of a town's catalogue (0: the standard one), as an inspection recorded it. */
export async function catalogueByVersion(
  db: Db,
  townCode: string,
  version: number,
): Promise<CatalogueVersionDto> {
  if (version === 0) return standardVersion(townCode);
  return cachedRead(
    db,
    `supervision-catalogue-version:${townCode}:${version}`,
    ['supervision_catalogue'],
    async () => {
      const row = await db
        .selectFrom('supervision_catalogue')
        .selectAll()
        .where('region_code', '=', townCode)
        .where('version', '=', version)
        .executeTakeFirst();
      if (!row) throw notFound('catalogue version');
      return toDto(row);
    },
  );
}

/** Every saved version of a town's catalogue, newest first (empty: it uses the standard). */
export async function catalogueVersions(
  db: Db,
  regionCode: string,
): Promise<CatalogueVersionDto[]> {
  const townCode = townOf(regionCode);
  const rows = await db
    .selectFrom('supervision_catalogue')
    .selectAll()
    .where('region_code', '=', townCode)
    .orderBy('version', 'desc')
    .execute();
  return rows.map(toDto);
}

/**
 * Save the next version of a town's catalogue, used from a date not before today: an
 * inspection already done keeps the version it recorded. Needs supervision.configure over
 * the town. Every problem is named by its field (`catalogue.points.3.pathCode`).
 */
export async function saveCatalogue(
  db: Db,
  principal: Principal,
  actor: Actor,
  body: NewCatalogueBody,
  today = localDate(new Date()),
): Promise<CatalogueVersionDto> {
  const townCode = townOf(body.townCode, 'townCode');
  requirePermission(principal, 'supervision.configure', townCode);
  if (townCode !== body.townCode || !(await findRegion(db, townCode))) {
    throw fieldError('townCode', `${body.townCode} is not a town`, 'supervision.notTown');
  }
  if (body.effectiveFrom < today) {
    throw fieldError(
      'effectiveFrom',
      `${body.effectiveFrom} is before ${today}`,
      'supervision.pastDate',
    );
  }
  return transact(db, async (trx) => {
    const latest = await trx
      .selectFrom('supervision_catalogue')
      .select('version')
      .where('region_code', '=', townCode)
      .orderBy('version', 'desc')
      .limit(1)
      .executeTakeFirst();
    const catalogue: Catalogue = {
      ...body.catalogue,
      version: Number(latest?.version ?? 0) + 1,
      effectiveFrom: body.effectiveFrom,
    };
    const problems = checkCatalogue(catalogue);
    if (problems.length > 0) {
      throw problemsError(
        problems.map((p) => ({ field: `catalogue.${p.field}`, messageKey: p.messageKey })),
      );
    }
    const row = await insertAudited(trx, actor, 'supervision_catalogue', {
      id: newId(),
      region_code: townCode,
      version: catalogue.version,
      effective_from: catalogue.effectiveFrom,
      catalogue: JSON.stringify(catalogue),
      reason: body.reason,
      created_at: new Date().toISOString(),
      created_by: actor.id,
    });
    return toDto(row);
  });
}

/**
 * The 监督履职流程图 drawn from the catalogue in force: one path, or every path as A4 pages.
 */
export async function catalogueFlowchart(
  db: Db,
  query: { regionCode: string; path?: string | undefined; date?: string | undefined },
  locale: Locale,
): Promise<string> {
  const { catalogue } = await catalogueInForce(db, query.regionCode, query.date);
  if (!query.path) return catalogueFlowchartSvg(catalogue, { locale });
  const path = catalogue.paths.find((p) => p.code === query.path);
  if (!path) throw notFound('supervision path');
  return pathFlowchartSvg(path, { locale });
}
