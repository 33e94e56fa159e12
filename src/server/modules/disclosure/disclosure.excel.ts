import type { Locale } from '../../../shared/messages.js';
import { PUBLIC_TEXT } from '../../../shared/public-text.js';
import type { DisclosureStatus } from '../../../shared/schemas/disclosure.js';
import type { XlsxSheet } from '../../platform/documents/xlsx.js';

/** The disclosure record as two sheets: per village, and the overdue entries. */
export function disclosureStatusSheets(status: DisclosureStatus, locale: Locale): XlsxSheet[] {
  const zh = locale === 'zh-CN';
  return [
    {
      name: zh ? '按时公开率' : 'On-time rate',
      columns: [
        { key: 'regionName', header: zh ? '村(社区)' : 'Village', type: 'text' },
        { key: 'due', header: zh ? '应公开' : 'Due', type: 'int' },
        { key: 'onTime', header: zh ? '按时公开' : 'On time', type: 'int' },
        { key: 'late', header: zh ? '逾期公开' : 'Late', type: 'int' },
        { key: 'overdue', header: zh ? '逾期未公开' : 'Overdue', type: 'int' },
        { key: 'rate', header: zh ? '按时公开率(%)' : 'On-time rate (%)', type: 'text' },
      ],
      rows: status.villages.map((v) => ({
        ...v,
        rate: v.onTimeRate === null ? '' : (v.onTimeRate * 100).toFixed(1),
      })),
    },
    {
      name: zh ? '逾期未公开' : 'Overdue',
      columns: [
        { key: 'regionName', header: zh ? '村(社区)' : 'Village', type: 'text' },
        { key: 'kind', header: zh ? '类型' : 'Kind', type: 'text' },
        { key: 'title', header: zh ? '名称' : 'Title', type: 'text', width: 36 },
        { key: 'amount', header: zh ? '金额(元)' : 'Amount (yuan)', type: 'yuan' },
        { key: 'dueOn', header: zh ? '公开期限' : 'Due on', type: 'date' },
        { key: 'daysLate', header: zh ? '逾期工作日' : 'Working days late', type: 'int' },
      ],
      rows: status.overdue.map((o) => ({
        ...o,
        kind: PUBLIC_TEXT[locale].kinds[o.kind] ?? o.kind,
      })),
    },
  ];
}
