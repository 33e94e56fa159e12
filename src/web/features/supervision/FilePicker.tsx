import { CameraOutlined, CloseOutlined, FilePdfOutlined, UploadOutlined } from '@ant-design/icons';
import { Image, Space, theme, Typography } from 'antd';
import { useEffect, useRef, useState, type ChangeEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../api/errors.js';
import { fileUrl, uploadFile } from './supervision.api.js';

/** A file picked on this device, while it goes up or after it failed. */
interface Pending {
  key: number;
  name: string;
  /** A preview of an image, from the device; null for a PDF. */
  previewUrl: string | null;
  state: 'uploading' | 'failed';
  error?: string;
}

interface Props {
  /** The village the files are stored in (the server refuses files of another). */
  regionCode: string;
  /** Ids of the stored files. */
  value: string[];
  onChange: (ids: string[]) => void;
  /** True while a file is still going up: the parent waits before it sends the form. */
  onBusyChange?: (busy: boolean) => void;
  /** Photos only (the camera first on a phone), or photos and PDF documents. */
  kind: 'photo' | 'evidence';
  max?: number;
  disabled?: boolean;
  /** On the file input; its thumbnails get `<testId>-item`. */
  testId: string;
  /** Shown on the field when the server refused the files. */
  invalid?: boolean;
}

/**
 * A phone photo can be several megabytes; on a village network that is slow. Large JPEG, PNG
 * and WebP photos are scaled to 1600 px on the long side first; anything the browser cannot
 * decode (HEIC on most phones' browsers) goes up as it is.
 */
async function shrinkPhoto(file: File): Promise<{ blob: Blob; name: string }> {
  if (file.size < 1_500_000 || !/^image\/(jpeg|png|webp)$/.test(file.type)) {
    return { blob: file, name: file.name };
  }
  try {
    const bitmap = await createImageBitmap(file);
    const scale = Math.min(1, 1600 / Math.max(bitmap.width, bitmap.height));
    const canvas = document.createElement('canvas');
    canvas.width = Math.round(bitmap.width * scale);
    canvas.height = Math.round(bitmap.height * scale);
    canvas.getContext('2d')?.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
    bitmap.close();
    const blob = await new Promise<Blob | null>((resolve) =>
      canvas.toBlob(resolve, 'image/jpeg', 0.85),
    );
    if (!blob || blob.size >= file.size) return { blob: file, name: file.name };
    return { blob, name: `${file.name.replace(/\.[^.]*$/, '') || 'photo'}.jpg` };
  } catch {
    return { blob: file, name: file.name };
  }
}

const THUMB = 72;

/**
 * Photos (and, for rectification evidence, PDF files) uploaded the moment they are picked,
 * into the village, as thumbnails that can be removed. The value is the list of stored ids.
 */
export function FilePicker({
  regionCode,
  value,
  onChange,
  onBusyChange,
  kind,
  max = 9,
  disabled,
  testId,
  invalid,
}: Props) {
  const { t } = useTranslation();
  const { token } = theme.useToken();
  const [pending, setPending] = useState<Pending[]>([]);
  /** What each file uploaded here is (the server's list carries ids only). */
  const [known, setKnown] = useState<Record<string, { name: string; pdf: boolean }>>({});
  const valueRef = useRef(value);
  valueRef.current = value;
  // An upload finishes renders later: it hands its id to the parent's latest callback.
  const onChangeRef = useRef(onChange);
  onChangeRef.current = onChange;
  const nextKey = useRef(0);
  const busy = pending.some((p) => p.state === 'uploading');

  useEffect(() => onBusyChange?.(busy), [busy, onBusyChange]);
  const pendingRef = useRef(pending);
  pendingRef.current = pending;
  useEffect(
    () => () =>
      pendingRef.current.forEach((p) => p.previewUrl && URL.revokeObjectURL(p.previewUrl)),
    [],
  );

  const send = (file: File) => {
    const key = nextKey.current++;
    const pdf = file.type === 'application/pdf';
    const previewUrl = pdf ? null : URL.createObjectURL(file);
    setPending((list) => [...list, { key, name: file.name, previewUrl, state: 'uploading' }]);
    void (async () => {
      try {
        const { blob, name } = pdf ? { blob: file, name: file.name } : await shrinkPhoto(file);
        const stored = await uploadFile(regionCode, blob, name);
        setKnown((map) => ({
          ...map,
          [stored.id]: { name: stored.originalName, pdf: stored.mime === 'application/pdf' },
        }));
        setPending((list) => list.filter((p) => p.key !== key));
        if (previewUrl) URL.revokeObjectURL(previewUrl);
        valueRef.current = [...valueRef.current, stored.id];
        onChangeRef.current(valueRef.current);
      } catch (error) {
        setPending((list) =>
          list.map((p) => (p.key === key ? { ...p, state: 'failed', error: errorText(error) } : p)),
        );
      }
    })();
  };

  const pick = (event: ChangeEvent<HTMLInputElement>) => {
    const room = max - valueRef.current.length - pending.length;
    const files = [...(event.target.files ?? [])].slice(0, Math.max(0, room));
    event.target.value = '';
    files.forEach(send);
  };

  const dropPending = (key: number) =>
    setPending((list) => {
      const gone = list.find((p) => p.key === key);
      if (gone?.previewUrl) URL.revokeObjectURL(gone.previewUrl);
      return list.filter((p) => p.key !== key);
    });

  const frame = (failed: boolean) =>
    ({
      position: 'relative',
      width: THUMB,
      height: THUMB,
      borderRadius: token.borderRadius,
      overflow: 'hidden',
      background: token.colorFillQuaternary,
      border: `1px solid ${failed ? token.colorError : token.colorBorderSecondary}`,
      flex: 'none',
    }) as const;

  const removeButton = (label: string, onClick: () => void) => (
    <button
      type="button"
      aria-label={label}
      onClick={onClick}
      disabled={disabled}
      style={{
        position: 'absolute',
        top: 2,
        right: 2,
        width: 28,
        height: 28,
        borderRadius: '50%',
        border: 'none',
        background: 'rgba(0,0,0,0.55)',
        color: '#fff',
        cursor: 'pointer',
        zIndex: 1,
      }}
    >
      <CloseOutlined />
    </button>
  );

  const full = value.length + pending.length >= max;

  return (
    <Space direction="vertical" size={6} style={{ width: '100%' }}>
      {(value.length > 0 || pending.length > 0) && (
        <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8 }}>
          <Image.PreviewGroup>
            {value.map((id, index) => {
              const meta = known[id];
              return (
                <div key={id} style={frame(false)} data-testid={`${testId}-item`} data-state="done">
                  {meta?.pdf ? (
                    <a
                      href={fileUrl(id)}
                      target="_blank"
                      rel="noreferrer"
                      title={meta.name}
                      style={{
                        display: 'flex',
                        flexDirection: 'column',
                        alignItems: 'center',
                        justifyContent: 'center',
                        height: '100%',
                        fontSize: 12,
                        padding: 4,
                        textAlign: 'center',
                        wordBreak: 'break-all',
                        overflow: 'hidden',
                      }}
                    >
                      <FilePdfOutlined style={{ fontSize: 24 }} />
                      <span style={{ lineHeight: 1.2, maxHeight: 28, overflow: 'hidden' }}>
                        {meta.name}
                      </span>
                    </a>
                  ) : (
                    <Image
                      src={fileUrl(id)}
                      alt={t('supervision.files.photoAlt', { n: index + 1 })}
                      width={THUMB}
                      height={THUMB}
                      style={{ objectFit: 'cover' }}
                    />
                  )}
                  {!disabled &&
                    removeButton(t('supervision.files.remove'), () =>
                      onChange(valueRef.current.filter((other) => other !== id)),
                    )}
                </div>
              );
            })}
          </Image.PreviewGroup>
          {pending.map((p) => (
            <div
              key={p.key}
              style={frame(p.state === 'failed')}
              data-testid={`${testId}-item`}
              data-state={p.state}
              title={p.error ?? p.name}
            >
              {p.previewUrl ? (
                <img
                  src={p.previewUrl}
                  alt={p.name}
                  style={{ width: '100%', height: '100%', objectFit: 'cover', display: 'block' }}
                />
              ) : (
                <FilePdfOutlined
                  style={{ fontSize: 24, position: 'absolute', top: 20, left: 24 }}
                />
              )}
              <div
                style={{
                  position: 'absolute',
                  left: 0,
                  right: 0,
                  bottom: 0,
                  padding: '1px 2px',
                  fontSize: 12,
                  textAlign: 'center',
                  color: '#fff',
                  background:
                    p.state === 'failed' ? 'rgba(207, 19, 34, 0.85)' : 'rgba(0, 0, 0, 0.55)',
                }}
              >
                {p.state === 'failed'
                  ? t('supervision.files.failed')
                  : t('supervision.files.uploading')}
              </div>
              {p.state === 'failed' &&
                removeButton(t('supervision.files.remove'), () => dropPending(p.key))}
            </div>
          ))}
        </div>
      )}
      {pending.some((p) => p.state === 'failed') && (
        <Typography.Text type="danger">
          {pending.find((p) => p.state === 'failed')?.error}
        </Typography.Text>
      )}
      {!full && (
        <label
          style={{
            display: 'inline-flex',
            alignItems: 'center',
            justifyContent: 'center',
            gap: 8,
            minHeight: 40,
            padding: '0 16px',
            borderRadius: token.borderRadius,
            border: `1px dashed ${invalid ? token.colorError : token.colorBorder}`,
            color: disabled ? token.colorTextDisabled : token.colorText,
            background: token.colorBgContainer,
            cursor: disabled ? 'not-allowed' : 'pointer',
            position: 'relative',
            overflow: 'hidden',
            maxWidth: '100%',
          }}
        >
          {kind === 'photo' ? <CameraOutlined /> : <UploadOutlined />}
          {kind === 'photo' ? t('supervision.files.addPhoto') : t('supervision.files.addEvidence')}
          <input
            type="file"
            accept={kind === 'photo' ? 'image/*' : 'image/*,application/pdf'}
            multiple
            {...(kind === 'photo' ? { capture: 'environment' as const } : {})}
            disabled={disabled}
            data-testid={testId}
            onChange={pick}
            style={{ position: 'absolute', width: 1, height: 1, opacity: 0, overflow: 'hidden' }}
          />
        </label>
      )}
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {kind === 'photo'
          ? t('supervision.files.photoHint', { max })
          : t('supervision.files.evidenceHint', { max })}
      </Typography.Text>
    </Space>
  );
}
