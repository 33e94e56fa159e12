import { PaperClipOutlined, UploadOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Select,
  Space,
  Table,
  Tag,
  Typography,
  Upload,
  type TableColumnsType,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Attachment, LedgerEntryDto } from '../../../shared/schemas/ledger.js';
import { ReasonModal } from './ActionForms.js';
import { entryApi, fileUrl } from './entry.api.js';
import { LEDGER_KEY, ledgerApi } from './ledger.api.js';

/** The most attachments an entry may carry (the schema's limit). */
const MAX_ATTACHMENTS = 50;

interface FieldProps {
  value: Attachment[];
  onChange?: (next: Attachment[]) => void;
  /** The entry's village: uploads are stored there. */
  regionCode: string;
  /** Upload, remove and mark public; otherwise a read-only list. */
  editable: boolean;
}

/**
 * The attachments of an entry: name, link, and whether the copy is public (脱敏后公开) or for
 * staff only. Editable: upload files (stored internal until the entry is disclosed), mark
 * them public or internal, remove them. The parent saves the list.
 */
export function AttachmentsField({ value, onChange, regionCode, editable }: FieldProps) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const change = (next: Attachment[]) => onChange?.(next);

  const upload = useMutation({
    mutationFn: (file: File) => entryApi.upload(regionCode, file, file.name),
    onSuccess: (stored) => {
      void message.success(t('ledger.detail.attachments.uploaded', { name: stored.originalName }));
      change([...value, { fileId: stored.id, name: stored.originalName, public: false }]);
    },
  });

  const columns: TableColumnsType<Attachment> = [
    {
      title: t('ledger.detail.attachments.name'),
      key: 'name',
      render: (_v, a) => (
        <Typography.Link href={fileUrl(a.fileId)} target="_blank" rel="noreferrer">
          <PaperClipOutlined /> {a.name}
        </Typography.Link>
      ),
    },
    {
      title: t('ledger.detail.attachments.visibility'),
      key: 'public',
      width: 180,
      render: (_v, a, index) =>
        editable ? (
          <Select<'public' | 'internal'>
            size="small"
            style={{ width: 150 }}
            data-testid={`attachment-visibility-${index}`}
            value={a.public ? 'public' : 'internal'}
            onChange={(next) =>
              change(
                value.map((item, i) =>
                  i === index ? { ...item, public: next === 'public' } : item,
                ),
              )
            }
            options={[
              { value: 'public', label: t('ledger.detail.attachments.public') },
              { value: 'internal', label: t('ledger.detail.attachments.internal') },
            ]}
          />
        ) : a.public ? (
          <Tag color="green">{t('ledger.detail.attachments.public')}</Tag>
        ) : (
          <Tag>{t('ledger.detail.attachments.internal')}</Tag>
        ),
    },
  ];
  if (editable) {
    columns.push({
      title: t('common.actions'),
      key: 'actions',
      width: 90,
      className: 'qf-no-print',
      render: (_v, _a, index) => (
        <Button
          type="link"
          size="small"
          danger
          data-testid={`attachment-remove-${index}`}
          onClick={() => change(value.filter((_item, i) => i !== index))}
        >
          {t('ledger.detail.attachments.remove')}
        </Button>
      ),
    });
  }

  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      {editable && (
        <Space wrap className="qf-no-print">
          <Upload
            showUploadList={false}
            multiple={false}
            disabled={upload.isPending || value.length >= MAX_ATTACHMENTS}
            beforeUpload={(file) => {
              upload.mutate(file);
              return false;
            }}
          >
            <Button
              icon={<UploadOutlined />}
              loading={upload.isPending}
              data-testid="attachments-upload"
            >
              {upload.isPending
                ? t('ledger.detail.attachments.uploading')
                : t('ledger.detail.attachments.upload')}
            </Button>
          </Upload>
          <Typography.Text type="secondary">
            {t('ledger.detail.attachments.publicHint')}
          </Typography.Text>
        </Space>
      )}
      <Table<Attachment>
        data-testid="entry-attachments"
        rowKey={(a) => a.fileId}
        size="small"
        columns={columns}
        dataSource={value}
        pagination={false}
        locale={{ emptyText: t('ledger.detail.attachments.empty') }}
      />
    </Space>
  );
}

/**
 * The attachments card of the entry page: edits are kept here until saved, and saving is a
 * correction (修改) of the entry, with a reason, like any other.
 */
export function EntryAttachments({
  entry,
  editable,
}: {
  entry: LedgerEntryDto;
  editable: boolean;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const client = useQueryClient();
  const [draft, setDraft] = useState<Attachment[]>(entry.attachments);
  const [saving, setSaving] = useState(false);
  const dirty = JSON.stringify(draft) !== JSON.stringify(entry.attachments);

  const save = async (reason: string) => {
    await ledgerApi.amend(entry.id, {
      expectedVersion: entry.version,
      reason,
      attachments: draft,
    });
    void message.success(t('ledger.detail.attachments.done'));
    await client.invalidateQueries({ queryKey: LEDGER_KEY });
  };

  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <AttachmentsField
        value={draft}
        onChange={setDraft}
        regionCode={entry.regionCode}
        editable={editable}
      />
      {editable && dirty && (
        <Alert
          className="qf-no-print"
          type="warning"
          showIcon
          message={t('ledger.detail.attachments.unsaved')}
          action={
            <Space>
              <Button size="small" onClick={() => setDraft(entry.attachments)}>
                {t('ledger.detail.attachments.discard')}
              </Button>
              <Button
                size="small"
                type="primary"
                data-testid="attachments-save"
                onClick={() => setSaving(true)}
              >
                {t('ledger.detail.attachments.save')}
              </Button>
            </Space>
          }
        />
      )}
      <ReasonModal
        open={saving}
        title={t('ledger.detail.attachments.reasonTitle')}
        okText={t('ledger.detail.attachments.save')}
        onSubmit={save}
        onClose={() => setSaving(false)}
      />
    </Space>
  );
}
