import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { Button, Checkbox, Image, Select, Space, Tag, Typography, Upload } from 'antd';
import type { TFunction } from 'i18next';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { CASE_TYPES, type CaseType } from '../../../shared/case-machine.js';
import { isWithin } from '../../../shared/region.js';
import {
  BUSINESS_TYPE_NAMES,
  STANDARD_ITEMS,
  type BusinessType,
  type HostType,
  type Standard,
  type StandardStatus,
} from '../../../shared/schemas/services.js';
import { currentLocale } from '../../i18n/index.js';
import { useMyRegions } from '../../region/regions.api.js';
import { caseTypeLabel, TYPE_COLORS } from '../cases/labels.js';
import { servicesApi, type DutyShiftDto, type ServicePointKind } from './services.api.js';

/** 党群微家 or 法官工作室. */
export const pointKindLabel = (t: TFunction, kind: ServicePointKind): string =>
  t(`services.kinds.${kind}`);

export const hostTypeLabel = (t: TFunction, host: HostType): string =>
  t(`services.hostTypes.${host}`);

/** 餐饮, 零售 …, from the shared table of both languages. */
export const businessTypeLabel = (type: BusinessType): string =>
  BUSINESS_TYPE_NAMES[currentLocale()][type] ?? type;

/** How many of the six items pass. */
export const passCount = (standard: Standard | null): number =>
  standard ? STANDARD_ITEMS.filter((item) => standard[item].pass).length : 0;

/** 达标 (green), 未达标 n/6 (orange) or 未评定 (grey). */
export function StandardTag({
  status,
  standard,
}: {
  status: StandardStatus;
  standard: Standard | null;
}) {
  const { t } = useTranslation();
  if (status === 'met') return <Tag color="success">{t('services.standardStatus.met')}</Tag>;
  if (status === 'unassessed') return <Tag>{t('services.standardStatus.unassessed')}</Tag>;
  return (
    <Tag color="warning">
      {t('services.standardStatus.notMetOf', {
        n: passCount(standard),
        total: STANDARD_ITEMS.length,
      })}
    </Tag>
  );
}

export function CaseTypeTags({ types }: { types: readonly CaseType[] }) {
  const { t } = useTranslation();
  return (
    <Space size={[4, 4]} wrap>
      {types.map((type) => (
        <Tag key={type} color={TYPE_COLORS[type]} style={{ marginInlineEnd: 0 }}>
          {caseTypeLabel(t, type)}
        </Tag>
      ))}
    </Space>
  );
}

/** The names of an area; the whole town shows as 全镇. */
export function AreaText({
  area,
  town,
}: {
  area: readonly { regionCode: string; name: string }[];
  town?: string;
}) {
  const { t } = useTranslation();
  const sep = t('services.listSep');
  return (
    <>
      {area
        .map((a) => (a.regionCode === town ? t('services.wholeTown', { town: a.name }) : a.name))
        .join(sep)}
    </>
  );
}

/** The town and its villages, as options of an area picker. */
export function useTownPlaces(town: string | undefined) {
  const mine = useMyRegions();
  return useMemo(() => {
    const regions = mine.data ?? [];
    const townName = regions.find((r) => r.code === town)?.name ?? town ?? '';
    const villages = town
      ? regions
          .filter((r) => r.level === 'village' && isWithin(r.code, town))
          .sort((a, b) => a.code.localeCompare(b.code))
      : [];
    return { townName, villages, loading: mine.isLoading };
  }, [mine.data, mine.isLoading, town]);
}

/** The area a point or alliance serves: the whole town or some of its villages. */
export function AreaSelect({
  town,
  value,
  onChange,
  id,
  ...rest
}: {
  town: string | undefined;
  value?: string[];
  onChange?: (value: string[]) => void;
  id?: string;
  'data-testid'?: string;
}) {
  const { t } = useTranslation();
  const { townName, villages, loading } = useTownPlaces(town);
  const options = town
    ? [
        { value: town, label: t('services.wholeTown', { town: townName }) },
        ...villages.map((v) => ({ value: v.code, label: v.name })),
      ]
    : [];
  return (
    <Select<string[]>
      id={id}
      data-testid={rest['data-testid']}
      mode="multiple"
      allowClear
      showSearch
      optionFilterProp="label"
      loading={loading}
      disabled={!town}
      value={value}
      onChange={(next) => onChange?.(next)}
      options={options}
      placeholder={t('services.areaPlaceholder')}
    />
  );
}

/** The case types a point or alliance takes; a legal studio only consultations and disputes. */
export function CaseTypesField({
  value,
  onChange,
  allowed = CASE_TYPES,
  id,
  ...rest
}: {
  value?: CaseType[];
  onChange?: (value: CaseType[]) => void;
  allowed?: readonly CaseType[];
  id?: string;
  'data-testid'?: string;
}) {
  const { t } = useTranslation();
  return (
    <div id={id} data-testid={rest['data-testid']}>
      <Checkbox.Group<CaseType>
        value={value}
        onChange={(next) => onChange?.(next)}
        options={CASE_TYPES.map((type) => ({
          value: type,
          label: caseTypeLabel(t, type),
          disabled: !allowed.includes(type),
        }))}
      />
    </div>
  );
}

/** Where a stored file (a photo) is read. */
export const fileUrl = (fileId: string): string => `/api/v1/files/${fileId}`;

/** One photo (a file id), uploaded under a region; its thumbnail once stored. */
export function PhotoField({
  regionCode,
  value,
  onChange,
  ...rest
}: {
  regionCode: string | undefined;
  value?: string;
  onChange?: (value: string | undefined) => void;
  'data-testid'?: string;
}) {
  const { t } = useTranslation();
  const upload = useMutation({
    mutationFn: (file: File) => servicesApi.uploadPhoto(regionCode!, file, file.name),
    onSuccess: (stored) => onChange?.(stored.id),
  });
  if (value) {
    return (
      <Space size={8} align="center">
        <Image
          src={fileUrl(value)}
          width={64}
          height={64}
          style={{ objectFit: 'cover', borderRadius: 4 }}
          alt={t('services.photo')}
        />
        <Button
          size="small"
          type="text"
          danger
          icon={<DeleteOutlined />}
          aria-label={t('services.photoRemove')}
          onClick={() => onChange?.(undefined)}
        />
      </Space>
    );
  }
  return (
    <Space size={8} align="center">
      <Upload
        accept="image/*"
        showUploadList={false}
        multiple={false}
        disabled={!regionCode || upload.isPending}
        beforeUpload={(file) => {
          upload.mutate(file);
          return false;
        }}
      >
        <Button
          size="small"
          icon={<PlusOutlined />}
          loading={upload.isPending}
          disabled={!regionCode}
          data-testid={rest['data-testid']}
        >
          {t('services.photoAdd')}
        </Button>
      </Upload>
      {!regionCode && (
        <Typography.Text type="secondary">{t('services.photoNeedUnit')}</Typography.Text>
      )}
    </Space>
  );
}

export const KIND_COLORS: Record<ServicePointKind, string> = { service: 'red', legal: 'blue' };

/** 上午：张三、李四；下午：王五, or 今日无人值班. */
export function DutyText({ shifts }: { shifts: readonly DutyShiftDto[] | undefined }) {
  const { t } = useTranslation();
  if (!shifts) return null;
  if (shifts.length === 0)
    return <Typography.Text type="secondary">{t('services.points.noDutyToday')}</Typography.Text>;
  const sep = t('services.listSep');
  const halves = (['am', 'pm'] as const).flatMap((half) => {
    const names = shifts.filter((s) => s.half === half).map((s) => s.personName);
    return names.length > 0
      ? [
          t('services.points.dutyOf', {
            half: t(`services.halves.${half}`),
            names: names.join(sep),
          }),
        ]
      : [];
  });
  return <>{halves.join(t('services.points.dutySep'))}</>;
}
