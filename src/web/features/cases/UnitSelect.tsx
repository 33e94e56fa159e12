import { Empty, Select } from 'antd';
import { useMemo, type CSSProperties } from 'react';
import { useTranslation } from 'react-i18next';
import { isWithin } from '../../../shared/region.js';
import type { UnitDto } from '../../../shared/schemas/regions.js';
import { useUnits } from './cases.api.js';
import { countyCodeOf, townOf, unitKindLabel } from './labels.js';

/** The order of the groups in a unit picker: the town's offices first, enterprises last. */
const KIND_ORDER = [
  'town_office',
  'discipline_office',
  'market_supervision',
  'bureau',
  'village_committee',
  'liaison_station',
  'service_point',
  'legal_studio',
  'alliance_member',
  'enterprise',
];

/**
 * The units that may take cases of these regions: every unit of their towns (the town's
 * offices and its villages' committees, stations and service points) and the county's own
 * departments, as far as the caller may see them.
 */
export function useUnitsFor(regionCodes: readonly string[]): {
  units: UnitDto[];
  loading: boolean;
} {
  const all = useUnits(regionCodes.length > 0);
  const key = [...new Set(regionCodes)].sort().join(',');
  const units = useMemo(() => {
    const codes = key ? key.split(',') : [];
    const roots = new Set<string>();
    const counties = new Set<string>();
    for (const code of codes) {
      roots.add(townOf(code) ?? code);
      counties.add(countyCodeOf(code));
    }
    return (all.data ?? []).filter(
      (unit) =>
        counties.has(unit.regionCode) || [...roots].some((root) => isWithin(unit.regionCode, root)),
    );
  }, [all.data, key]);
  return { units, loading: all.isLoading };
}

/** Options grouped by the kind of unit (镇政府, 村（居）委会, 党群微家 …). */
export function useUnitOptions(units: readonly UnitDto[], exclude: readonly string[] = []) {
  const { t } = useTranslation();
  return useMemo(() => {
    const groups = new Map<string, { value: string; label: string }[]>();
    for (const unit of units) {
      if (exclude.includes(unit.id)) continue;
      const group = groups.get(unit.kind) ?? [];
      group.push({ value: unit.id, label: unit.name });
      groups.set(unit.kind, group);
    }
    const rank = (kind: string) => {
      const i = KIND_ORDER.indexOf(kind);
      return i === -1 ? KIND_ORDER.length : i;
    };
    return [...groups.entries()]
      .sort(([a], [b]) => rank(a) - rank(b) || a.localeCompare(b))
      .map(([kind, options]) => ({
        label: unitKindLabel(t, kind),
        title: unitKindLabel(t, kind),
        options,
      }));
  }, [units, exclude, t]);
}

interface Props {
  units: readonly UnitDto[];
  loading?: boolean;
  value?: string | string[];
  onChange?: (value: string | string[] | undefined) => void;
  multiple?: boolean;
  /** Units not to offer (the lead unit, in the co-units picker). */
  exclude?: readonly string[];
  placeholder?: string;
  id?: string;
  style?: CSSProperties;
  'data-testid'?: string;
}

/** A searchable unit picker (form control), grouped by kind of unit. */
export function UnitSelect({
  units,
  loading,
  value,
  onChange,
  multiple,
  exclude,
  placeholder,
  id,
  style,
  ...rest
}: Props) {
  const { t } = useTranslation();
  const options = useUnitOptions(units, exclude);
  return (
    <Select<string | string[]>
      id={id}
      data-testid={rest['data-testid']}
      mode={multiple ? 'multiple' : undefined}
      allowClear={multiple}
      value={value}
      onChange={(next) => onChange?.(next)}
      options={options}
      loading={loading}
      showSearch
      optionFilterProp="label"
      placeholder={placeholder}
      style={style ?? { width: '100%' }}
      notFoundContent={
        loading ? undefined : (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('cases.units.none')} />
        )
      }
    />
  );
}
