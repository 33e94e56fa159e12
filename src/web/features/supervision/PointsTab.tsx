import { EditOutlined } from '@ant-design/icons';
import { Button, Table, Tabs, Typography, type TableColumnsType } from 'antd';
import type { HTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import {
  pathOf,
  pointsOf,
  type Catalogue,
  type SupervisionPoint,
} from '../../../shared/supervision/catalogue.js';
import { categoryName, RiskTag } from './labels.js';

interface Props {
  catalogue: Catalogue;
  /** Show a path on the path tab. */
  onOpenPath: (code: string) => void;
  /** Given when the user may revise the catalogue: open the editor on this point. */
  onEditPoint?: (code: string) => void;
}

/** 监督要点: one tab per category (with its count), a table of its points in each. */
export function PointsTab({ catalogue, onOpenPath, onEditPoint }: Props) {
  const { t } = useTranslation();

  const columns: TableColumnsType<SupervisionPoint> = [
    { title: t('supervision.point.code'), dataIndex: 'code', key: 'code', width: 64 },
    { title: t('supervision.point.title'), dataIndex: 'title', key: 'title', width: 200 },
    {
      title: t('supervision.point.risk'),
      key: 'risk',
      width: 64,
      render: (_v, point) => <RiskTag risk={point.risk} />,
    },
    {
      title: t('supervision.point.whatToCheck'),
      dataIndex: 'whatToCheck',
      key: 'whatToCheck',
    },
    { title: t('supervision.point.basis'), dataIndex: 'basis', key: 'basis', width: 200 },
    {
      title: t('supervision.point.evidence'),
      key: 'evidence',
      width: 160,
      render: (_v, point) => (
        <ul style={{ margin: 0, paddingInlineStart: 16 }}>
          {point.evidence.map((item, i) => (
            <li key={i}>{item}</li>
          ))}
        </ul>
      ),
    },
    {
      title: t('supervision.point.path'),
      key: 'path',
      width: 140,
      render: (_v, point) => {
        const path = pathOf(catalogue, point);
        return (
          <Typography.Link
            onClick={() => onOpenPath(point.pathCode)}
            data-testid={`supervision-point-path-${point.code}`}
          >
            {path ? `${path.code} ${path.title}` : point.pathCode}
          </Typography.Link>
        );
      },
    },
  ];
  if (onEditPoint) {
    columns.push({
      title: t('common.actions'),
      key: 'actions',
      width: 88,
      fixed: 'right',
      render: (_v, point) => (
        <Button
          size="small"
          icon={<EditOutlined />}
          onClick={() => onEditPoint(point.code)}
          data-testid={`supervision-edit-point-${point.code}`}
        >
          {t('supervision.point.editPoint')}
        </Button>
      ),
    });
  }

  const categories = catalogue.categories.map((category) => ({
    category,
    points: pointsOf(catalogue, category.id),
  }));

  return (
    <Tabs
      type="card"
      size="small"
      data-testid="supervision-categories"
      items={categories.map(({ category, points }) => ({
        key: category.id,
        label: (
          <span data-testid={`supervision-category-${category.id}`}>
            {t('supervision.categoryCount', {
              name: categoryName(catalogue, category.id),
              count: points.length,
            })}
          </span>
        ),
        children: (
          <Table<SupervisionPoint>
            data-testid={`supervision-points-${category.id}`}
            rowKey="code"
            size="small"
            columns={columns}
            dataSource={points}
            pagination={false}
            scroll={{ x: 1100 }}
            onRow={(point) =>
              ({ 'data-testid': `supervision-point-${point.code}` }) as HTMLAttributes<HTMLElement>
            }
          />
        ),
      }))}
    />
  );
}
