import { Tag } from 'antd';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import {
  SUPERVISION_CATEGORIES,
  type Catalogue,
  type RiskLevel,
  type SupervisionCategoryId,
} from '../../../shared/supervision/catalogue.js';
import { currentLocale } from '../../i18n/index.js';
import type { CatalogueVersionDto } from './supervision.api.js';

/** 版本 3, or 平台标准目录 for the standard catalogue a town uses until it saves its own. */
export function versionLabel(
  t: TFunction,
  version: Pick<CatalogueVersionDto, 'standard' | 'version'>,
): string {
  return version.standard
    ? t('supervision.standard')
    : t('supervision.version', { version: version.version });
}

/** A category's name as the catalogue carries it, in the current language. */
export function categoryName(catalogue: Catalogue, id: SupervisionCategoryId): string {
  const category =
    catalogue.categories.find((c) => c.id === id) ??
    SUPERVISION_CATEGORIES.find((c) => c.id === id);
  return category?.name[currentLocale()] ?? id;
}

const RISK_COLORS: Record<RiskLevel, string> = { high: 'red', medium: 'orange', low: 'blue' };

/** A point's risk as a coloured tag: high red, medium orange, low blue. */
export function RiskTag({ risk }: { risk: RiskLevel }) {
  const { t } = useTranslation();
  return (
    <Tag color={RISK_COLORS[risk]} style={{ marginInlineEnd: 0 }}>
      {t(`supervision.risk.${risk}`)}
    </Tag>
  );
}
