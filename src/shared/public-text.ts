import type { Locale } from './messages.js';

/**
 * Words of the server-rendered public pages (a village's disclosure list loads as one small
 * HTML document, so a phone on a slow network can use it at once). Chinese first.
 */
export const PUBLIC_TEXT: Record<
  Locale,
  {
    site: string;
    onTimeRate: string;
    noRate: string;
    periods: string;
    all: string;
    kinds: Record<string, string>;
    stages: Record<string, string>;
    voided: string;
    amended: string;
    empty: string;
    previous: string;
    next: string;
    page: string;
    search: string;
    searchPlaceholder: string;
    town: string;
    total: string;
    checkpoints: string;
    footer: string;
    notFound: string;
  }
> = {
  'zh-CN': {
    site: '清风 · 公开',
    onTimeRate: '按时公开率',
    noRate: '暂无应公开事项',
    periods: '公开期间',
    all: '全部',
    kinds: {
      project: '村级工程',
      procurement: '村级采购',
      labour: '劳务用工',
      fund: '资金收支',
      asset: '资产资源',
      decision: '四议两公开',
    },
    stages: {
      initiated: '立项',
      traded: '交易',
      contracted: '合同',
      constructing: '施工',
      accepted: '验收',
      settled: '结算',
      priceAudited: '审价',
      paid: '支付',
      recorded: '已登记',
      proposal: '党支部提议',
      committees: '两委商议',
      partyMembers: '党员大会审议',
      representatives: '村民代表会议决议',
      resolutionDisclosure: '决议公开',
      resultDisclosure: '实施结果公开',
    },
    voided: '已作废',
    amended: '有修改',
    empty: '这个期间还没有公开的事项',
    previous: '上一页',
    next: '下一页',
    page: '第 {page} / {pages} 页',
    search: '搜索',
    searchPlaceholder: '在全镇搜索，如：道路、工程',
    town: '返回乡镇',
    total: '共 {total} 项',
    checkpoints: '核验审计日志',
    footer: '本页信息为村（社区）公开的快照，所有修改均留痕并可公开核验。',
    notFound: '找不到这个村（社区）',
  },
  'en-US': {
    site: 'Qingfeng · Public',
    onTimeRate: 'Disclosed on time',
    noRate: 'Nothing was due yet',
    periods: 'Periods',
    all: 'All',
    kinds: {
      project: 'Works',
      procurement: 'Purchases',
      labour: 'Labour',
      fund: 'Funds',
      asset: 'Assets',
      decision: 'Decisions',
    },
    stages: {
      initiated: 'Approved',
      traded: 'Awarded',
      contracted: 'Contracted',
      constructing: 'Under way',
      accepted: 'Accepted',
      settled: 'Settled',
      priceAudited: 'Price audited',
      paid: 'Paid',
      recorded: 'Recorded',
      proposal: 'Party branch proposal',
      committees: 'Committees',
      partyMembers: 'Party members',
      representatives: 'Representatives',
      resolutionDisclosure: 'Resolution posted',
      resultDisclosure: 'Result posted',
    },
    voided: 'Voided',
    amended: 'Amended',
    empty: 'Nothing has been published for this period yet',
    previous: 'Previous',
    next: 'Next',
    page: 'Page {page} of {pages}',
    search: 'Search',
    searchPlaceholder: 'Search the town, e.g. 道路 (roads)',
    town: 'Back to the town',
    total: '{total} items',
    checkpoints: 'Check the audit log',
    footer:
      'These are the snapshots the village published; every change is kept and can be checked.',
    notFound: 'No such village or community',
  },
};
