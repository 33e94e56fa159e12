import { keepPreviousData, useQuery } from '@tanstack/react-query';
import {
  Alert,
  Card,
  Col,
  DatePicker,
  Row,
  Space,
  Spin,
  Table,
  Tag,
  Typography,
  type TableColumnsType,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { countyOf } from '../../../shared/policy.js';
import { isWithin, regionLevel } from '../../../shared/region.js';
import { formatTime, todayInShanghai } from '../../format.js';
import { yuanLabel } from '../../i18n/labels.js';
import { useRegion } from '../../region/RegionContext.js';
import { regionsApi } from '../../region/regions.api.js';
import { can, useMe } from '../auth/session.js';
import { POLICY_KEY, policyApi, type PolicyVersionDto } from './policy.api.js';
import { PolicyRules, PolicySource } from './PolicyRules.js';
import { PublishForm } from './PublishForm.js';

const DATE = 'YYYY-MM-DD';

/** The county whose rules to show: of the header's region, else of the user's home region. */
function useCountyCode(): string | null {
  const me = useMe();
  const { regionCode } = useRegion();
  const code = regionCode ?? me.regionCode;
  const level = regionLevel(code);
  return level === 'province' || level === 'city' ? null : countyOf(code);
}

export default function PolicyPage() {
  const { t } = useTranslation();
  const countyCode = useCountyCode();
  if (!countyCode) {
    return (
      <Card title={t('policy.title')}>
        <Alert type="info" showIcon message={t('policy.chooseCounty')} />
      </Card>
    );
  }
  return <CountyRules key={countyCode} countyCode={countyCode} />;
}

function CountyRules({ countyCode }: { countyCode: string }) {
  const { t } = useTranslation();
  const me = useMe();
  // Held over this county: a grant below the county cannot change the county's rules.
  const canEdit =
    can(me, 'policy.write') &&
    (me.permissions['policy.write'] ?? []).some((root) => isWithin(countyCode, root));
  const [today] = useState(todayInShanghai);
  const [date, setDate] = useState<Dayjs>(() => dayjs(today));

  const county = useQuery({
    queryKey: ['regions', countyCode],
    queryFn: () => regionsApi.get(countyCode),
    staleTime: 10 * 60_000,
    meta: { silent: true },
  });
  const versions = useQuery({
    queryKey: [...POLICY_KEY, 'versions', countyCode],
    queryFn: () => policyApi.versions(countyCode),
  });
  const inForce = useQuery({
    queryKey: [...POLICY_KEY, 'in-force', countyCode, today],
    queryFn: () => policyApi.inForce(countyCode, today),
  });
  const dateText = date.format(DATE);
  const atDate = useQuery({
    queryKey: [...POLICY_KEY, 'in-force', countyCode, dateText],
    queryFn: () => policyApi.inForce(countyCode, dateText),
    placeholderData: keepPreviousData,
  });

  const columns: TableColumnsType<PolicyVersionDto> = [
    {
      title: t('policy.effectiveFrom'),
      key: 'effectiveFrom',
      render: (_v, version) => (
        <Space size={4} style={{ whiteSpace: 'nowrap' }}>
          {version.effectiveFrom}
          {version.id === inForce.data?.versionId && <Tag color="green">{t('policy.current')}</Tag>}
          {version.effectiveFrom > today && <Tag color="blue">{t('policy.upcoming')}</Tag>}
        </Space>
      ),
    },
    { title: t('policy.reason'), key: 'reason', render: (_v, version) => version.reason },
    {
      title: t('policy.ownChoiceBelow'),
      key: 'ownChoiceBelow',
      align: 'right',
      render: (_v, version) => yuanLabel(t, version.policy.works.ownChoiceBelow),
    },
    {
      title: t('policy.contractorPoolBelow'),
      key: 'contractorPoolBelow',
      align: 'right',
      render: (_v, version) => yuanLabel(t, version.policy.works.contractorPoolBelow),
    },
    {
      title: t('policy.townshipTenderBelow'),
      key: 'townshipTenderBelow',
      align: 'right',
      render: (_v, version) => yuanLabel(t, version.policy.works.townshipTenderBelow),
    },
    {
      title: t('policy.immediateDisclosureFrom'),
      key: 'immediateDisclosureFrom',
      align: 'right',
      render: (_v, version) => yuanLabel(t, version.policy.immediateDisclosureFrom),
    },
    {
      title: t('policy.createdAt'),
      key: 'createdAt',
      render: (_v, version) => (
        <span style={{ whiteSpace: 'nowrap' }}>{formatTime(version.createdAt)}</span>
      ),
    },
  ];

  const title = county.data ? t('policy.titleOf', { county: county.data.name }) : t('policy.title');

  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} xl={14}>
        <Card title={title} loading={inForce.isPending} data-testid="policy-in-force">
          <Typography.Paragraph type="secondary">{t('policy.intro')}</Typography.Paragraph>
          <Typography.Title level={5}>{t('policy.inForce')}</Typography.Title>
          {inForce.data && (
            <>
              <PolicySource inForce={inForce.data} versions={versions.data} />
              <PolicyRules policy={inForce.data.policy} />
            </>
          )}
        </Card>
      </Col>
      <Col xs={24} xl={10}>
        <Card title={t('policy.atDate')} data-testid="policy-at-date">
          <Typography.Paragraph type="secondary">{t('policy.atDateIntro')}</Typography.Paragraph>
          <Space style={{ marginBottom: 12 }}>
            <Typography.Text>{t('policy.date')}</Typography.Text>
            <DatePicker
              value={date}
              onChange={(next: Dayjs | null) => setDate(next ?? dayjs(today))}
              allowClear={false}
              data-testid="policy-at-date-picker"
            />
          </Space>
          <Spin spinning={atDate.isFetching}>
            {atDate.data && (
              <>
                <Typography.Paragraph strong>
                  {t('policy.appliedOn', { date: atDate.data.date })}
                </Typography.Paragraph>
                <PolicySource inForce={atDate.data} versions={versions.data} />
                <PolicyRules policy={atDate.data.policy} layout="vertical" />
              </>
            )}
          </Spin>
        </Card>
      </Col>
      <Col xs={24}>
        <Card title={t('policy.history')}>
          <Table<PolicyVersionDto>
            data-testid="policy-history"
            rowKey="id"
            size="middle"
            columns={columns}
            dataSource={versions.data ?? []}
            loading={versions.isFetching}
            scroll={{ x: 'max-content' }}
            locale={{ emptyText: t('policy.noVersions') }}
            expandable={{
              expandedRowRender: (version) => <PolicyRules policy={version.policy} />,
            }}
            pagination={{
              defaultPageSize: 10,
              hideOnSinglePage: true,
              showTotal: (total) => t('common.total', { total }),
            }}
          />
        </Card>
      </Col>
      {canEdit && inForce.data && (
        <Col xs={24}>
          <Card title={t('policy.publish')}>
            <PublishForm
              key={inForce.data.versionId ?? 'defaults'}
              countyCode={countyCode}
              current={inForce.data.policy}
              today={today}
            />
          </Card>
        </Col>
      )}
    </Row>
  );
}
