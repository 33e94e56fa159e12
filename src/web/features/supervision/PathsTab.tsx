import {
  DownloadOutlined,
  FilePdfOutlined,
  PartitionOutlined,
  PrinterOutlined,
} from '@ant-design/icons';
import {
  Alert,
  Button,
  Card,
  Col,
  Empty,
  Menu,
  Row,
  Space,
  Table,
  Tag,
  Tooltip,
  Typography,
  type TableColumnsType,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type {
  Catalogue,
  SupervisionPath,
  SupervisionStep,
} from '../../../shared/supervision/catalogue.js';
import { flowchartPdfUrl, flowchartUrl } from './supervision.api.js';

/** The whole catalogue's flowchart rather than one path's. */
export const ALL_PATHS = 'all';

interface Props {
  catalogue: Catalogue;
  townCode: string;
  /** The day whose version is shown: the flowchart is drawn from the same version. */
  date: string;
  /** A path code, ALL_PATHS, or undefined before one is chosen. */
  selected: string | undefined;
  onSelect: (code: string) => void;
}

/**
 * Open the flowchart in a new tab and, once it has loaded, the browser's print dialog: the
 * SVG is laid out on A4 pages. The address is our own, so the new tab may be scripted.
 */
function printFlowchart(url: string): void {
  const tab = window.open(url, '_blank');
  tab?.addEventListener('load', () => tab.print(), { once: true });
}

/** 监督路径: the list of paths; the chosen one's flowchart, to print or download, and its steps. */
export function PathsTab({ catalogue, townCode, date, selected, onSelect }: Props) {
  const { t } = useTranslation();
  const path =
    selected === ALL_PATHS ? undefined : catalogue.paths.find((p) => p.code === selected);
  const showAll = selected === ALL_PATHS;

  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} md={8} xl={6}>
        <Typography.Text strong>
          {t('supervision.path.list', { count: catalogue.paths.length })}
        </Typography.Text>
        <Button
          block
          icon={<PartitionOutlined />}
          type={showAll ? 'primary' : 'default'}
          onClick={() => onSelect(ALL_PATHS)}
          style={{ margin: '8px 0' }}
          data-testid="supervision-path-all"
        >
          {t('supervision.path.all')}
        </Button>
        <div style={{ maxHeight: '70vh', overflowY: 'auto' }}>
          <Menu
            mode="inline"
            selectedKeys={selected && !showAll ? [selected] : []}
            onClick={({ key }) => onSelect(key)}
            style={{ borderInlineEnd: 'none' }}
            items={catalogue.paths.map((p) => ({
              key: p.code,
              title: p.title,
              label: (
                <span data-testid={`supervision-path-${p.code}`}>
                  {p.code} {p.title}
                </span>
              ),
            }))}
          />
        </div>
      </Col>
      <Col xs={24} md={16} xl={18}>
        {showAll ? (
          <Flowchart
            key={`${ALL_PATHS}-${date}`}
            title={t('supervision.path.allTitle')}
            fileName="supervision-flowcharts.svg"
            url={flowchartUrl(townCode, { date })}
            pdfUrl={flowchartPdfUrl(townCode, { date })}
          />
        ) : path ? (
          <>
            <Flowchart
              key={`${path.code}-${date}`}
              title={`${path.code} ${path.title}`}
              fileName={`supervision-${path.code}.svg`}
              url={flowchartUrl(townCode, { path: path.code, date })}
              pdfUrl={flowchartPdfUrl(townCode, { path: path.code, date })}
            />
            <PathDetails catalogue={catalogue} path={path} />
          </>
        ) : (
          <Empty description={t('supervision.path.choose')} />
        )}
      </Col>
    </Row>
  );
}

function Flowchart({
  title,
  url,
  pdfUrl,
  fileName,
}: {
  title: string;
  url: string;
  /** The same drawing as a PDF of A4 pages (监督履职流程图, to print or file). */
  pdfUrl: string;
  fileName: string;
}) {
  const { t } = useTranslation();
  const [failed, setFailed] = useState(false);
  return (
    <Card
      size="small"
      title={title}
      extra={
        <Space wrap>
          <Tooltip title={t('supervision.path.printHint')}>
            <Button
              icon={<PrinterOutlined />}
              onClick={() => printFlowchart(url)}
              data-testid="supervision-print"
            >
              {t('supervision.path.print')}
            </Button>
          </Tooltip>
          <Button
            icon={<DownloadOutlined />}
            href={url}
            download={fileName}
            data-testid="supervision-download"
          >
            {t('supervision.path.download')}
          </Button>
          <Tooltip title={t('supervision.path.exportPdfHint')}>
            <Button
              icon={<FilePdfOutlined />}
              href={pdfUrl}
              target="_blank"
              data-testid="supervision-download-pdf"
            >
              {t('supervision.path.exportPdf')}
            </Button>
          </Tooltip>
        </Space>
      }
    >
      {failed ? (
        <Alert type="error" showIcon message={t('supervision.path.loadFailed')} />
      ) : (
        <div style={{ overflowX: 'auto', textAlign: 'center' }}>
          <img
            src={url}
            alt={t('supervision.path.flowchartAlt', { title })}
            onError={() => setFailed(true)}
            style={{ maxWidth: '100%', height: 'auto' }}
            data-testid="supervision-flowchart"
          />
        </div>
      )}
    </Card>
  );
}

/** The points that follow the path and its steps, as text beside the drawing. */
function PathDetails({ catalogue, path }: { catalogue: Catalogue; path: SupervisionPath }) {
  const { t } = useTranslation();
  const points = catalogue.points.filter((point) => point.pathCode === path.code);
  const columns: TableColumnsType<SupervisionStep & { n: number }> = [
    { title: t('supervision.path.order'), dataIndex: 'n', key: 'n', width: 64 },
    {
      title: t('supervision.path.actor'),
      key: 'actor',
      width: 140,
      render: (_v, step) => step.actor.label,
    },
    { title: t('supervision.path.action'), dataIndex: 'action', key: 'action' },
    { title: t('supervision.path.output'), dataIndex: 'output', key: 'output', width: 140 },
    {
      title: t('supervision.path.days'),
      key: 'days',
      width: 110,
      render: (_v, step) =>
        step.deadlineDays === undefined
          ? ''
          : t('supervision.path.daysValue', { n: step.deadlineDays }),
    },
  ];
  return (
    <div style={{ marginTop: 16 }} data-testid="supervision-path-details">
      <Space wrap size={[4, 4]} style={{ marginBottom: 8 }}>
        <Typography.Text type="secondary">{t('supervision.path.usedBy')}</Typography.Text>
        {points.length === 0 ? (
          <Typography.Text type="secondary">{t('supervision.path.noPoints')}</Typography.Text>
        ) : (
          points.map((point) => (
            <Tooltip key={point.code} title={point.title}>
              <Tag>{point.code}</Tag>
            </Tooltip>
          ))
        )}
      </Space>
      <Table<SupervisionStep & { n: number }>
        rowKey="n"
        size="small"
        columns={columns}
        dataSource={path.steps.map((step, i) => ({ ...step, n: i + 1 }))}
        pagination={false}
        scroll={{ x: 640 }}
      />
    </div>
  );
}
