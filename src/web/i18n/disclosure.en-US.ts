import type { Messages } from './zh-CN.js';

const disclosure: Messages['disclosure'] = {
  subjects: {
    project: 'Works projects',
    procurement: 'Purchases',
    labour: 'Labour',
    fund: 'Income and spending',
    asset: 'Assets and resources',
    decision: 'Village decisions',
  },
  cadences: {
    immediate: 'At once',
    monthly: 'Monthly (by the 10th of the next month)',
    quarterly: 'Quarterly (by the 20th of the next quarter’s first month)',
    perStage: 'At each project stage',
  },
  status: {
    title: 'Disclosure record',
    intro:
      'Ledger entries whose disclosure fell due in the period: how many were disclosed on time, late, or are still overdue, and the on-time rate.',
    range: 'Due between',
    villages: 'By village',
    village: 'Village',
    total: 'Total',
    due: 'Due',
    onTime: 'On time',
    late: 'Late',
    overdue: 'Overdue',
    onTimeRate: 'On-time rate',
    noneDue: 'Nothing due',
    noVillages: 'No disclosure fell due in this region during the period',
    overdueTitle: 'Overdue disclosures',
    overdueIntro:
      'These entries are past their disclosure date and not yet disclosed, most overdue first.',
    noOverdue: 'Nothing is overdue',
    kind: 'Kind',
    entry: 'Entry',
    amount: 'Amount',
    dueOn: 'Due on',
    daysLate: 'Overdue by',
    daysLateValue: '{{n}} working days',
  },
  catalogue: {
    title: 'Disclosure catalogue',
    titleOf: 'Disclosure catalogue · {{county}}',
    intro:
      'What villages in the county must disclose, how often and how fast. Due dates of ledger entries follow this catalogue and the working-day calendar; overdue ones show in the disclosure record.',
    immediateNote:
      'Whatever the cadence, a matter of {{amount}} or more (the county’s immediate-disclosure amount) is always disclosed at once.',
    immediateNoteGeneric:
      'Whatever the cadence, a matter at or above the county’s immediate-disclosure amount is always disclosed at once.',
    chooseCounty:
      'Catalogues are set per county. Choose a county, or a town or village in it, in the header.',
    defaultTag: 'Default catalogue',
    defaultNote: 'The county has no catalogue of its own yet; the platform default applies.',
    updatedAt: 'Last changed {{time}}',
    item: 'Item',
    subject: 'Subject',
    cadence: 'Cadence',
    within: 'Time limit (working days)',
    withinHint: 'For items disclosed at once or per stage: working days allowed after the event',
    discloser: 'Discloser',
    basis: 'Basis',
    edit: 'Edit the catalogue',
    addItem: 'Add an item',
    removeItem: 'Remove',
    saved: 'Catalogue saved',
    discloserPlaceholder: 'e.g. Villagers’ committee',
    basisPlaceholder: 'e.g. Organic Law of Villagers’ Committees, art. 30',
    titleRule: 'Enter 2 to 100 characters',
    discloserRule: 'Enter 2 to 100 characters',
    subjectTwice: 'Each subject can be listed once',
    atLeastOne: 'The catalogue needs at least one item',
  },
};

export default disclosure;
