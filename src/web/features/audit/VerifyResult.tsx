import { Alert, List, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { VerifyReport } from '../../../shared/schemas/audit.js';

/** What /audit/verify found: counts, then each problem with its kind translated. */
export function VerifyResult({ report }: { report: VerifyReport }) {
  const { t } = useTranslation();
  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="audit-verify-result">
      <Alert
        type={report.ok ? 'success' : 'error'}
        showIcon
        message={report.ok ? t('audit.verifyOk') : t('audit.verifyBad')}
        description={
          <Space direction="vertical" size={0}>
            <span>{t('audit.checkedEvents', { n: report.checkedEvents })}</span>
            <span>{t('audit.checkedRows', { n: report.checkedRows })}</span>
            {report.firstBadSeq !== null && (
              <span>{t('audit.firstBadSeq', { seq: report.firstBadSeq })}</span>
            )}
          </Space>
        }
      />
      {report.problems.length > 0 && (
        <List
          size="small"
          bordered
          dataSource={report.problems}
          renderItem={(problem) => (
            <List.Item>
              <Space wrap>
                <Tag color="error">{t(`audit.problemKind.${problem.kind}`)}</Tag>
                {problem.seq !== null && <Typography.Text code>#{problem.seq}</Typography.Text>}
                {problem.entity && (
                  <Typography.Text type="secondary">
                    {problem.entity}
                    {problem.entityId ? ` ${problem.entityId}` : ''}
                  </Typography.Text>
                )}
                <Typography.Text>{problem.message}</Typography.Text>
              </Space>
            </List.Item>
          )}
        />
      )}
    </Space>
  );
}
