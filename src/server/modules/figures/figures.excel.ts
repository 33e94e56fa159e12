import type { Locale } from '../../../shared/messages.js';
import type { ChildFigures } from '../../../shared/schemas/figures.js';
import type { XlsxSheet } from '../../platform/documents/xlsx.js';

/** A region's children and their sum over a period, one row each. */
export function childFiguresSheets(figures: ChildFigures, locale: Locale): XlsxSheet[] {
  const zh = locale === 'zh-CN';
  return [
    {
      name: zh ? `${figures.regionName}数据统计` : `${figures.regionName} figures`,
      columns: [
        { key: 'regionName', header: zh ? '区划' : 'Region', type: 'text' },
        { key: 'entries', header: zh ? '台账录入(条)' : 'Ledger entries', type: 'int' },
        { key: 'amount', header: zh ? '涉及金额(元)' : 'Amount (yuan)', type: 'yuan' },
        { key: 'disclosed', header: zh ? '已公开(条)' : 'Disclosed', type: 'int' },
        { key: 'casesFiled', header: zh ? '受理工单(件)' : 'Cases filed', type: 'int' },
        { key: 'casesClosed', header: zh ? '办结销号(件)' : 'Cases closed out', type: 'int' },
        { key: 'casesOverdue', header: zh ? '超期(件)' : 'Overdue', type: 'int' },
      ],
      rows: [...figures.rows, { ...figures.total, regionName: zh ? '合计' : 'Total' }],
    },
  ];
}
