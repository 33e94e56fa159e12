import { CheckCircleFilled, ExclamationCircleFilled, LoadingOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  Button,
  Card,
  Collapse,
  Form,
  Image,
  Input,
  InputNumber,
  Radio,
  Space,
  theme,
  Typography,
} from 'antd';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ITEM_RESULTS } from '../../../shared/schemas/supervision.js';
import type { FieldSink } from '../../api/errors.js';
import { RECTIFY_DAYS_BY_RISK, resultLabel, ResultTag } from './inspection.labels.js';
import { FilePicker } from './FilePicker.js';
import { RiskTag } from './labels.js';
import {
  fileUrl,
  INSPECTIONS_KEY,
  inspectionKey,
  inspectionsApi,
  type InspectionItemDto,
  type ItemResult,
} from './supervision.api.js';

/** A problem is described in at least this many characters (the server's rule). */
const MIN_NOTE = 4;

/** An answer as the officer is giving it. */
interface Draft {
  result: ItemResult | null;
  note: string;
  photos: string[];
  rectifyDays: number | null;
}

function draftOf(item: InspectionItemDto): Draft {
  return {
    result: item.result,
    note: item.note ?? '',
    photos: item.photos,
    rectifyDays: item.result === 'problem' ? item.rectifyDays : null,
  };
}

const same = (a: Draft, b: Draft) =>
  a.result === b.result &&
  a.note.trim() === b.note.trim() &&
  a.rectifyDays === b.rectifyDays &&
  a.photos.length === b.photos.length &&
  a.photos.every((id, i) => b.photos[i] === id);

/** Saves of one inspection run one after another: each answer comes back with the whole. */
export const saveScope = (inspectionId: string) => ({ id: `inspection-${inspectionId}` });

export type ItemState = 'unanswered' | 'dirty' | 'saving' | 'saved' | 'error';

interface Props {
  inspectionId: string;
  item: InspectionItemDto;
  /** The village: photos are stored there. */
  regionCode: string;
  editable: boolean;
  /** The server's reason this point held up the submission (unanswered). */
  flag?: string;
}

/**
 * One supervision point on the phone: what to check, its basis and evidence; 合格 / 发现问题 /
 * 不适用; a note, photos and, for a problem, the working days to rectify it. An answer is
 * saved the moment it is complete, so a lost signal loses nothing already given.
 */
export function InspectionItemCard({ inspectionId, item, regionCode, editable, flag }: Props) {
  const { t } = useTranslation();
  const { token } = theme.useToken();
  const client = useQueryClient();
  const [draft, setDraft] = useState<Draft>(() => draftOf(item));
  const [saved, setSaved] = useState<Draft>(() => draftOf(item));
  /** The server's refusals: by field of the answer; anything else under `other`. */
  const [errors, setErrors] = useState<Partial<Record<keyof Draft | 'other', string>>>({});
  // The latest draft and saved answer, for an upload that finishes after other edits.
  const draftRef = useRef(draft);
  const savedRef = useRef(saved);
  savedRef.current = saved;
  const [uploading, setUploading] = useState(false);
  const defaultDays = RECTIFY_DAYS_BY_RISK[item.risk];

  const sink: FieldSink = {
    setFields: (fields) => {
      const next: Partial<Record<keyof Draft | 'other', string>> = {};
      for (const field of fields) {
        const head = String(Array.isArray(field.name) ? field.name[0] : field.name);
        const key = (['result', 'note', 'photos', 'rectifyDays'] as const).find((k) => k === head);
        const text = (field.errors ?? []).join(' ');
        next[key ?? 'other'] = [next[key ?? 'other'], text].filter(Boolean).join(' · ');
      }
      setErrors(next);
    },
  };

  const save = useMutation({
    mutationFn: (d: Draft) =>
      inspectionsApi.answer(inspectionId, item.pointCode, {
        result: d.result!,
        ...(d.note.trim() ? { note: d.note.trim() } : {}),
        photos: d.photos,
        ...(d.result === 'problem' && d.rectifyDays ? { rectifyDays: d.rectifyDays } : {}),
      }),
    scope: saveScope(inspectionId),
    meta: { form: sink },
    onSuccess: (inspection, sent) => {
      savedRef.current = sent;
      setSaved(sent);
      setErrors({});
      client.setQueryData(inspectionKey(inspectionId), inspection);
      void client.invalidateQueries({ queryKey: [...INSPECTIONS_KEY, 'list'] });
    },
    onError: () => void client.invalidateQueries({ queryKey: inspectionKey(inspectionId) }),
  });

  const noteMissing = (d: Draft) => d.result === 'problem' && d.note.trim().length < MIN_NOTE;
  const complete = (d: Draft) => d.result !== null && !noteMissing(d);
  /** Send the answer when it is whole and differs from what the server has. */
  const send = (d: Draft) => {
    if (complete(d) && !same(d, savedRef.current)) save.mutate(d);
  };
  const change = (next: Draft, now: boolean) => {
    draftRef.current = next;
    setDraft(next);
    if (now) send(next);
  };

  const dirty = !same(draft, saved);
  const state: ItemState = save.isPending
    ? 'saving'
    : save.isError && dirty
      ? 'error'
      : draft.result === null
        ? 'unanswered'
        : dirty
          ? 'dirty'
          : 'saved';
  const flagged = Boolean(flag) && item.result === null;
  const code = item.pointCode;

  const details = (
    <Collapse
      ghost
      size="small"
      style={{ margin: '0 -8px' }}
      items={[
        {
          key: 'basis',
          label: t('supervision.inspection.basisAndEvidence'),
          children: (
            <Space direction="vertical" size={4}>
              <Typography.Text type="secondary">
                {t('common.labelValue', {
                  label: t('supervision.point.basis'),
                  value: item.basis,
                })}
              </Typography.Text>
              <Typography.Text type="secondary">
                {t('common.labelValue', {
                  label: t('supervision.point.evidence'),
                  value: item.evidence.join(t('supervision.listSep')),
                })}
              </Typography.Text>
            </Space>
          ),
        },
      ]}
    />
  );

  return (
    <Card
      size="small"
      id={`point-${code}`}
      data-testid={`inspection-item-${code}`}
      data-state={state}
      data-flagged={flagged ? 'true' : 'false'}
      style={{
        borderColor: flagged ? token.colorError : undefined,
        boxShadow: flagged ? `0 0 0 1px ${token.colorError}` : undefined,
      }}
      styles={{ body: { padding: 12 } }}
    >
      <Space direction="vertical" size={8} style={{ width: '100%' }}>
        <div style={{ display: 'flex', gap: 8, alignItems: 'flex-start' }}>
          <Typography.Text strong style={{ flex: 'none' }}>
            {code}
          </Typography.Text>
          <Typography.Text strong style={{ flex: 1, minWidth: 0 }}>
            {item.title}
          </Typography.Text>
          <RiskTag risk={item.risk} />
        </div>
        <Typography.Paragraph style={{ margin: 0 }}>
          <Typography.Text type="secondary">
            {t('common.labelValue', { label: t('supervision.point.whatToCheck'), value: '' })}
          </Typography.Text>
          {item.whatToCheck}
        </Typography.Paragraph>
        {details}
        {flagged && (
          <Alert type="error" showIcon message={flag} data-testid="inspection-item-flag" />
        )}
        {editable ? (
          <>
            <Radio.Group
              block
              optionType="button"
              buttonStyle="solid"
              value={draft.result}
              onChange={(event) => {
                setErrors({});
                change({ ...draftRef.current, result: event.target.value as ItemResult }, true);
              }}
            >
              {ITEM_RESULTS.map((result) => (
                <Radio.Button key={result} value={result}>
                  <span data-testid={`inspection-result-${code}-${result}`}>
                    {resultLabel(t, result)}
                  </span>
                </Radio.Button>
              ))}
            </Radio.Group>
            {(errors.result ?? errors.other) && (
              <Typography.Text type="danger" data-testid={`inspection-error-${code}`}>
                {[errors.result, errors.other].filter(Boolean).join(' · ')}
              </Typography.Text>
            )}
            {draft.result !== null && (
              <Form layout="vertical" component="div">
                <Form.Item
                  label={
                    draft.result === 'problem'
                      ? t('supervision.inspection.problemNote')
                      : t('supervision.inspection.note')
                  }
                  required={draft.result === 'problem'}
                  validateStatus={errors.note ? 'error' : undefined}
                  help={
                    errors.note ??
                    (noteMissing(draft) ? t('supervision.inspection.noteHint') : undefined)
                  }
                  style={{ marginBottom: 8 }}
                >
                  <Input.TextArea
                    value={draft.note}
                    autoSize={{ minRows: draft.result === 'problem' ? 3 : 1, maxRows: 8 }}
                    maxLength={2000}
                    placeholder={
                      draft.result === 'problem'
                        ? t('supervision.inspection.problemPlaceholder')
                        : t('supervision.inspection.notePlaceholder')
                    }
                    data-testid={`inspection-note-${code}`}
                    onChange={(event) => {
                      setErrors((e) => ({ ...e, note: undefined }));
                      change({ ...draftRef.current, note: event.target.value }, false);
                    }}
                    onBlur={() => send(draftRef.current)}
                  />
                </Form.Item>
                {draft.result === 'problem' && (
                  <Form.Item
                    label={t('supervision.inspection.rectifyDays')}
                    validateStatus={errors.rectifyDays ? 'error' : undefined}
                    help={
                      errors.rectifyDays ??
                      t('supervision.inspection.rectifyDaysHint', { n: defaultDays })
                    }
                    style={{ marginBottom: 8 }}
                  >
                    <InputNumber<number>
                      min={1}
                      max={90}
                      precision={0}
                      value={draft.rectifyDays}
                      placeholder={String(defaultDays)}
                      addonAfter={t('supervision.inspection.workingDays')}
                      style={{ width: 200, maxWidth: '100%' }}
                      data-testid={`inspection-days-${code}`}
                      onChange={(value) =>
                        change({ ...draftRef.current, rectifyDays: value ?? null }, false)
                      }
                      onBlur={() => send(draftRef.current)}
                    />
                  </Form.Item>
                )}
              </Form>
            )}
            <Form layout="vertical" component="div">
              <Form.Item
                label={t('supervision.inspection.photos')}
                validateStatus={errors.photos ? 'error' : undefined}
                help={errors.photos}
                style={{ marginBottom: 0 }}
              >
                <FilePicker
                  kind="photo"
                  regionCode={regionCode}
                  value={draft.photos}
                  invalid={Boolean(errors.photos)}
                  onBusyChange={setUploading}
                  onChange={(photos) => {
                    setErrors((e) => ({ ...e, photos: undefined }));
                    change({ ...draftRef.current, photos }, true);
                  }}
                  testId={`inspection-photos-${code}`}
                />
              </Form.Item>
            </Form>
            <SaveState
              state={state}
              uploading={uploading}
              needsNote={noteMissing(draft)}
              onSave={() => {
                if (noteMissing(draft)) {
                  setErrors({ note: t('supervision.inspection.noteHint') });
                  return;
                }
                send(draft);
              }}
              testId={`inspection-save-${code}`}
            />
          </>
        ) : (
          <ReadOnlyAnswer item={item} />
        )}
      </Space>
    </Card>
  );
}

/** 已保存 / 保存中 / 未保存, and a button to save what the officer is still typing. */
function SaveState({
  state,
  uploading,
  needsNote,
  onSave,
  testId,
}: {
  state: ItemState;
  uploading: boolean;
  needsNote: boolean;
  onSave: () => void;
  testId: string;
}) {
  const { t } = useTranslation();
  const { token } = theme.useToken();
  if (state === 'unanswered') return null;
  return (
    <div style={{ display: 'flex', alignItems: 'center', gap: 8, flexWrap: 'wrap' }}>
      {state === 'saving' || uploading ? (
        <Typography.Text type="secondary">
          <LoadingOutlined /> {t('supervision.inspection.saving')}
        </Typography.Text>
      ) : state === 'saved' ? (
        <Typography.Text style={{ color: token.colorSuccess }}>
          <CheckCircleFilled /> {t('supervision.inspection.saved')}
        </Typography.Text>
      ) : (
        <Typography.Text type={state === 'error' ? 'danger' : 'warning'}>
          <ExclamationCircleFilled />{' '}
          {needsNote ? t('supervision.inspection.needsNote') : t('supervision.inspection.unsaved')}
        </Typography.Text>
      )}
      {(state === 'dirty' || state === 'error') && (
        <Button size="small" type="primary" ghost onClick={onSave} data-testid={testId}>
          {t('supervision.inspection.save')}
        </Button>
      )}
    </div>
  );
}

/** The answer as given, once the inspection is submitted (or for readers). */
function ReadOnlyAnswer({ item }: { item: InspectionItemDto }) {
  const { t } = useTranslation();
  return (
    <Space direction="vertical" size={6} style={{ width: '100%' }}>
      <Space wrap size={8}>
        <ResultTag result={item.result} />
        {item.result === 'problem' && item.rectifyDays !== null && (
          <Typography.Text type="secondary">
            {t('supervision.inspection.rectifyWithin', { n: item.rectifyDays })}
          </Typography.Text>
        )}
        {item.findingId && (
          <Link
            to={`/cases/${item.findingId}`}
            data-testid={`inspection-finding-${item.pointCode}`}
          >
            {t('supervision.inspection.openFinding')}
          </Link>
        )}
      </Space>
      {item.note && <Typography.Paragraph style={{ margin: 0 }}>{item.note}</Typography.Paragraph>}
      {item.photos.length > 0 && (
        <Image.PreviewGroup>
          <Space wrap size={8}>
            {item.photos.map((id, index) => (
              <Image
                key={id}
                src={fileUrl(id)}
                width={72}
                height={72}
                style={{ objectFit: 'cover', borderRadius: 6 }}
                alt={t('supervision.files.photoAlt', { n: index + 1 })}
              />
            ))}
          </Space>
        </Image.PreviewGroup>
      )}
    </Space>
  );
}
