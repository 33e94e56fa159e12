import { CASE_CATEGORY_NAMES } from '../../../shared/case-categories.js';
import type { AnyCaseType, CaseStatus } from '../../../shared/case-machine.js';
import type { Locale } from '../../../shared/messages.js';
import type { CaseListItem } from '../../../shared/schemas/cases.js';
import type { XlsxSheet } from '../../platform/documents/xlsx.js';

export const CASE_TYPE_NAMES: Record<Locale, Record<AnyCaseType, string>> = {
  'zh-CN': {
    complaint: '投诉举报',
    request: '诉求',
    dispute: '矛盾纠纷',
    consultation: '咨询',
    finding: '监督发现问题',
    clue: '问题线索',
    warning: '预警',
  },
  'en-US': {
    complaint: 'Complaint',
    request: 'Request',
    dispute: 'Dispute',
    consultation: 'Question',
    finding: 'Finding',
    clue: 'Clue',
    warning: 'Warning',
  },
};

export const CASE_STATUS_NAMES: Record<Locale, Record<CaseStatus, string>> = {
  'zh-CN': {
    received: '已受理',
    dispatched: '已派单',
    signed: '已签收',
    in_progress: '办理中',
    replied: '已回复',
    verified: '已核验',
    closed: '已办结',
    returned: '已退单',
    reopened: '重办',
  },
  'en-US': {
    received: 'Received',
    dispatched: 'Dispatched',
    signed: 'Signed for',
    in_progress: 'In progress',
    replied: 'Replied',
    verified: 'Verified',
    closed: 'Closed out',
    returned: 'Returned',
    reopened: 'Reopened',
  },
};

/** The case list as a sheet, in the caller's language. */
export function casesSheet(items: CaseListItem[], locale: Locale): XlsxSheet {
  const zh = locale === 'zh-CN';
  return {
    name: zh ? '工单' : 'Cases',
    columns: [
      { key: 'code', header: zh ? '编号' : 'Code', type: 'text', width: 14 },
      { key: 'type', header: zh ? '类型' : 'Type', type: 'text' },
      { key: 'category', header: zh ? '类别' : 'Category', type: 'text' },
      { key: 'regionName', header: zh ? '村(社区)' : 'Village', type: 'text' },
      { key: 'title', header: zh ? '内容' : 'Matter', type: 'text', width: 40 },
      { key: 'status', header: zh ? '状态' : 'Status', type: 'text' },
      { key: 'unitName', header: zh ? '承办单位' : 'Unit', type: 'text', width: 24 },
      { key: 'overdue', header: zh ? '超期' : 'Overdue', type: 'text' },
      { key: 'handleDueAt', header: zh ? '办理期限' : 'Due', type: 'text', width: 24 },
      { key: 'createdAt', header: zh ? '受理时间' : 'Received', type: 'text', width: 24 },
    ],
    rows: items.map((c) => ({
      ...c,
      type: CASE_TYPE_NAMES[locale][c.type],
      category: CASE_CATEGORY_NAMES[locale][c.category] ?? c.category,
      status: CASE_STATUS_NAMES[locale][c.status],
      overdue: c.overdue > 0 ? (zh ? '是' : 'Yes') : '',
    })),
  };
}
