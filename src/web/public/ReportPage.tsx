import {
  AimOutlined,
  CameraOutlined,
  CheckCircleFilled,
  CloseOutlined,
  CopyOutlined,
  LockOutlined,
} from '@ant-design/icons';
import { useMutation, useQuery } from '@tanstack/react-query';
import { theme } from 'antd';
import {
  useEffect,
  useId,
  useRef,
  useState,
  type ChangeEvent,
  type CSSProperties,
  type FormEvent,
  type ReactNode,
} from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { CASE_CATEGORIES } from '../../shared/case-categories.js';
import { CASE_TYPES, type CaseType } from '../../shared/case-machine.js';
import { isRegionCode, parentRegionCode, regionLevel } from '../../shared/region.js';
import { ApiError } from '../api/client.js';
import { errorText } from '../api/errors.js';
import { ReportPointChoice } from '../features/services/ReportPointChoice.js';
import { currentLocale } from '../i18n/index.js';
import { casesApi, categoryName, rememberCase, type FiledCaseDto } from './cases.api.js';
import { publicApi } from './public.api.js';
import { Heading, Muted, Panel, mono } from './ui.js';

// ---------------------------------------------------------------------------
// Plain form pieces for residents on a phone: large text, large touch targets. TrackPage
// uses them too.
// ---------------------------------------------------------------------------

/** Styles of text boxes and buttons, sized for a thumb and for eyes that need large text. */
export function useFormKit() {
  const { token } = theme.useToken();
  const control = (invalid = false): CSSProperties => ({
    display: 'block',
    width: '100%',
    boxSizing: 'border-box',
    minHeight: 48,
    fontSize: 17,
    lineHeight: 1.5,
    padding: '10px 12px',
    border: `1px solid ${invalid ? token.colorError : token.colorBorder}`,
    borderRadius: token.borderRadiusLG,
    background: token.colorBgContainer,
    color: token.colorText,
  });
  const button = (kind: 'primary' | 'default', disabled = false): CSSProperties => ({
    display: 'inline-flex',
    alignItems: 'center',
    justifyContent: 'center',
    gap: 8,
    width: '100%',
    minHeight: 52,
    padding: '10px 16px',
    fontSize: 18,
    fontWeight: 500,
    borderRadius: token.borderRadiusLG,
    border: kind === 'primary' ? 'none' : `1px solid ${token.colorPrimary}`,
    background: kind === 'primary' ? token.colorPrimary : token.colorBgContainer,
    color: kind === 'primary' ? '#fff' : token.colorPrimary,
    cursor: disabled ? 'not-allowed' : 'pointer',
    opacity: disabled ? 0.6 : 1,
    boxSizing: 'border-box',
  });
  /** A light wash of the brand colour for chosen items (antd's colorPrimaryBg is grey here). */
  const tint = /^#[0-9a-f]{6}$/i.test(token.colorPrimary)
    ? `${token.colorPrimary}1a`
    : token.colorPrimaryBg;
  return { token, control, button, tint };
}

/** A labelled field with its hint and its error (from the form or from the server). */
export function Field({
  name,
  label,
  htmlFor,
  hint,
  error,
  children,
}: {
  name: string;
  label?: ReactNode;
  htmlFor?: string;
  hint?: ReactNode;
  error?: string | undefined;
  children: ReactNode;
}) {
  const { token } = theme.useToken();
  return (
    <div id={`field-${name}`} style={{ marginBottom: 16 }}>
      {label && (
        <label
          htmlFor={htmlFor}
          style={{ display: 'block', fontSize: 16, fontWeight: 500, marginBottom: 6 }}
        >
          {label}
        </label>
      )}
      {children}
      {hint && (
        <div style={{ marginTop: 4, fontSize: 14, color: token.colorTextSecondary }}>{hint}</div>
      )}
      {error && (
        <div
          role="alert"
          data-testid={`field-error-${name}`}
          style={{ marginTop: 4, fontSize: 15, color: token.colorError }}
        >
          {error}
        </div>
      )}
    </div>
  );
}

/** The field errors of a failed call, by the first part of their path (`photos.0` → photos). */
export function fieldErrors(error: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (!(error instanceof ApiError)) return out;
  for (const issue of error.fields) {
    const name = issue.field.split('.')[0] ?? issue.field;
    out[name] ??= issue.message;
  }
  return out;
}

/** Bring the first field with an error into view (the form is long on a phone). */
export function scrollToFirst(order: readonly string[], errors: Record<string, string>): void {
  const first = order.find((name) => errors[name]);
  if (first) {
    document
      .getElementById(`field-${first}`)
      ?.scrollIntoView({ behavior: 'smooth', block: 'center' });
  }
}

// ---------------------------------------------------------------------------
// The report form.
// ---------------------------------------------------------------------------

const MAX_PHOTOS = 9;
const MIN_TEXT = 10;
const MAX_TEXT = 2000;
/** Fields in the order they appear, for scrolling to the first error. */
const FIELD_ORDER = [
  'type',
  'category',
  'regionCode',
  'address',
  'location',
  'description',
  'photos',
  'reporterName',
  'reporterMobile',
  'anonymous',
] as const;

interface Photo {
  key: number;
  file: File;
  url: string;
  state: 'uploading' | 'done' | 'failed';
  /** The village it was uploaded for. */
  regionCode: string;
  id?: string;
  error?: string;
}

type Locating = 'idle' | 'locating' | 'done' | 'denied' | 'unsupported';

/**
 * A phone photo can be several megabytes; on a village network that is slow. Large JPEG, PNG
 * and WebP photos are scaled to 1600 px on the long side first; anything the browser cannot
 * decode (HEIC on most phones' browsers) goes up as it is.
 */
async function shrinkPhoto(file: File): Promise<Blob> {
  if (file.size < 1_500_000 || !/^image\/(jpeg|png|webp)$/.test(file.type)) return file;
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
    return blob && blob.size < file.size ? blob : file;
  } catch {
    return file;
  }
}

function jpegName(name: string): string {
  return `${name.replace(/\.[^.]*$/, '') || 'photo'}.jpg`;
}

function initialPlace(params: URLSearchParams): { town: string; village: string } {
  const village = params.get('village') ?? '';
  if (isRegionCode(village) && regionLevel(village) === 'village') {
    return { town: parentRegionCode(village) ?? '', village };
  }
  const town = params.get('town') ?? '';
  if (isRegionCode(town) && regionLevel(town) === 'town') return { town, village: '' };
  return { town: '', village: '' };
}

/** A numbered step of the form. */
function Step({ n, title, children }: { n: number; title: string; children: ReactNode }) {
  const { t } = useTranslation();
  const { token } = theme.useToken();
  return (
    <Panel style={{ padding: 16 }}>
      <h2
        style={{
          display: 'flex',
          alignItems: 'center',
          gap: 10,
          margin: '0 0 14px',
          fontSize: 19,
          fontWeight: 600,
        }}
      >
        <span
          aria-label={t('report.step', { n })}
          style={{
            flex: 'none',
            width: 30,
            height: 30,
            borderRadius: '50%',
            background: token.colorPrimary,
            color: '#fff',
            fontSize: 16,
            display: 'inline-flex',
            alignItems: 'center',
            justifyContent: 'center',
          }}
        >
          {n}
        </span>
        {title}
      </h2>
      {children}
    </Panel>
  );
}

function ReportForm({ onFiled }: { onFiled: (filed: FiledCaseDto) => void }) {
  const { t } = useTranslation();
  const { token, control, button, tint } = useFormKit();
  const ids = useId();
  const [params] = useSearchParams();
  const [initial] = useState(() => initialPlace(params));

  const [type, setType] = useState<CaseType | null>(null);
  const [category, setCategory] = useState<string | null>(null);
  const [town, setTown] = useState(initial.town);
  const [village, setVillage] = useState(initial.village);
  const [address, setAddress] = useState('');
  const [location, setLocation] = useState<{ lat: number; lng: number } | null>(null);
  const [locating, setLocating] = useState<Locating>('idle');
  const [description, setDescription] = useState('');
  const [photos, setPhotos] = useState<Photo[]>([]);
  const [name, setName] = useState('');
  const [mobile, setMobile] = useState('');
  const [anonymous, setAnonymous] = useState(false);
  const [servicePointId, setServicePointId] = useState<string | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [general, setGeneral] = useState<string | null>(null);
  const nextKey = useRef(1);

  const towns = useQuery({
    queryKey: ['public', 'towns'],
    queryFn: publicApi.towns,
    meta: { silent: true },
  });
  const townInfo = useQuery({
    queryKey: ['public', 'town', town],
    queryFn: () => publicApi.town(town),
    enabled: town !== '',
    meta: { silent: true },
  });
  const villages = [...(townInfo.data?.villages ?? [])].sort((a, b) =>
    a.code.localeCompare(b.code),
  );

  // A village from the link that is not in its town (or a town that does not exist): drop it.
  useEffect(() => {
    const missing =
      townInfo.error instanceof ApiError &&
      ['NOT_FOUND', 'VALIDATION'].includes(townInfo.error.code);
    if (missing) setTown('');
    if (village && townInfo.data && !townInfo.data.villages.some((v) => v.code === village)) {
      setVillage('');
    }
  }, [townInfo.data, townInfo.error, village]);

  // Object URLs of the thumbnails are freed when the form goes away.
  const photosRef = useRef(photos);
  photosRef.current = photos;
  useEffect(() => () => photosRef.current.forEach((p) => URL.revokeObjectURL(p.url)), []);

  const clearError = (...names: string[]) => {
    if (names.some((n) => errors[n])) {
      setErrors((prev) => {
        const next = { ...prev };
        for (const n of names) delete next[n];
        return next;
      });
    }
  };

  const upload = (photo: Photo) => {
    setPhotos((prev) =>
      prev.map((p) =>
        p.key === photo.key ? { ...p, state: 'uploading', regionCode: photo.regionCode } : p,
      ),
    );
    void (async () => {
      try {
        const blob = await shrinkPhoto(photo.file);
        const fileName = blob === photo.file ? photo.file.name : jpegName(photo.file.name);
        const { id } = await casesApi.uploadPhoto(photo.regionCode, blob, fileName);
        setPhotos((prev) =>
          prev.map((p) => (p.key === photo.key ? { ...p, state: 'done', id } : p)),
        );
      } catch (error) {
        setPhotos((prev) =>
          prev.map((p) =>
            p.key === photo.key ? { ...p, state: 'failed', error: errorText(error) } : p,
          ),
        );
      }
    })();
  };

  // Photos go with the village they were uploaded for: a change of village sends them again.
  useEffect(() => {
    if (!village) return;
    for (const photo of photosRef.current) {
      if (photo.regionCode !== village && photo.state !== 'uploading') {
        upload({ ...photo, regionCode: village });
      }
    }
    // Only a change of village sends photos again; `upload` is the same on every render.
  }, [village]);

  const addPhotos = (event: ChangeEvent<HTMLInputElement>) => {
    const files = Array.from(event.target.files ?? []);
    event.target.value = '';
    if (!village) return;
    const room = MAX_PHOTOS - photos.length;
    const added = files.slice(0, Math.max(0, room)).map((file): Photo => ({
      key: nextKey.current++,
      file,
      url: URL.createObjectURL(file),
      state: 'uploading',
      regionCode: village,
    }));
    setPhotos((prev) => [...prev, ...added]);
    clearError('photos');
    added.forEach(upload);
  };

  const removePhoto = (key: number) => {
    setPhotos((prev) => {
      const gone = prev.find((p) => p.key === key);
      if (gone) URL.revokeObjectURL(gone.url);
      return prev.filter((p) => p.key !== key);
    });
    clearError('photos');
  };

  const locate = () => {
    if (!('geolocation' in navigator)) {
      setLocating('unsupported');
      return;
    }
    setLocating('locating');
    navigator.geolocation.getCurrentPosition(
      (position) => {
        const round = (value: number) => Math.round(value * 1e6) / 1e6;
        setLocation({
          lat: round(position.coords.latitude),
          lng: round(position.coords.longitude),
        });
        setLocating('done');
        clearError('location');
      },
      () => setLocating('denied'),
      { enableHighAccuracy: true, timeout: 15_000, maximumAge: 60_000 },
    );
  };

  const chooseType = (next: CaseType) => {
    setType(next);
    if (category && !CASE_CATEGORIES[next].includes(category)) setCategory(null);
    if (next !== 'complaint') setAnonymous(false);
    clearError('type', 'anonymous');
  };

  const submitCase = useMutation({
    mutationFn: casesApi.file,
    meta: { silent: true },
    onSuccess: (filed) => {
      rememberCase(filed.code, filed.token);
      onFiled(filed);
    },
    onError: (error) => {
      const found = fieldErrors(error);
      const known = FIELD_ORDER.filter((f) => found[f]);
      setErrors(found);
      if (error instanceof ApiError && error.code === 'RATE_LIMITED') {
        setGeneral(errorText(error));
      } else {
        const others = Object.entries(found)
          .filter(([field]) => !(FIELD_ORDER as readonly string[]).includes(field))
          .map(([, message]) => message);
        setGeneral(
          known.length > 0 && others.length === 0
            ? t('report.errors.check')
            : t('report.errors.failed', { message: [errorText(error), ...others].join(' · ') }),
        );
      }
      scrollToFirst(FIELD_ORDER, found);
    },
  });

  const text = description.trim();
  const mayBeAnonymous = type === 'complaint';
  const isAnonymous = mayBeAnonymous && anonymous;

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const found: Record<string, string> = {};
    if (!type) found.type = t('report.errors.type');
    else if (!category) found.category = t('report.errors.category');
    if (!village) found.regionCode = t('report.errors.village');
    if (text.length < MIN_TEXT) found.description = t('report.errors.descriptionShort');
    else if (text.length > MAX_TEXT) found.description = t('report.errors.descriptionLong');
    if (photos.some((p) => p.state === 'uploading')) found.photos = t('report.errors.photosBusy');
    else if (photos.some((p) => p.state === 'failed')) {
      found.photos = t('report.errors.photosFailed');
    }
    if (!isAnonymous && !/^1\d{10}$/.test(mobile.trim())) {
      found.reporterMobile = t('report.errors.mobile');
    }
    setErrors(found);
    if (Object.keys(found).length > 0 || !type || !category) {
      setGeneral(t('report.errors.check'));
      scrollToFirst(FIELD_ORDER, found);
      return;
    }
    setGeneral(null);
    submitCase.mutate({
      type,
      category,
      regionCode: village,
      description: text,
      address: address.trim() || undefined,
      location: location ?? undefined,
      photos: photos.flatMap((p) => (p.id ? [p.id] : [])),
      reporterName: isAnonymous ? undefined : name.trim() || undefined,
      reporterMobile: isAnonymous ? undefined : mobile.trim(),
      anonymous: isAnonymous,
      servicePointId: servicePointId ?? undefined,
    });
  };

  const locale = currentLocale();

  const chip = (selected: boolean): CSSProperties => ({
    minHeight: 44,
    padding: '8px 16px',
    fontSize: 16,
    borderRadius: 22,
    border: `1px solid ${selected ? token.colorPrimary : token.colorBorder}`,
    background: selected ? token.colorPrimary : token.colorBgContainer,
    color: selected ? '#fff' : token.colorText,
    cursor: 'pointer',
  });

  return (
    <form
      onSubmit={submit}
      noValidate
      style={{ display: 'flex', flexDirection: 'column', gap: 12 }}
    >
      <div>
        <Heading>{t('report.title')}</Heading>
        <Muted style={{ fontSize: 15 }}>{t('report.intro')}</Muted>
      </div>

      <Step n={1} title={t('report.steps.type')}>
        <Field name="type" error={errors.type}>
          <div
            role="group"
            aria-label={t('report.steps.type')}
            style={{ display: 'grid', gridTemplateColumns: '1fr 1fr', gap: 10 }}
          >
            {CASE_TYPES.map((value) => {
              const selected = type === value;
              return (
                <button
                  key={value}
                  type="button"
                  aria-pressed={selected}
                  data-testid={`report-type-${value}`}
                  onClick={() => chooseType(value)}
                  style={{
                    position: 'relative',
                    textAlign: 'left',
                    minHeight: 96,
                    padding: '12px 12px',
                    borderRadius: token.borderRadiusLG,
                    border: `2px solid ${selected ? token.colorPrimary : token.colorBorderSecondary}`,
                    background: selected ? tint : token.colorBgContainer,
                    color: token.colorText,
                    cursor: 'pointer',
                  }}
                >
                  <div style={{ fontSize: 18, fontWeight: 600, marginBottom: 4 }}>
                    {t(`report.types.${value}.title`)}
                  </div>
                  <div style={{ fontSize: 13, lineHeight: 1.45, color: token.colorTextSecondary }}>
                    {t(`report.types.${value}.hint`)}
                  </div>
                  {selected && (
                    <CheckCircleFilled
                      style={{
                        position: 'absolute',
                        top: 8,
                        right: 8,
                        fontSize: 18,
                        color: token.colorPrimary,
                      }}
                    />
                  )}
                </button>
              );
            })}
          </div>
        </Field>
        <Field name="category" label={t('report.category')} error={errors.category}>
          {type ? (
            <div
              role="group"
              aria-label={t('report.category')}
              style={{ display: 'flex', flexWrap: 'wrap', gap: 8 }}
            >
              {CASE_CATEGORIES[type].map((value) => (
                <button
                  key={value}
                  type="button"
                  aria-pressed={category === value}
                  data-testid={`report-category-${value}`}
                  onClick={() => {
                    setCategory(value);
                    clearError('category');
                  }}
                  style={chip(category === value)}
                >
                  {categoryName(locale, value)}
                </button>
              ))}
            </div>
          ) : (
            <Muted style={{ margin: 0 }}>{t('report.chooseTypeFirst')}</Muted>
          )}
        </Field>
      </Step>

      <Step n={2} title={t('report.steps.where')}>
        <Field name="town" label={t('report.town')} htmlFor={`${ids}-town`}>
          <select
            id={`${ids}-town`}
            value={town}
            data-testid="report-town"
            onChange={(event) => {
              setTown(event.target.value);
              setVillage('');
            }}
            style={control()}
          >
            <option value="">
              {towns.isPending ? t('report.loadingPlaces') : t('report.chooseTown')}
            </option>
            {(towns.data ?? []).map((item) => (
              <option key={item.code} value={item.code}>
                {item.name}
              </option>
            ))}
          </select>
          {towns.isError && (
            <Muted style={{ margin: '4px 0 0', color: token.colorError }}>
              {t('report.placesFailed', { message: errorText(towns.error) })}
            </Muted>
          )}
        </Field>
        <Field
          name="regionCode"
          label={t('report.village')}
          htmlFor={`${ids}-village`}
          error={errors.regionCode}
        >
          <select
            id={`${ids}-village`}
            value={villages.some((v) => v.code === village) ? village : ''}
            disabled={!town}
            data-testid="report-village"
            aria-invalid={Boolean(errors.regionCode)}
            onChange={(event) => {
              setVillage(event.target.value);
              clearError('regionCode');
            }}
            style={{ ...control(Boolean(errors.regionCode)), opacity: town ? 1 : 0.6 }}
          >
            <option value="">
              {!town
                ? t('report.chooseTownFirst')
                : townInfo.isPending
                  ? t('report.loadingPlaces')
                  : t('report.chooseVillage')}
            </option>
            {villages.map((item) => (
              <option key={item.code} value={item.code}>
                {item.name}
              </option>
            ))}
          </select>
        </Field>
        <ReportPointChoice
          village={village}
          type={type}
          value={servicePointId}
          onChange={setServicePointId}
        />
        <Field
          name="address"
          label={t('report.address')}
          htmlFor={`${ids}-address`}
          error={errors.address}
        >
          <input
            id={`${ids}-address`}
            value={address}
            maxLength={200}
            placeholder={t('report.addressPlaceholder')}
            data-testid="report-address"
            onChange={(event) => {
              setAddress(event.target.value);
              clearError('address');
            }}
            style={control(Boolean(errors.address))}
          />
        </Field>
        <Field name="location" error={errors.location}>
          {locating === 'done' && location ? (
            <div style={{ display: 'flex', alignItems: 'center', gap: 8, flexWrap: 'wrap' }}>
              <CheckCircleFilled style={{ color: token.colorSuccess, fontSize: 18 }} />
              <span style={{ fontSize: 16 }}>{t('report.located')}</span>
              <span style={{ ...mono, color: token.colorTextSecondary }}>
                {location.lat}, {location.lng}
              </span>
              <button
                type="button"
                onClick={() => {
                  setLocation(null);
                  setLocating('idle');
                }}
                style={{
                  marginLeft: 'auto',
                  minHeight: 40,
                  padding: '4px 12px',
                  fontSize: 15,
                  border: 'none',
                  background: 'none',
                  color: token.colorPrimary,
                  cursor: 'pointer',
                }}
              >
                {t('report.locationClear')}
              </button>
            </div>
          ) : (
            <>
              <button
                type="button"
                onClick={locate}
                disabled={locating === 'locating'}
                data-testid="report-locate"
                style={{ ...button('default', locating === 'locating'), fontSize: 16 }}
              >
                <AimOutlined />
                {locating === 'locating' ? t('report.locating') : t('report.locate')}
              </button>
              {(locating === 'denied' || locating === 'unsupported') && (
                <Muted style={{ margin: '6px 0 0', fontSize: 15 }}>
                  {locating === 'denied'
                    ? t('report.locationDenied')
                    : t('report.locationUnsupported')}
                </Muted>
              )}
            </>
          )}
        </Field>
      </Step>

      <Step n={3} title={t('report.steps.what')}>
        <Field
          name="description"
          label={t('report.description')}
          htmlFor={`${ids}-description`}
          error={errors.description}
          hint={
            <span
              aria-live="polite"
              style={{
                display: 'block',
                textAlign: 'right',
                color:
                  text.length > MAX_TEXT
                    ? token.colorError
                    : text.length < MIN_TEXT
                      ? token.colorTextSecondary
                      : token.colorSuccess,
              }}
            >
              {text.length < MIN_TEXT
                ? t('report.counterShort', { count: text.length })
                : t('report.counter', { count: text.length })}
            </span>
          }
        >
          <textarea
            id={`${ids}-description`}
            value={description}
            rows={6}
            maxLength={MAX_TEXT + 200}
            placeholder={t('report.descriptionPlaceholder')}
            data-testid="report-description"
            aria-invalid={Boolean(errors.description)}
            onChange={(event) => {
              setDescription(event.target.value);
              clearError('description');
            }}
            style={{ ...control(Boolean(errors.description)), resize: 'vertical' }}
          />
        </Field>
        <Field
          name="photos"
          label={t('report.photos')}
          error={errors.photos}
          hint={
            !village
              ? t('report.photosNeedVillage')
              : photos.length >= MAX_PHOTOS
                ? t('report.photosFull')
                : undefined
          }
        >
          {photos.length > 0 && (
            <div
              style={{
                display: 'grid',
                gridTemplateColumns: 'repeat(3, 1fr)',
                gap: 8,
                marginBottom: 8,
              }}
            >
              {photos.map((photo, index) => (
                <div
                  key={photo.key}
                  data-testid="report-photo"
                  data-state={photo.state}
                  style={{
                    position: 'relative',
                    aspectRatio: '1',
                    borderRadius: token.borderRadius,
                    overflow: 'hidden',
                    background: token.colorFillQuaternary,
                    border: `1px solid ${photo.state === 'failed' ? token.colorError : token.colorBorderSecondary}`,
                  }}
                >
                  <img
                    src={photo.url}
                    alt={t('report.photoAlt', { n: index + 1 })}
                    style={{ width: '100%', height: '100%', objectFit: 'cover', display: 'block' }}
                  />
                  {photo.state !== 'done' && (
                    <div
                      title={photo.error}
                      style={{
                        position: 'absolute',
                        left: 0,
                        right: 0,
                        bottom: 0,
                        padding: '2px 4px',
                        fontSize: 12,
                        textAlign: 'center',
                        color: '#fff',
                        background:
                          photo.state === 'failed' ? 'rgba(207, 19, 34, 0.85)' : 'rgba(0,0,0,0.55)',
                      }}
                    >
                      {photo.state === 'failed' ? t('report.uploadFailed') : t('report.uploading')}
                    </div>
                  )}
                  <button
                    type="button"
                    aria-label={t('report.removePhoto')}
                    data-testid="report-photo-remove"
                    onClick={() => removePhoto(photo.key)}
                    style={{
                      position: 'absolute',
                      top: 2,
                      right: 2,
                      width: 36,
                      height: 36,
                      borderRadius: '50%',
                      border: 'none',
                      background: 'rgba(0,0,0,0.55)',
                      color: '#fff',
                      fontSize: 16,
                      cursor: 'pointer',
                    }}
                  >
                    <CloseOutlined />
                  </button>
                </div>
              ))}
            </div>
          )}
          {photos.length < MAX_PHOTOS && (
            <label
              style={{
                ...button('default', !village),
                position: 'relative',
                overflow: 'hidden',
                borderStyle: 'dashed',
                fontSize: 16,
              }}
            >
              <CameraOutlined />
              {t('report.addPhoto')}
              <input
                type="file"
                accept="image/*"
                multiple
                capture="environment"
                disabled={!village}
                data-testid="report-photos"
                onChange={addPhotos}
                style={{
                  position: 'absolute',
                  width: 1,
                  height: 1,
                  opacity: 0,
                  overflow: 'hidden',
                }}
              />
            </label>
          )}
        </Field>
      </Step>

      <Step n={4} title={t('report.steps.contact')}>
        {mayBeAnonymous && (
          <Field name="anonymous" error={errors.anonymous}>
            <label
              style={{
                display: 'flex',
                alignItems: 'flex-start',
                gap: 12,
                padding: 12,
                minHeight: 48,
                borderRadius: token.borderRadiusLG,
                border: `1px solid ${anonymous ? token.colorPrimary : token.colorBorderSecondary}`,
                background: anonymous ? tint : token.colorBgContainer,
                cursor: 'pointer',
              }}
            >
              <input
                type="checkbox"
                checked={anonymous}
                data-testid="report-anonymous"
                onChange={(event) => {
                  setAnonymous(event.target.checked);
                  clearError('anonymous', 'reporterMobile');
                }}
                style={{ width: 22, height: 22, margin: '2px 0 0', flex: 'none' }}
              />
              <span>
                <span style={{ display: 'block', fontSize: 17, fontWeight: 500 }}>
                  {t('report.anonymous')}
                </span>
                <span style={{ fontSize: 14, color: token.colorTextSecondary }}>
                  {t('report.anonymousHint')}
                </span>
              </span>
            </label>
          </Field>
        )}
        {!isAnonymous && (
          <>
            <Field
              name="reporterName"
              label={t('report.name')}
              htmlFor={`${ids}-name`}
              error={errors.reporterName}
            >
              <input
                id={`${ids}-name`}
                value={name}
                maxLength={40}
                autoComplete="name"
                placeholder={t('report.namePlaceholder')}
                data-testid="report-name"
                onChange={(event) => {
                  setName(event.target.value);
                  clearError('reporterName');
                }}
                style={control(Boolean(errors.reporterName))}
              />
            </Field>
            <Field
              name="reporterMobile"
              label={t('report.mobile')}
              htmlFor={`${ids}-mobile`}
              hint={t('report.mobileHint')}
              error={errors.reporterMobile}
            >
              <input
                id={`${ids}-mobile`}
                type="tel"
                inputMode="numeric"
                autoComplete="tel"
                value={mobile}
                maxLength={11}
                placeholder={t('report.mobilePlaceholder')}
                data-testid="report-mobile"
                aria-invalid={Boolean(errors.reporterMobile)}
                onChange={(event) => {
                  setMobile(event.target.value.replace(/\D/g, ''));
                  clearError('reporterMobile');
                }}
                style={control(Boolean(errors.reporterMobile))}
              />
            </Field>
          </>
        )}
        <div
          style={{
            display: 'flex',
            gap: 8,
            alignItems: 'flex-start',
            padding: '10px 12px',
            borderRadius: token.borderRadiusLG,
            background: token.colorSuccessBg,
            fontSize: 15,
            lineHeight: 1.6,
          }}
        >
          <LockOutlined style={{ marginTop: 4, color: token.colorSuccess }} />
          <span>{t('report.privacy')}</span>
        </div>
      </Step>

      {general && (
        <div
          role="alert"
          data-testid="report-error"
          style={{
            padding: '10px 12px',
            fontSize: 16,
            borderRadius: token.borderRadiusLG,
            border: `1px solid ${token.colorErrorBorder}`,
            background: token.colorErrorBg,
            color: token.colorError,
          }}
        >
          {general}
        </div>
      )}
      <button
        type="submit"
        disabled={submitCase.isPending}
        data-testid="report-submit"
        style={{ ...button('primary', submitCase.isPending), minHeight: 56, fontSize: 20 }}
      >
        {submitCase.isPending ? t('report.submitting') : t('report.submit')}
      </button>
    </form>
  );
}

/** Copy text; where the clipboard API is missing (plain http), fall back to a hidden box. */
async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    const area = document.createElement('textarea');
    area.value = text;
    area.setAttribute('readonly', '');
    area.style.position = 'fixed';
    area.style.opacity = '0';
    document.body.appendChild(area);
    area.select();
    let copied = false;
    try {
      copied = document.execCommand('copy');
    } catch {
      copied = false;
    }
    area.remove();
    return copied;
  }
}

/** After filing: the tracking code, large, and the link to keep. */
function Filed({ filed, onAgain }: { filed: FiledCaseDto; onAgain: () => void }) {
  const { t } = useTranslation();
  const { token, button } = useFormKit();
  const [copied, setCopied] = useState<boolean | null>(null);
  const link = `${window.location.origin}${filed.trackPath}`;

  useEffect(() => {
    window.scrollTo(0, 0);
  }, []);

  return (
    <Panel style={{ padding: 20, textAlign: 'center' }} testId="report-done">
      <CheckCircleFilled style={{ fontSize: 56, color: token.colorSuccess }} />
      <h1 style={{ margin: '12px 0 16px', fontSize: 22, fontWeight: 600 }}>
        {t('report.done.title')}
      </h1>
      <div style={{ fontSize: 16, color: token.colorTextSecondary }}>
        {t('report.done.codeLabel')}
      </div>
      <div
        data-testid="report-code"
        style={{
          margin: '4px 0 16px',
          fontSize: 34,
          fontWeight: 700,
          letterSpacing: 2,
          fontFamily: mono.fontFamily,
          color: token.colorPrimary,
          userSelect: 'all',
        }}
      >
        {filed.code}
      </div>
      <p style={{ margin: '0 0 12px', fontSize: 16, lineHeight: 1.7, textAlign: 'left' }}>
        {t('report.done.keep')}
      </p>
      <div
        style={{
          textAlign: 'left',
          padding: '10px 12px',
          marginBottom: 12,
          borderRadius: token.borderRadiusLG,
          background: token.colorFillQuaternary,
          border: `1px solid ${token.colorBorderSecondary}`,
        }}
      >
        <div style={{ fontSize: 13, color: token.colorTextSecondary }}>{t('report.done.link')}</div>
        <div
          data-testid="report-link"
          style={{ ...mono, fontSize: 14, userSelect: 'all', color: token.colorText }}
        >
          {link}
        </div>
      </div>
      <div style={{ display: 'flex', flexDirection: 'column', gap: 10 }}>
        <button
          type="button"
          data-testid="report-copy"
          onClick={() => void copyText(link).then(setCopied)}
          style={button('default')}
        >
          <CopyOutlined />
          {t('report.done.copy')}
        </button>
        {copied !== null && (
          <div
            role="status"
            style={{ fontSize: 15, color: copied ? token.colorSuccess : token.colorError }}
          >
            {copied ? t('report.done.copied') : t('report.done.copyFailed')}
          </div>
        )}
        <Link to={filed.trackPath} data-testid="report-track-link" style={button('primary')}>
          {t('report.done.track')}
        </Link>
      </div>
      <Muted style={{ margin: '16px 0 8px', fontSize: 15, textAlign: 'left' }}>
        {t('report.done.next')}
      </Muted>
      <button
        type="button"
        onClick={onAgain}
        style={{
          minHeight: 44,
          padding: '8px 16px',
          fontSize: 16,
          border: 'none',
          background: 'none',
          color: token.colorPrimary,
          cursor: 'pointer',
        }}
      >
        {t('report.done.again')}
      </button>
    </Panel>
  );
}

/**
 * /public/report (?village=<code> or ?town=<code> picks the place): a resident reports a
 * problem, a request, a dispute or a question, without an account, in four steps.
 */
export default function ReportPage() {
  const [filed, setFiled] = useState<FiledCaseDto | null>(null);
  if (filed) return <Filed filed={filed} onAgain={() => setFiled(null)} />;
  return <ReportForm onFiled={setFiled} />;
}
