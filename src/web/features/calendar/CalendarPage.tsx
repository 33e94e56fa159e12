import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Popconfirm,
  Row,
  Space,
  Table,
  Tag,
  Typography,
  type TableColumnsType,
} from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { formatTime } from '../../format.js';
import { dayKindLabel } from '../../i18n/labels.js';
import { can, useMe } from '../auth/session.js';
import { AddDaysForm } from './AddDaysForm.js';
import { CALENDAR_KEY, calendarApi, type CalendarDayDto } from './calendar.api.js';
import { DeadlineCalculator } from './DeadlineCalculator.js';

/** Sorted years folded into runs of consecutive years, e.g. 2004–2026. */
export function yearRuns(years: readonly number[]): [number, number][] {
  const runs: [number, number][] = [];
  for (const year of [...years].sort((a, b) => a - b)) {
    const last = runs.at(-1);
    if (last && year === last[1] + 1) last[1] = year;
    else if (!last || year > last[1]) runs.push([year, year]);
  }
  return runs;
}

export default function CalendarPage() {
  const { t } = useTranslation();
  const me = useMe();
  const canEdit = can(me, 'calendar.write');
  const info = useQuery({ queryKey: [...CALENDAR_KEY, 'info'], queryFn: calendarApi.info });
  const client = useQueryClient();
  const { message } = App.useApp();
  const publish = useMutation({
    mutationFn: calendarApi.publishYear,
    onSuccess: async (_result, year) => {
      void message.success(t('calendar.published', { year }));
      await client.invalidateQueries({ queryKey: CALENDAR_KEY });
    },
  });

  const thisYear = Number(formatTime(new Date().toISOString()).slice(0, 4));
  const covered = info.data?.coveredYears ?? [];
  const missing = info.data
    ? [
        { year: thisYear, title: t('calendar.missingCurrent', { year: thisYear }) },
        { year: thisYear + 1, title: t('calendar.missingNext', { year: thisYear + 1 }) },
      ].filter(({ year }) => !covered.includes(year))
    : [];

  const columns: TableColumnsType<CalendarDayDto> = [
    {
      title: t('calendar.date'),
      key: 'date',
      render: (_v, day) => (
        <span style={{ whiteSpace: 'nowrap' }}>{dayjs(day.date).format('YYYY-MM-DD ddd')}</span>
      ),
    },
    {
      title: t('calendar.kind'),
      key: 'kind',
      render: (_v, day) => (
        <Tag color={day.kind === 'holiday' ? 'red' : 'blue'}>{dayKindLabel(t, day.kind)}</Tag>
      ),
    },
    { title: t('calendar.name'), key: 'name', render: (_v, day) => day.name ?? '' },
  ];

  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} xl={15}>
        <Space direction="vertical" size={16} style={{ width: '100%' }}>
          <Card title={t('calendar.title')} loading={info.isPending}>
            <Typography.Paragraph type="secondary">{t('calendar.intro')}</Typography.Paragraph>
            <Space wrap data-testid="calendar-covered">
              <Typography.Text strong>{t('calendar.covered')}</Typography.Text>
              {covered.length === 0 ? (
                <Typography.Text type="secondary">{t('calendar.noCovered')}</Typography.Text>
              ) : (
                yearRuns(covered).map(([from, to]) => (
                  <Tag key={from} color="green">
                    {from === to ? from : t('calendar.yearRange', { from, to })}
                  </Tag>
                ))
              )}
            </Space>
            {missing.map(({ year, title }) => (
              <Alert
                key={year}
                type="warning"
                showIcon
                style={{ marginTop: 16 }}
                data-testid="calendar-missing"
                message={title}
                description={canEdit ? t('calendar.missingEditor') : t('calendar.missingViewer')}
                action={
                  canEdit ? (
                    <Popconfirm
                      title={t('calendar.publishConfirm', { year })}
                      onConfirm={() => publish.mutate(year)}
                    >
                      <Button size="small" data-testid={`calendar-publish-${year}`}>
                        {t('calendar.publishYear', { year })}
                      </Button>
                    </Popconfirm>
                  ) : undefined
                }
              />
            ))}
          </Card>
          <Card title={t('calendar.days')}>
            {canEdit && <AddDaysForm />}
            <Table<CalendarDayDto>
              data-testid="calendar-days"
              rowKey="date"
              size="middle"
              columns={columns}
              dataSource={info.data?.days ?? []}
              loading={info.isFetching}
              locale={{ emptyText: t('calendar.noDays') }}
              pagination={{
                defaultPageSize: 10,
                hideOnSinglePage: true,
                showTotal: (total) => t('common.total', { total }),
              }}
            />
          </Card>
        </Space>
      </Col>
      <Col xs={24} xl={9}>
        <DeadlineCalculator />
      </Col>
    </Row>
  );
}
