import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Descriptions, Drawer, Form, Grid, Input, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatTime } from '../../format.js';
import { CASES_KEY } from '../cases/cases.api.js';
import { FilePicker } from './FilePicker.js';
import { fieldSink, OtherErrors } from './inspection.labels.js';
import { FINDINGS_KEY, findingsApi, type FindingDto } from './supervision.api.js';

interface Values {
  text: string;
  evidence: string[];
}

/**
 * 提交整改: the village committee says what it did and uploads the evidence (photos or PDF);
 * the finding goes to the liaison station to verify.
 */
export function RectifyDrawer({ finding, onClose }: { finding: FindingDto; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const client = useQueryClient();
  const screens = Grid.useBreakpoint();
  const [form] = Form.useForm<Values>();
  const [uploading, setUploading] = useState(false);
  const [otherErrors, setOtherErrors] = useState<string[]>([]);

  const rectify = useMutation({
    mutationFn: (values: Values) =>
      findingsApi.rectify(finding.id, {
        expectedVersion: finding.version,
        text: values.text.trim(),
        evidence: values.evidence,
      }),
    meta: { form: fieldSink(form, ['text', 'evidence'], setOtherErrors) },
    onMutate: () => setOtherErrors([]),
    onSuccess: async () => {
      void message.success(t('supervision.rectify.done'));
      await client.invalidateQueries({ queryKey: FINDINGS_KEY });
      await client.invalidateQueries({ queryKey: CASES_KEY });
      onClose();
    },
    onError: () => void client.invalidateQueries({ queryKey: FINDINGS_KEY }),
  });

  return (
    <Drawer
      open
      onClose={onClose}
      title={t('supervision.rectify.title')}
      width={screens.md ? 560 : '100%'}
      destroyOnHidden
      extra={
        <Button
          type="primary"
          loading={rectify.isPending}
          disabled={uploading}
          onClick={() => form.submit()}
          data-testid="rectify-submit"
        >
          {uploading ? t('supervision.rectify.uploading') : t('supervision.rectify.submit')}
        </Button>
      }
    >
      <Descriptions
        size="small"
        column={1}
        style={{ marginBottom: 16 }}
        items={[
          { key: 'code', label: t('supervision.rectify.code'), children: finding.code },
          {
            key: 'problem',
            label: t('supervision.rectify.problem'),
            children: `${finding.pointCode} ${finding.title}`,
          },
          {
            key: 'description',
            label: t('supervision.rectify.description'),
            children: finding.description,
          },
          {
            key: 'notice',
            label: t('supervision.rectify.notice'),
            children: finding.docNo ?? t('supervision.findings.notFedBack'),
          },
          {
            key: 'due',
            label: t('supervision.rectify.due'),
            children: finding.dueAt ? formatTime(finding.dueAt).slice(0, 16) : '—',
          },
        ]}
      />
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={{ text: '', evidence: [] }}
        onFinish={(values) => rectify.mutate(values)}
      >
        <Form.Item
          name="text"
          label={t('supervision.rectify.text')}
          rules={[
            { required: true, whitespace: true, message: t('supervision.rectify.textRequired') },
            { min: 2, max: 2000, message: t('supervision.rectify.textLength') },
          ]}
        >
          <Input.TextArea
            rows={5}
            maxLength={2000}
            showCount
            placeholder={t('supervision.rectify.textPlaceholder')}
            data-testid="rectify-text"
          />
        </Form.Item>
        <Form.Item
          name="evidence"
          label={t('supervision.rectify.evidence')}
          rules={[
            {
              validator: (_rule, value: string[] | undefined) =>
                value && value.length > 0
                  ? Promise.resolve()
                  : Promise.reject(new Error(t('supervision.rectify.evidenceRequired'))),
            },
          ]}
        >
          <EvidenceField regionCode={finding.regionCode} onBusyChange={setUploading} />
        </Form.Item>
        <OtherErrors messages={otherErrors} />
        <Typography.Paragraph type="secondary">
          {t('supervision.rectify.next')}
        </Typography.Paragraph>
      </Form>
    </Drawer>
  );
}

/** The evidence as a form control: the ids of the files uploaded into the village. */
function EvidenceField({
  value = [],
  onChange,
  regionCode,
  onBusyChange,
  'aria-invalid': invalid,
}: {
  value?: string[];
  onChange?: (ids: string[]) => void;
  regionCode: string;
  onBusyChange: (busy: boolean) => void;
  'aria-invalid'?: boolean | 'true' | 'false';
}) {
  return (
    <FilePicker
      kind="evidence"
      regionCode={regionCode}
      value={value}
      onChange={(ids) => onChange?.(ids)}
      onBusyChange={onBusyChange}
      invalid={invalid === true || invalid === 'true'}
      testId="rectify-evidence"
    />
  );
}
