import { Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import type { HTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import type { Catalogue, NegativeListItem } from '../../../shared/supervision/catalogue.js';
import { RULES } from '../../../shared/supervision/rules.js';
import { currentLocale } from '../../i18n/index.js';
import { categoryName } from './labels.js';

/** 负面清单: the forbidden practices, those an automatic rule watches tagged 自动预警. */
export function NegativeListTab({ catalogue }: { catalogue: Catalogue }) {
  const { t } = useTranslation();
  const columns: TableColumnsType<NegativeListItem> = [
    { title: t('supervision.negative.code'), dataIndex: 'code', key: 'code', width: 72 },
    {
      title: t('supervision.negative.category'),
      key: 'category',
      width: 180,
      render: (_v, item) => categoryName(catalogue, item.category),
    },
    { title: t('supervision.negative.text'), dataIndex: 'text', key: 'text' },
    {
      title: t('supervision.negative.rule'),
      key: 'rule',
      width: 300,
      render: (_v, item) => {
        const rule = item.ruleId ? RULES.find((r) => r.id === item.ruleId) : undefined;
        if (!item.ruleId) {
          return (
            <Typography.Text type="secondary">{t('supervision.negative.manual')}</Typography.Text>
          );
        }
        return (
          <Space size={4} wrap>
            <Tag color="volcano">{t('supervision.negative.auto')}</Tag>
            {rule?.title[currentLocale()] ?? item.ruleId}
          </Space>
        );
      },
    },
  ];
  return (
    <Table<NegativeListItem>
      data-testid="supervision-negative"
      rowKey="code"
      size="small"
      columns={columns}
      dataSource={catalogue.negativeList}
      pagination={false}
      scroll={{ x: 'max-content' }}
      onRow={(item) =>
        ({ 'data-testid': `supervision-negative-${item.code}` }) as HTMLAttributes<HTMLElement>
      }
    />
  );
}
