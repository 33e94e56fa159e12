import { z } from 'zod';
import { DETAIL_MESSAGES, type Locale } from '../../../shared/messages.js';
import { RegionCode } from '../../../shared/schemas/common.js';
import {
  IMPORT_MODES,
  LEDGER_KINDS,
  type ImportReport,
  type LedgerKind,
} from '../../../shared/schemas/ledger.js';
import type { Db } from '../../db/schema.js';
import { requirePermission, type Principal } from '../../platform/access/access.js';
import { transact, type Actor } from '../../platform/audit/audit.js';
import { AppError } from '../../platform/errors.js';
import { ledgerColumnOf, ledgerTemplate, readLedgerRows } from './ledger.excel.js';
import { checkNewEntry, insertEntries, policyLookup, type CheckedEntry } from './ledger.service.js';
import { localDate } from '../../../shared/calendar.js';
import type { CountyPolicy } from '../../../shared/policy.js';

const KIND_FILE_NAMES: Record<LedgerKind, string> = {
  project: '村级工程',
  procurement: '村级采购',
  labour: '劳务用工',
  fund: '资金收支',
  asset: '资产资源',
};

/** The county rules a filler must know, in words, for the template's instructions. */
function countyNotes(policy: CountyPolicy, kind: LedgerKind, locale: Locale): string[] {
  const y = (fen: number) => (fen / 100).toLocaleString('en-US');
  const zh = locale === 'zh-CN';
  const notes = [
    zh
      ? `本县现行规则：${y(policy.immediateDisclosureFrom)} 元及以上的事项须即时公开。`
      : `County rules in force: ¥${y(policy.immediateDisclosureFrom)} and above is disclosed at once.`,
  ];
  if (kind === 'project' || kind === 'procurement') {
    notes.push(
      zh
        ? `${y(policy.resolutionRequiredFrom)} 元及以上须经“四议两公开”决议通过后才能签订合同。`
        : `From ¥${y(policy.resolutionRequiredFrom)} a passed village resolution is needed before the contract.`,
    );
  }
  if (kind === 'project') {
    notes.push(
      zh
        ? `工程：${y(policy.works.ownChoiceBelow)} 元以下村级自行选择；${y(policy.works.contractorPoolBelow)} 元以下限额平台直接发包；${y(policy.works.townshipTenderBelow)} 元以下乡镇交易平台招标；以上县级公开招标。`
        : `Works: below ¥${y(policy.works.ownChoiceBelow)} own choice; below ¥${y(policy.works.contractorPoolBelow)} contractor pool; below ¥${y(policy.works.townshipTenderBelow)} township tender; above, county tender.`,
    );
  }
  if (kind === 'procurement') {
    notes.push(
      zh
        ? `采购：${y(policy.procurement.simpleBelow)} 元以下简易采购（1 家报价）；${y(policy.procurement.jointMeetingBelow)} 元以下联席会议（至少 3 家报价）；以上村民代表会议（至少 3 家报价）。`
        : `Purchases: below ¥${y(policy.procurement.simpleBelow)} simple (1 quotation); below ¥${y(policy.procurement.jointMeetingBelow)} joint meeting (3 quotations); above, representatives (3 quotations).`,
    );
  }
  return notes;
}

/** The county's import template of a kind, with its rules in force, for a region the caller may write. */
export async function importTemplate(
  db: Db,
  principal: Principal,
  query: { regionCode: string; kind: LedgerKind },
  locale: Locale,
): Promise<{ bytes: Buffer; fileName: string }> {
  requirePermission(principal, 'ledger.write', query.regionCode);
  const policy = (await policyLookup(db, query.regionCode))(localDate(new Date()));
  const bytes = await ledgerTemplate(query.kind, locale, countyNotes(policy, query.kind, locale));
  const name =
    locale === 'zh-CN' ? `${KIND_FILE_NAMES[query.kind]}导入模板` : `${query.kind}-template`;
  return { bytes, fileName: `${name}.xlsx` };
}

const ImportFields = z.object({
  regionCode: RegionCode,
  kind: z.enum(LEDGER_KINDS),
  mode: z.enum(IMPORT_MODES).default('all'),
});

/** Thrown inside the import's transaction to undo it: the report says why. */
class NothingImported extends Error {}

/**
 * Import a filled template: every row is checked as a new entry would be, and the report
 * names each problem by row and column. With mode `all` (the default) nothing is imported
 * if any row fails; with `valid` the good rows are imported. Either way it is one
 * transaction: nothing is ever half-imported.
 *
 * The sheet is read as a stream, a slice of rows at a time, and each slice is checked and
 * written inside the transaction as it comes; a problem in a later slice undoes the slices
 * written before it. So a 100,000-row sheet never sits in memory whole.
 */
export async function importLedger(
  db: Db,
  principal: Principal,
  actor: Actor,
  input: {
    regionCode?: string | undefined;
    kind?: string | undefined;
    mode?: string | undefined;
    bytes: Buffer;
    locale: Locale;
  },
): Promise<ImportReport> {
  const parsed = ImportFields.safeParse(input);
  if (!parsed.success) {
    throw new AppError('VALIDATION', 'bad import fields', {
      fields: parsed.error.issues.map((i) => ({
        field: i.path.join('.'),
        message: i.message,
        key: 'required',
      })),
    });
  }
  const { regionCode, kind, mode } = parsed.data;
  requirePermission(principal, 'ledger.write', regionCode);
  let problems: ImportReport['problems'] = [];
  let total = 0;
  let imported = 0;
  try {
    await transact(db, async (trx) => {
      for await (const slice of readLedgerRows(kind, regionCode, input.bytes, input.locale)) {
        if (slice.fatal) {
          problems = slice.problems;
          total = 0;
          throw new NothingImported();
        }
        total += slice.rows.length + slice.badRows;
        problems.push(...slice.problems);
        const valid: CheckedEntry[] = [];
        for (const row of slice.rows) {
          try {
            valid.push(await checkNewEntry(trx, principal, row.body));
          } catch (error) {
            if (!(error instanceof AppError) || !error.details?.fields) throw error;
            for (const f of error.details.fields) {
              problems.push({
                row: row.row,
                column: ledgerColumnOf(kind, f.field, input.locale),
                message:
                  (f.key && DETAIL_MESSAGES[input.locale][f.key]) ||
                  (error.messageKey && DETAIL_MESSAGES[input.locale][error.messageKey]) ||
                  f.message,
              });
            }
          }
        }
        // With mode `all` a problem anywhere undoes everything: stop writing, keep checking.
        if (mode === 'all' && problems.length > 0) continue;
        await insertEntries(trx, actor, valid);
        imported += valid.length;
      }
      if (imported === 0 || (mode === 'all' && problems.length > 0)) throw new NothingImported();
    });
  } catch (error) {
    if (!(error instanceof NothingImported)) throw error;
    imported = 0;
  }
  problems.sort((a, b) => a.row - b.row);
  return { mode, total, imported, problems };
}
