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
import { ledgerColumnOf, ledgerTemplate, readLedgerSheet } from './ledger.excel.js';
import { checkNewEntry, insertEntry, policyLookup, type CheckedEntry } from './ledger.service.js';
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

/**
 * Import a filled template: every row is checked as a new entry would be, and the report
 * names each problem by row and column. With mode `all` (the default) nothing is imported
 * if any row fails; with `valid` the good rows are imported. Either way it is one
 * transaction: nothing is ever half-imported.
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
  const sheet = await readLedgerSheet(kind, regionCode, input.bytes, input.locale);
  const problems = [...sheet.problems];
  const valid: CheckedEntry[] = [];
  for (const row of sheet.rows) {
    try {
      valid.push(await checkNewEntry(db, principal, row.body));
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
  problems.sort((a, b) => a.row - b.row);
  const total = sheet.rows.length + new Set(sheet.problems.map((p) => p.row)).size;
  if (valid.length === 0 || (mode === 'all' && problems.length > 0)) {
    return { mode, total, imported: 0, problems };
  }
  await transact(db, async (trx) => {
    for (const entry of valid) await insertEntry(trx, actor, entry);
  });
  return { mode, total, imported: valid.length, problems };
}
