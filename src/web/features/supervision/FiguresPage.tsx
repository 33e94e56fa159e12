import { DownloadOutlined, FilePdfOutlined, FileWordOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import {
  Alert,
  Button,
  Card,
  Col,
  DatePicker,
  Empty,
  Row,
  Space,
  Statistic,
  Table,
  TreeSelect,
  Typography,
  type TableColumnsType,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { BarChart, type BarSeriesOption } from 'echarts/charts';
import {
  GridComponent,
  LegendComponent,
  TooltipComponent,
  type GridComponentOption,
  type LegendComponentOption,
  type TooltipComponentOption,
} from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RegionDto } from '../../../shared/schemas/regions.js';
import { briefParagraph } from '../../../shared/supervision/brief.js';
import { SUPERVISION_CATEGORY_IDS } from '../../../shared/supervision/catalogue.js';
import type {
  SupervisionFigureRow,
  SupervisionFigures,
} from '../../../shared/supervision/figures.js';
import { api, type Query } from '../../api/client.js';
import { showError } from '../../api/errors.js';
import { formatTime, todayInShanghai } from '../../format.js';
import { useRegion } from '../../region/RegionContext.js';
import { regionTree, useMyRegions, type RegionNode } from '../../region/regions.api.js';
import { useMe } from '../auth/session.js';

echarts.use([BarChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

type ChartOption = echarts.ComposeOption<
  BarSeriesOption | GridComponentOption | LegendComponentOption | TooltipComponentOption
>;

const DATE = 'YYYY-MM-DD';

/** The counted columns of a row. */
type CountKey = Exclude<keyof SupervisionFigureRow, 'regionCode' | 'regionName' | 'byCategory'>;

const figuresApi = {
  get: (query: Query) => api.get<SupervisionFigures>('/supervision/figures', query),
  xlsx: (query: Query) => api.download('/supervision/figures.xlsx', query, 'figures.xlsx'),
  brief: (query: Query, format: 'pdf' | 'docx') =>
    api.download('/supervision/brief', { ...query, format }, `brief.${format}`),
};

/**
 * One ECharts chart: created on mount, given each new option whole, resized with the window
 * and disposed of on unmount.
 */
function Chart({
  option,
  height,
  testId,
}: {
  option: ChartOption;
  height: number;
  testId: string;
}) {
  const element = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  useEffect(() => {
    if (!element.current) return undefined;
    const instance = echarts.init(element.current);
    chart.current = instance;
    const resize = () => instance.resize();
    window.addEventListener('resize', resize);
    return () => {
      window.removeEventListener('resize', resize);
      instance.dispose();
      chart.current = null;
    };
  }, []);
  useEffect(() => {
    chart.current?.setOption(option, { notMerge: true });
    chart.current?.resize({ height });
  }, [option, height]);
  return <div ref={element} style={{ width: '100%', height }} data-testid={testId} />;
}

/** Towns and villages are chosen; the levels above only group them. */
function selectableTree(nodes: RegionNode[], levels: Map<string, string>): RegionNode[] {
  return nodes.map((node) => {
    const level = levels.get(node.value);
    return {
      ...node,
      selectable: level === 'town' || level === 'village',
      ...(node.children ? { children: selectableTree(node.children, levels) } : {}),
    };
  });
}

/** The header's region when it is a town or village, else the user's own, else the first town. */
function defaultRegion(
  regions: readonly RegionDto[],
  ...candidates: (string | undefined)[]
): string | undefined {
  const levels = new Map(regions.map((r) => [r.code, r.level]));
  for (const code of candidates) {
    const level = code ? levels.get(code) : undefined;
    if (level === 'town' || level === 'village') return code;
  }
  return (
    regions.find((r) => r.level === 'town')?.code ??
    regions.find((r) => r.level === 'village')?.code
  );
}

/**
 * 监督统计: a town's (or a village's) supervision over a period — problems found by category,
 * each village's rectification, warnings raised and cleared, the table, the workbook and the
 * monthly brief.
 */
export default function FiguresPage() {
  const { t } = useTranslation();
  const me = useMe();
  const { regionCode: headerRegion } = useRegion();
  const regions = useMyRegions();
  const [picked, setPicked] = useState<string>();
  const [range, setRange] = useState<[Dayjs, Dayjs]>(() => {
    const today = dayjs(todayInShanghai());
    return [today.startOf('year'), today];
  });
  const regionCode = picked ?? defaultRegion(regions.data ?? [], headerRegion, me.regionCode);
  const query: Query = {
    regionCode,
    from: range[0].format(DATE),
    to: range[1].format(DATE),
  };

  const figures = useQuery({
    queryKey: ['supervision', 'figures', query.regionCode, query.from, query.to],
    queryFn: () => figuresApi.get(query),
    enabled: regionCode !== undefined,
    placeholderData: keepPreviousData,
  });

  const treeData = useMemo(() => {
    const list = regions.data ?? [];
    return selectableTree(regionTree(list), new Map(list.map((r) => [r.code, r.level])));
  }, [regions.data]);

  const today = dayjs(todayInShanghai());
  const presets = [
    { label: t('supervision.figures.presets.thisYear'), value: [today.startOf('year'), today] },
    {
      label: t('supervision.figures.presets.thisQuarter'),
      value: [today.month(Math.floor(today.month() / 3) * 3).startOf('month'), today],
    },
    { label: t('supervision.figures.presets.thisMonth'), value: [today.startOf('month'), today] },
    {
      label: t('supervision.figures.presets.lastMonth'),
      value: [
        today.subtract(1, 'month').startOf('month'),
        today.subtract(1, 'month').endOf('month'),
      ],
    },
  ] as { label: string; value: [Dayjs, Dayjs] }[];

  const data = figures.data;

  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <Card title={t('supervision.figures.title')}>
        <Typography.Paragraph type="secondary">
          {t('supervision.figures.intro')}
        </Typography.Paragraph>
        <Space wrap>
          <Typography.Text>{t('supervision.figures.region')}</Typography.Text>
          <TreeSelect
            data-testid="figures-region"
            value={regionCode}
            onChange={(next: string) => setPicked(next)}
            treeData={treeData}
            loading={regions.isLoading}
            placeholder={t('supervision.figures.chooseRegion')}
            showSearch
            treeNodeFilterProp="title"
            treeDefaultExpandAll
            popupMatchSelectWidth={false}
            style={{ minWidth: 200 }}
          />
          <Typography.Text>{t('supervision.figures.period')}</Typography.Text>
          <DatePicker.RangePicker
            data-testid="figures-range"
            value={range}
            allowClear={false}
            presets={presets}
            onChange={(next) => {
              if (next?.[0] && next[1]) setRange([next[0], next[1]]);
            }}
          />
          <Button
            icon={<DownloadOutlined />}
            data-testid="figures-xlsx"
            disabled={!regionCode}
            onClick={() => figuresApi.xlsx(query).catch(showError)}
          >
            {t('supervision.figures.exportXlsx')}
          </Button>
          <Button
            icon={<FilePdfOutlined />}
            data-testid="figures-brief-pdf"
            disabled={!regionCode}
            onClick={() => figuresApi.brief(query, 'pdf').catch(showError)}
          >
            {t('supervision.figures.briefPdf')}
          </Button>
          <Button
            icon={<FileWordOutlined />}
            data-testid="figures-brief-docx"
            disabled={!regionCode}
            onClick={() => figuresApi.brief(query, 'docx').catch(showError)}
          >
            {t('supervision.figures.briefDocx')}
          </Button>
        </Space>
        {data ? (
          <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0 }}>
            {t('supervision.figures.asOf', { time: formatTime(data.asOf) })}
          </Typography.Paragraph>
        ) : null}
      </Card>
      {!regionCode && !regions.isLoading ? (
        <Alert type="info" showIcon message={t('supervision.figures.chooseRegion')} />
      ) : null}
      {figures.isError ? (
        <Alert type="error" showIcon message={t('supervision.figures.failed')} />
      ) : null}
      {data ? <FiguresBody figures={data} loading={figures.isFetching} /> : null}
    </Space>
  );
}

function FiguresBody({ figures, loading }: { figures: SupervisionFigures; loading: boolean }) {
  const { t } = useTranslation();
  const total = figures.total;
  const brief = briefParagraph(figures, figures, total);
  const categoryOption = useMemo<ChartOption>(
    () => ({
      tooltip: { trigger: 'axis' },
      grid: { left: 40, right: 16, top: 24, bottom: 32 },
      xAxis: {
        type: 'category',
        data: SUPERVISION_CATEGORY_IDS.map((id) => t(`supervision.figures.categories.${id}`)),
      },
      yAxis: { type: 'value', minInterval: 1 },
      series: [
        {
          type: 'bar',
          name: t('supervision.figures.series.findings'),
          data: SUPERVISION_CATEGORY_IDS.map((id) => total.byCategory[id]),
          label: { show: true, position: 'top' },
          barMaxWidth: 48,
        },
      ],
    }),
    [t, total],
  );
  const withFindings = figures.rows.filter((r) => r.findings > 0);
  const villageOption = useMemo<ChartOption>(() => {
    const names = withFindings.map((r) => r.regionName);
    const stacked = (
      key: 'rectifiedOnTime' | 'rectifiedLate' | 'open' | 'overdue',
      values: number[],
      color: string,
    ): BarSeriesOption => ({
      type: 'bar',
      stack: 'state',
      name: t(`supervision.figures.series.${key}`),
      data: values,
      itemStyle: { color },
      barMaxWidth: 18,
    });
    return {
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      legend: { top: 0 },
      grid: { left: 8, right: 24, top: 32, bottom: 8, containLabel: true },
      xAxis: { type: 'value', minInterval: 1 },
      yAxis: { type: 'category', data: names, inverse: true },
      series: [
        {
          type: 'bar',
          name: t('supervision.figures.series.fedBack'),
          data: withFindings.map((r) => r.fedBack),
          itemStyle: { color: '#8c8c8c' },
          barMaxWidth: 18,
        },
        stacked(
          'rectifiedOnTime',
          withFindings.map((r) => r.rectifiedOnTime),
          '#52c41a',
        ),
        stacked(
          'rectifiedLate',
          withFindings.map((r) => r.rectifiedLate),
          '#faad14',
        ),
        stacked(
          'open',
          withFindings.map((r) => r.open - r.overdue),
          '#1677ff',
        ),
        stacked(
          'overdue',
          withFindings.map((r) => r.overdue),
          '#ff4d4f',
        ),
      ],
    };
  }, [t, withFindings]);
  const withWarnings = figures.rows.filter((r) => r.warningsRaised > 0);
  const warningOption = useMemo<ChartOption>(
    () => ({
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      legend: { top: 0 },
      grid: { left: 8, right: 16, top: 32, bottom: 8, containLabel: true },
      xAxis: { type: 'category', data: withWarnings.map((r) => r.regionName) },
      yAxis: { type: 'value', minInterval: 1 },
      series: [
        {
          type: 'bar',
          name: t('supervision.figures.series.raised'),
          data: withWarnings.map((r) => r.warningsRaised),
          itemStyle: { color: '#fa8c16' },
          barMaxWidth: 24,
        },
        {
          type: 'bar',
          name: t('supervision.figures.series.cleared'),
          data: withWarnings.map((r) => r.warningsCleared),
          itemStyle: { color: '#52c41a' },
          barMaxWidth: 24,
        },
      ],
    }),
    [t, withWarnings],
  );

  const count = (key: CountKey) => ({
    title: t(`supervision.figures.columns.${key}`),
    dataIndex: key,
    key,
    align: 'right' as const,
    sorter: (a: SupervisionFigureRow, b: SupervisionFigureRow) => a[key] - b[key],
  });
  const columns: TableColumnsType<SupervisionFigureRow> = [
    {
      title: t('supervision.figures.columns.region'),
      dataIndex: 'regionName',
      key: 'region',
      fixed: 'left',
    },
    count('entries'),
    count('inspections'),
    count('findings'),
    count('fedBack'),
    count('rectified'),
    count('rectifiedOnTime'),
    count('rectifiedLate'),
    count('open'),
    {
      ...count('overdue'),
      render: (value: number) =>
        value > 0 ? <Typography.Text type="danger">{value}</Typography.Text> : value,
    },
    count('warningsRaised'),
    count('warningsCleared'),
  ];
  const summaryKeys = [
    'entries',
    'inspections',
    'findings',
    'fedBack',
    'rectified',
    'rectifiedOnTime',
    'rectifiedLate',
    'open',
    'overdue',
    'warningsRaised',
    'warningsCleared',
  ] as const;

  return (
    <>
      <Row gutter={[16, 16]}>
        {(
          [
            ['entries', total.entries],
            ['inspections', total.inspections],
            ['findings', total.findings],
            ['rectified', total.rectified],
            ['overdue', total.overdue],
            ['warningsRaised', total.warningsRaised],
          ] as const
        ).map(([key, value]) => (
          <Col key={key} xs={12} sm={8} lg={4}>
            <Card size="small">
              <Statistic
                title={t(`supervision.figures.columns.${key}`)}
                value={value}
                valueStyle={key === 'overdue' && value > 0 ? { color: '#cf1322' } : undefined}
              />
            </Card>
          </Col>
        ))}
      </Row>
      <Card title={t('supervision.figures.briefTitle')} size="small">
        <Typography.Paragraph data-testid="figures-brief" style={{ marginBottom: 0 }}>
          {brief}
        </Typography.Paragraph>
      </Card>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={10}>
          <Card title={t('supervision.figures.charts.byCategory')} size="small">
            {total.findings > 0 ? (
              <Chart option={categoryOption} height={300} testId="figures-chart-category" />
            ) : (
              <Empty description={t('supervision.figures.noFindings')} />
            )}
          </Card>
        </Col>
        <Col xs={24} lg={14}>
          <Card title={t('supervision.figures.charts.warnings')} size="small">
            {withWarnings.length > 0 ? (
              <Chart option={warningOption} height={300} testId="figures-chart-warnings" />
            ) : (
              <Empty description={t('supervision.figures.noWarnings')} />
            )}
          </Card>
        </Col>
      </Row>
      <Card title={t('supervision.figures.charts.byVillage')} size="small">
        {withFindings.length > 0 ? (
          <Chart
            option={villageOption}
            height={Math.max(200, 60 + withFindings.length * 32)}
            testId="figures-chart-villages"
          />
        ) : (
          <Empty description={t('supervision.figures.noFindings')} />
        )}
      </Card>
      <Card title={t('supervision.figures.tableTitle')} size="small">
        <Table<SupervisionFigureRow>
          data-testid="figures-table"
          rowKey="regionCode"
          size="small"
          columns={columns}
          dataSource={figures.rows}
          loading={loading}
          scroll={{ x: 'max-content' }}
          pagination={{ defaultPageSize: 50, hideOnSinglePage: true }}
          summary={() =>
            figures.rows.length > 1 ? (
              <Table.Summary.Row>
                <Table.Summary.Cell index={0}>
                  <Typography.Text strong>{t('supervision.figures.total')}</Typography.Text>
                </Table.Summary.Cell>
                {summaryKeys.map((key, index) => (
                  <Table.Summary.Cell key={key} index={index + 1} align="right">
                    <Typography.Text strong>{total[key]}</Typography.Text>
                  </Table.Summary.Cell>
                ))}
              </Table.Summary.Row>
            ) : null
          }
        />
      </Card>
    </>
  );
}
