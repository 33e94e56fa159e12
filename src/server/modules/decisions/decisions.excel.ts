import type { Locale } from '../../../shared/messages.js';
import { PUBLIC_TEXT } from '../../../shared/public-text.js';
import type { DecisionListItem, DecisionStatus } from '../../../shared/schemas/decision.js';
import type { XlsxSheet } from '../../platform/documents/xlsx.js';

const STATUS: Record<Locale, Record<DecisionStatus, string>> = {
  'zh-CN': { in_progress: '进行中', passed: '已通过', rejected: '未通过', completed: '已完成' },
  'en-US': {
    in_progress: 'In progress',
    passed: 'Passed',
    rejected: 'Rejected',
    completed: 'Completed',
  },
};

/** The decisions list as a sheet, in the caller's language. */
export function decisionsSheet(items: DecisionListItem[], locale: Locale): XlsxSheet {
  const zh = locale === 'zh-CN';
  const words = PUBLIC_TEXT[locale];
  return {
    name: zh ? '四议两公开' : 'Decisions',
    columns: [
      { key: 'regionName', header: zh ? '村(社区)' : 'Village', type: 'text' },
      { key: 'title', header: zh ? '事项' : 'Matter', type: 'text', width: 36 },
      { key: 'amount', header: zh ? '金额(元)' : 'Amount (yuan)', type: 'yuan' },
      { key: 'status', header: zh ? '状态' : 'Status', type: 'text' },
      { key: 'step', header: zh ? '已完成步骤' : 'Last step', type: 'text', width: 18 },
      { key: 'commentFrom', header: zh ? '公示开始' : 'Comment from', type: 'date' },
      { key: 'updatedAt', header: zh ? '更新时间' : 'Updated', type: 'text', width: 24 },
    ],
    rows: items.map((d) => ({
      ...d,
      status: STATUS[locale][d.status],
      step: d.step ? (words.stages[d.step] ?? d.step) : '',
    })),
  };
}
