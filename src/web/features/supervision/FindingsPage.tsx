import { PaperClipOutlined, ToolOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import {
  Button,
  Card,
  Grid,
  List,
  Segmented,
  Space,
  Table,
  Tag,
  Typography,
  type TableColumnsType,
} from 'antd';
import { useState, type HTMLAttributes, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { WITH_UNIT, type CaseStatus } from '../../../shared/case-machine.js';
import { FINDING_STATES } from '../../../shared/schemas/supervision.js';
import { useRegion } from '../../region/RegionContext.js';
import { regionsApi } from '../../region/regions.api.js';
import { can, useMe } from '../auth/session.js';
import { holds } from './inspection.labels.js';
import { casesApi } from '../cases/cases.api.js';
import { DueText } from '../cases/DueText.js';
import { useNow } from '../cases/useNow.js';
import { categoryShort, DateRangeFilter, FindingTags } from './inspection.labels.js';
import { RectifyDrawer } from './RectifyDrawer.js';
import { FINDINGS_KEY, fileUrl, findingsApi, type FindingDto } from './supervision.api.js';

type StateFilter = 'all' | (typeof FINDING_STATES)[number];

/**
 * The findings the caller's unit holds now (the village committee's, for a cadre): only these
 * can be rectified from here. Read from the unit's inbox of open cases.
 */
function useMyFindings(enabled: boolean) {
  return useQuery({
    queryKey: [...FINDINGS_KEY, 'mine'],
    queryFn: () => casesApi.list({ mine: 1, type: 'finding', open: 1, page: 1, pageSize: 200 }),
    enabled,
    staleTime: 0,
    meta: { silent: true },
    select: (page) => new Set(page.items.map((item) => item.id)),
  });
}

/** The rectification deadline: live while open, the date alone once closed. */
function DueCell({ finding, now }: { finding: FindingDto; now: Date }) {
  return <DueText dueAt={finding.dueAt} now={now} active={finding.status !== 'closed'} />;
}

/** A line of the phone card: 整改期限：…. */
function Labelled({ label, children }: { label: string; children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <div style={{ display: 'flex', flexWrap: 'wrap', gap: 4, alignItems: 'baseline' }}>
      <Typography.Text type="secondary">
        {t('common.labelValue', { label, value: '' })}
      </Typography.Text>
      {children}
    </div>
  );
}

function EvidenceLinks({ finding }: { finding: FindingDto }) {
  const { t } = useTranslation();
  if (finding.evidence.length === 0) {
    return (
      <Typography.Text type="secondary">{t('supervision.findings.noEvidence')}</Typography.Text>
    );
  }
  return (
    <Space wrap size={8}>
      {finding.evidence.map((id, index) => (
        <Typography.Link key={id} href={fileUrl(id)} target="_blank" rel="noreferrer">
          <PaperClipOutlined /> {t('supervision.findings.evidenceN', { n: index + 1 })}
        </Typography.Link>
      ))}
    </Space>
  );
}

/**
 * 问题整改: the findings of the header's region (or the user's own) — open, overdue or closed
 * out — with their notice, deadline and evidence. The village committee rectifies its own here;
 * the station verifies and the town closes out on the case page.
 */
export default function FindingsPage() {
  const { t } = useTranslation();
  const me = useMe();
  const now = useNow();
  const screens = Grid.useBreakpoint();
  const { regionCode: chosen } = useRegion();
  const regionCode = chosen ?? me.regionCode;
  const [state, setState] = useState<StateFilter>('all');
  const [range, setRange] = useState<[string, string]>();
  const [rectifying, setRectifying] = useState<{ finding: FindingDto | null; session: number }>({
    finding: null,
    session: 0,
  });

  const region = useQuery({
    queryKey: ['regions', regionCode],
    queryFn: () => regionsApi.get(regionCode),
    staleTime: 10 * 60_000,
    meta: { silent: true },
  });
  const list = useQuery({
    queryKey: [...FINDINGS_KEY, 'list', regionCode, state, range],
    queryFn: () =>
      findingsApi.list(regionCode, {
        state: state === 'all' ? undefined : state,
        from: range?.[0],
        to: range?.[1],
      }),
    placeholderData: keepPreviousData,
    staleTime: 0,
  });
  const mine = useMyFindings(can(me, 'case.handle'));
  const items = list.data ?? [];
  /** Held by the caller's unit and waiting for its rectification. */
  const rectifiable = (finding: FindingDto) =>
    (mine.data?.has(finding.id) ?? false) && WITH_UNIT.includes(finding.status as CaseStatus);

  const rectifyButton = (finding: FindingDto) =>
    rectifiable(finding) && (
      <Button
        type="primary"
        size="small"
        icon={<ToolOutlined />}
        onClick={(event) => {
          event.stopPropagation();
          setRectifying((r) => ({ finding, session: r.session + 1 }));
        }}
        data-testid={`finding-rectify-${finding.id}`}
      >
        {t('supervision.findings.rectify')}
      </Button>
    );
  /** The case page, named by what the caller does there next: verify, close out, or look. */
  const caseLink = (finding: FindingDto) => {
    const label =
      finding.status === 'replied' && holds(me, 'supervision.duty', finding.regionCode)
        ? t('supervision.findings.verifyCase')
        : finding.status === 'verified' && holds(me, 'supervision.manage', finding.regionCode)
          ? t('supervision.findings.closeCase')
          : t('supervision.findings.openCase');
    return (
      <Link to={`/cases/${finding.id}`} data-testid={`finding-case-${finding.id}`}>
        {label}
      </Link>
    );
  };

  const columns: TableColumnsType<FindingDto> = [
    {
      title: t('supervision.findings.columns.problem'),
      key: 'problem',
      render: (_v, f) => (
        <Space direction="vertical" size={2}>
          <Space wrap size={6}>
            <Typography.Text code>{f.code}</Typography.Text>
            <Tag style={{ marginInlineEnd: 0 }}>{categoryShort(t, f.category)}</Tag>
            <Typography.Text type="secondary">{f.regionName}</Typography.Text>
          </Space>
          <Typography.Text strong>
            {f.pointCode} {f.title}
          </Typography.Text>
          <Typography.Text>{f.description}</Typography.Text>
        </Space>
      ),
    },
    {
      title: t('supervision.findings.columns.notice'),
      key: 'notice',
      width: 170,
      render: (_v, f) => (
        <Space direction="vertical" size={0}>
          <Typography.Text data-testid="finding-docno">
            {f.docNo ?? t('supervision.findings.notFedBack')}
          </Typography.Text>
          <Typography.Text type="secondary">
            {t('supervision.findings.foundOn', { date: f.foundOn })}
          </Typography.Text>
        </Space>
      ),
    },
    {
      title: t('supervision.findings.columns.due'),
      key: 'due',
      width: 190,
      render: (_v, f) => <DueCell finding={f} now={now} />,
    },
    {
      title: t('supervision.findings.columns.status'),
      key: 'status',
      width: 150,
      render: (_v, f) => <FindingTags finding={f} />,
    },
    {
      title: t('supervision.findings.columns.evidence'),
      key: 'evidence',
      width: 140,
      render: (_v, f) => <EvidenceLinks finding={f} />,
    },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 130,
      render: (_v, f) => (
        <Space direction="vertical" size={4}>
          {rectifyButton(f)}
          {caseLink(f)}
        </Space>
      ),
    },
  ];

  const title = region.data
    ? t('supervision.findings.titleOf', { region: region.data.name })
    : t('supervision.findings.title');

  return (
    <Card
      title={title}
      data-testid="findings-page"
      styles={{ body: { padding: screens.md ? undefined : 12 } }}
    >
      <Typography.Paragraph type="secondary">
        {t('supervision.findings.intro')}
      </Typography.Paragraph>
      <Space wrap style={{ marginBottom: 12 }}>
        <Segmented<StateFilter>
          value={state}
          onChange={setState}
          data-testid="findings-state"
          options={(['all', ...FINDING_STATES] as const).map((value) => ({
            value,
            label: (
              <span data-testid={`findings-state-${value}`}>
                {t(`supervision.findings.states.${value}`)}
              </span>
            ),
          }))}
        />
        <DateRangeFilter
          placeholder={[t('supervision.findings.from'), t('supervision.findings.to')]}
          onChange={setRange}
        />
      </Space>
      {screens.md ? (
        <Table<FindingDto>
          rowKey="id"
          size="middle"
          data-testid="findings-table"
          loading={list.isFetching}
          columns={columns}
          dataSource={items}
          onRow={(f) => ({ 'data-testid': `finding-${f.id}` }) as HTMLAttributes<HTMLElement>}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          scroll={{ x: 1000 }}
          locale={{ emptyText: t('supervision.findings.empty') }}
        />
      ) : (
        <List<FindingDto>
          data-testid="findings-table"
          loading={list.isFetching}
          dataSource={items}
          pagination={items.length > 20 ? { pageSize: 20, size: 'small' } : false}
          locale={{ emptyText: t('supervision.findings.empty') }}
          renderItem={(f) => (
            <List.Item key={f.id} style={{ display: 'block' }} data-testid={`finding-${f.id}`}>
              <Space direction="vertical" size={4} style={{ width: '100%' }}>
                <Space wrap size={6}>
                  <Typography.Text code>{f.code}</Typography.Text>
                  <FindingTags finding={f} />
                </Space>
                <Typography.Text strong>
                  {f.pointCode} {f.title}
                </Typography.Text>
                <Typography.Text>{f.description}</Typography.Text>
                <Typography.Text type="secondary">{f.regionName}</Typography.Text>
                <Labelled label={t('supervision.findings.columns.notice')}>
                  <span data-testid="finding-docno">
                    {f.docNo ?? t('supervision.findings.notFedBack')}
                  </span>
                </Labelled>
                <Labelled label={t('supervision.findings.columns.due')}>
                  <DueCell finding={f} now={now} />
                </Labelled>
                <Labelled label={t('supervision.findings.columns.evidence')}>
                  <EvidenceLinks finding={f} />
                </Labelled>
                <Space wrap size={12}>
                  {rectifyButton(f)}
                  {caseLink(f)}
                </Space>
              </Space>
            </List.Item>
          )}
        />
      )}
      {rectifying.finding && (
        <RectifyDrawer
          key={rectifying.session}
          finding={rectifying.finding}
          onClose={() => setRectifying((r) => ({ ...r, finding: null }))}
        />
      )}
    </Card>
  );
}
