import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  Button,
  Form,
  Modal,
  Radio,
  Select,
  Space,
  Table,
  Typography,
  Upload,
  type TableColumnsType,
  type UploadFile,
} from 'antd';
import type { TFunction } from 'i18next';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  LEDGER_KINDS,
  type ImportReport,
  type LedgerKind,
} from '../../../shared/schemas/ledger.js';
import { useRegion } from '../../region/RegionContext.js';
import { useMe } from '../auth/session.js';
import { ledgerKindLabel } from './labels.js';
import { LEDGER_KEY, ledgerApi, type ImportMode } from './ledger.api.js';
import { defaultVillage, VillageSelect } from './NewEntryDrawer.js';

type Problem = ImportReport['problems'][number];

interface Values {
  kind?: LedgerKind;
  regionCode?: string;
  file?: UploadFile[];
  mode: ImportMode;
}

/** Rows named in a summary before it says "and N more". */
const ROWS_NAMED = 5;

/** `3、5、8` or `3、5、8、9、12 等 14 行`: the rows with problems, for the summary sentence. */
function rowsText(t: TFunction, problems: readonly Problem[]): string {
  const rows = [...new Set(problems.map((p) => p.row))].sort((a, b) => a - b);
  const named = rows.slice(0, ROWS_NAMED).join(t('ledger.import.rowSeparator'));
  return rows.length > ROWS_NAMED
    ? t('ledger.import.rowsMore', { rows: named, count: rows.length })
    : named;
}

/** What happened, in one sentence after the totals. */
function summaryOf(
  t: TFunction,
  report: ImportReport,
): { type: 'success' | 'warning' | 'error'; text: string } {
  if (report.problems.length === 0) {
    return report.total === 0
      ? { type: 'warning', text: t('ledger.import.empty') }
      : { type: 'success', text: t('ledger.import.allDone') };
  }
  const rows = rowsText(t, report.problems);
  if (report.imported === 0) {
    return report.mode === 'all'
      ? { type: 'error', text: t('ledger.import.noneImported', { rows }) }
      : { type: 'error', text: t('ledger.import.noneValid', { rows }) };
  }
  return { type: 'warning', text: t('ledger.import.someSkipped', { rows }) };
}

function ImportResult({ report }: { report: ImportReport }) {
  const { t } = useTranslation();
  const summary = summaryOf(t, report);
  const columns: TableColumnsType<Problem & { key: number }> = [
    { title: t('ledger.import.problemRow'), dataIndex: 'row', key: 'row', width: 80 },
    { title: t('ledger.import.problemColumn'), dataIndex: 'column', key: 'column', width: 160 },
    { title: t('ledger.import.problemMessage'), dataIndex: 'message', key: 'message' },
  ];
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Alert
        type={summary.type}
        showIcon
        data-testid="import-summary"
        message={t('ledger.import.totals', { total: report.total, imported: report.imported })}
        description={summary.text}
      />
      {report.problems.length > 0 && (
        <Table<Problem & { key: number }>
          data-testid="import-problems"
          title={() => <Typography.Text strong>{t('ledger.import.problemsTitle')}</Typography.Text>}
          size="small"
          bordered
          columns={columns}
          dataSource={report.problems.map((problem, index) => ({ ...problem, key: index }))}
          pagination={report.problems.length > 10 ? { pageSize: 10, size: 'small' } : false}
          scroll={{ x: 'max-content' }}
        />
      )}
    </Space>
  );
}

interface Props {
  open: boolean;
  /** The kind to start with (the list's tab). */
  defaultKind?: LedgerKind;
  onClose: () => void;
}

/**
 * Import a filled xlsx template into a village: by default nothing is imported when any row
 * has a problem; the report lists each problem by row and column.
 */
export function ImportModal({ open, defaultKind, onClose }: Props) {
  const { t } = useTranslation();
  const me = useMe();
  const { regionCode: headerRegion } = useRegion();
  const client = useQueryClient();
  const [form] = Form.useForm<Values>();
  const [report, setReport] = useState<ImportReport | null>(null);
  const kind = Form.useWatch('kind', form);
  const regionCode = Form.useWatch('regionCode', form);

  const template = useMutation({
    mutationFn: ({ region, of }: { region: string; of: LedgerKind }) =>
      ledgerApi.template(region, of),
  });

  const start = useMutation({
    mutationFn: (values: Values) => {
      const file = values.file?.[0]?.originFileObj;
      return ledgerApi.importXlsx({
        regionCode: values.regionCode!,
        kind: values.kind!,
        mode: values.mode,
        file: file!,
        fileName: file?.name ?? 'import.xlsx',
      });
    },
    meta: { form },
    onMutate: () => setReport(null),
    onSuccess: async (result) => {
      setReport(result);
      if (result.imported > 0) {
        // Imported rows must not be imported twice by a second click.
        form.setFieldValue('file', []);
        await client.invalidateQueries({ queryKey: LEDGER_KEY });
      }
    },
  });

  const close = () => {
    setReport(null);
    start.reset();
    onClose();
  };

  const required = { required: true, message: t('common.required') };

  return (
    <Modal
      open={open}
      title={t('ledger.import.title')}
      width={720}
      onCancel={close}
      destroyOnHidden
      maskClosable={false}
      footer={
        <Space wrap>
          <Button onClick={close}>{t('common.close')}</Button>
          <Button
            type="primary"
            icon={<UploadOutlined />}
            loading={start.isPending}
            onClick={() => form.submit()}
            data-testid="import-start"
          >
            {t('ledger.import.start')}
          </Button>
        </Space>
      }
    >
      <Typography.Paragraph type="secondary">{t('ledger.import.intro')}</Typography.Paragraph>
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={{
          kind: defaultKind,
          regionCode: defaultVillage(me, headerRegion),
          mode: 'all',
          file: [],
        }}
        onFinish={(values) => start.mutate(values)}
      >
        <Space wrap align="start" size={12} style={{ display: 'flex' }}>
          <Form.Item name="kind" label={t('ledger.import.kind')} rules={[required]}>
            <Select<LedgerKind>
              style={{ width: 200 }}
              data-testid="import-kind"
              options={LEDGER_KINDS.map((value) => ({
                value,
                label: ledgerKindLabel(t, value),
              }))}
            />
          </Form.Item>
          <Form.Item name="regionCode" label={t('ledger.import.region')} rules={[required]}>
            <VillageSelect style={{ width: 240 }} data-testid="import-region" />
          </Form.Item>
        </Space>
        <Form.Item extra={t('ledger.import.templateHint')}>
          <Button
            icon={<DownloadOutlined />}
            disabled={!kind || !regionCode}
            title={!kind || !regionCode ? t('ledger.import.chooseKindRegion') : undefined}
            loading={template.isPending}
            onClick={() => {
              if (kind && regionCode) template.mutate({ region: regionCode, of: kind });
            }}
            data-testid="import-template"
          >
            {t('ledger.import.template')}
          </Button>
        </Form.Item>
        <Form.Item
          name="file"
          label={t('ledger.import.file')}
          valuePropName="fileList"
          getValueFromEvent={(event: { fileList: UploadFile[] }) => event.fileList.slice(-1)}
          rules={[
            {
              validator: async (_rule, files: UploadFile[] | undefined) => {
                const file = files?.[0];
                if (!file) throw new Error(t('ledger.import.fileRequired'));
                if (!file.name.toLowerCase().endsWith('.xlsx')) {
                  throw new Error(t('ledger.import.onlyXlsx'));
                }
              },
            },
          ]}
        >
          <Upload
            accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            beforeUpload={() => false}
            maxCount={1}
            data-testid="import-file"
          >
            <Button icon={<UploadOutlined />}>{t('ledger.import.chooseFile')}</Button>
          </Upload>
        </Form.Item>
        <Form.Item name="mode" label={t('ledger.import.mode')}>
          <Radio.Group>
            <Space direction="vertical">
              <Radio value="all" data-testid="import-mode-all">
                {t('ledger.import.modeAll')}
              </Radio>
              <Radio value="valid" data-testid="import-mode-valid">
                {t('ledger.import.modeValid')}
              </Radio>
            </Space>
          </Radio.Group>
        </Form.Item>
      </Form>
      {report && <ImportResult report={report} />}
    </Modal>
  );
}
