import { SUPERVISION_CATEGORIES } from '../../../shared/supervision/catalogue.js';
import type { Db } from '../../db/schema.js';
import { can, type Principal } from '../../platform/access/access.js';
import { notFound } from '../../platform/errors.js';
import type { OfficialDocument } from '../../platform/documents/official.js';
import { findRegion } from '../regions/regions.queries.js';
import { catalogueByVersion } from './catalogue.service.js';
import { committeeOf } from './inspections.service.js';

const CATEGORY_NAMES = new Map(SUPERVISION_CATEGORIES.map((c) => [c.id, c.name['zh-CN']]));

/** 2026年4月28日. */
export function chineseDate(date: string): string {
  const [y, m, d] = date.split('-').map(Number);
  return `${y}年${m}月${d}日`;
}

/**
 * A feedback notice (反馈意见书) as an official document: its number, the village committee
 * it goes to, what the inspection covered, each problem with its rectification limit, and
 * what the village must do next.
 */
export async function noticeDocument(
  db: Db,
  principal: Principal,
  noticeId: string,
): Promise<{ document: OfficialDocument; fileName: string }> {
  const notice = await db
    .selectFrom('feedback_notice')
    .selectAll()
    .where('id', '=', noticeId)
    .executeTakeFirst();
  if (!notice || !can(principal, 'supervision.read', notice.region_code)) throw notFound('notice');
  const inspection = await db
    .selectFrom('inspection')
    .selectAll()
    .where('id', '=', notice.inspection_id)
    .executeTakeFirstOrThrow();
  const items = await db
    .selectFrom('inspection_item')
    .selectAll()
    .where('inspection_id', '=', inspection.id)
    .orderBy('seq')
    .execute();
  const [village, town, committee, version] = await Promise.all([
    findRegion(db, notice.region_code),
    findRegion(db, notice.town_code),
    committeeOf(db, notice.region_code),
    catalogueByVersion(db, notice.town_code, inspection.catalogue_version),
  ]);
  const points = new Map(version.catalogue.points.map((p) => [p.code, p]));
  const problems = items.filter((i) => i.result === 'problem');
  const villageName = village?.name ?? notice.region_code;
  const officers = (JSON.parse(inspection.officers) as string[]).join('、');
  const document: OfficialDocument = {
    issuer: `${town?.name ?? ''}纪委`,
    docNo: notice.doc_no,
    title: `关于${villageName}监督检查发现问题的反馈意见书`,
    addressee: `${committee?.name ?? `${villageName}村民委员会`}：`,
    blocks: [
      {
        kind: 'paragraph',
        text:
          `${chineseDate(inspection.planned_on)}，${officers}对你村开展了“${inspection.title}”监督检查，` +
          `对照监督目录（${version.standard ? '标准版' : `第${version.version}版`}）逐项检查监督要点${items.length}个，` +
          `发现问题${problems.length}个。现将有关问题反馈如下：`,
      },
      { kind: 'heading', text: '一、发现的问题' },
      {
        kind: 'table',
        columns: ['序号', '监督类别', '监督要点', '发现的问题', '整改时限'],
        widths: [0.6, 1.6, 2, 3.4, 1.2],
        rows: problems.map((item, index) => [
          String(index + 1),
          CATEGORY_NAMES.get(item.category as never) ?? item.category,
          points.get(item.point_code)?.title ?? item.point_code,
          item.note ?? '',
          `${item.rectify_days ?? ''}个工作日`,
        ]),
      },
      { kind: 'heading', text: '二、整改要求' },
      {
        kind: 'paragraph',
        text:
          '请你村对照上述问题逐项认真整改，自本意见书印发之日起在整改时限内完成，' +
          '并将整改情况及佐证材料（照片或 PDF 文件）通过清风平台报送，由村监察工作联络站核实、镇纪委审核后销号。',
      },
      {
        kind: 'paragraph',
        text: '逾期未整改或整改不到位的，镇纪委将提级督办；涉及违纪违法问题线索的，依规依纪依法处置。',
      },
    ],
    signature: { lines: [notice.issuer], date: chineseDate(notice.issued_on) },
  };
  return { document, fileName: `反馈意见书-${notice.doc_no}` };
}
