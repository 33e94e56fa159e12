import { CheckCircleFilled, EnvironmentOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { theme } from 'antd';
import type { TFunction } from 'i18next';
import { useEffect, useMemo, type CSSProperties } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseType } from '../../../shared/case-machine.js';
import { todayInShanghai } from '../../format.js';
import { servicesApi, type PublicServicePoint } from './services.api.js';

interface Props {
  /** The village chosen on the report form; nothing shows without one. */
  village: string;
  /** The type chosen: only points taking it are offered. */
  type: CaseType | null;
  value: string | null;
  onChange: (unitId: string | null) => void;
}

/** 今日值班：上午 张三；下午 李四 — or 今日暂无值班安排. */
function todayDuty(point: PublicServicePoint, t: TFunction) {
  const today = todayInShanghai();
  const sep = t('services.listSep');
  const halves = (['am', 'pm'] as const).flatMap((half) => {
    const names = point.duty
      .filter((d) => d.date === today && d.half === half)
      .map((d) => d.personName);
    return names.length > 0
      ? [
          t('services.points.dutyOf', {
            half: t(`services.halves.${half}`),
            names: names.join(sep),
          }),
        ]
      : [];
  });
  return halves.length > 0
    ? t('services.report.dutyToday', { duty: halves.join(t('services.points.dutySep')) })
    : t('services.report.noDutyToday');
}

/**
 * On the public report form, once the village is chosen: the 党群微家 and 法官工作室 serving it
 * (name, address, today's duty). A resident may hand the matter to one of them directly; the
 * choice is optional, and without one the town dispatches as usual.
 */
export function ReportPointChoice({ village, type, value, onChange }: Props) {
  const { t } = useTranslation();
  const { token } = theme.useToken();
  const points = useQuery({
    queryKey: ['public', 'service-points', village],
    queryFn: () => servicesApi.publicPoints(village),
    enabled: village !== '',
    staleTime: 5 * 60_000,
    meta: { silent: true },
  });
  const offered = useMemo(
    () => (points.data ?? []).filter((p) => !type || p.caseTypes.includes(type)),
    [points.data, type],
  );

  // A point no longer offered (another village or type) is no longer chosen.
  useEffect(() => {
    if (value && points.data && !offered.some((p) => p.unitId === value)) onChange(null);
  }, [value, offered, points.data, onChange]);

  if (!village || offered.length === 0) return null;

  // A light wash of the brand colour for the chosen card, as the rest of the form does.
  const tint = /^#[0-9a-f]{6}$/i.test(token.colorPrimary)
    ? `${token.colorPrimary}1a`
    : token.colorPrimaryBg;

  const card = (selected: boolean): CSSProperties => ({
    position: 'relative',
    display: 'block',
    width: '100%',
    textAlign: 'left',
    minHeight: 48,
    padding: '10px 40px 10px 12px',
    fontSize: 16,
    borderRadius: token.borderRadiusLG,
    border: `2px solid ${selected ? token.colorPrimary : token.colorBorderSecondary}`,
    background: selected ? tint : token.colorBgContainer,
    color: token.colorText,
    cursor: 'pointer',
  });
  const check = (
    <CheckCircleFilled
      style={{ position: 'absolute', top: 12, right: 12, fontSize: 18, color: token.colorPrimary }}
    />
  );

  return (
    <div id="field-servicePointId" style={{ marginBottom: 16 }}>
      <div style={{ fontSize: 16, fontWeight: 500, marginBottom: 4 }}>
        {t('services.report.label')}
      </div>
      <div style={{ fontSize: 14, color: token.colorTextSecondary, marginBottom: 8 }}>
        {t('services.report.hint')}
      </div>
      <div
        role="radiogroup"
        aria-label={t('services.report.label')}
        data-testid="report-service-point"
        style={{ display: 'flex', flexDirection: 'column', gap: 8 }}
      >
        {offered.map((point) => {
          const selected = value === point.unitId;
          return (
            <button
              key={point.unitId}
              type="button"
              role="radio"
              aria-checked={selected}
              data-testid={`report-service-point-${point.unitId}`}
              onClick={() => onChange(selected ? null : point.unitId)}
              style={card(selected)}
            >
              <div style={{ fontSize: 17, fontWeight: 600 }}>
                {point.name}
                <span
                  style={{
                    marginInlineStart: 8,
                    padding: '0 6px',
                    fontSize: 13,
                    fontWeight: 400,
                    borderRadius: 4,
                    color: point.kind === 'legal' ? token.colorInfo : token.colorError,
                    border: `1px solid ${point.kind === 'legal' ? token.colorInfoBorder : token.colorErrorBorder}`,
                  }}
                >
                  {t(`services.kinds.${point.kind}`)}
                </span>
              </div>
              <div style={{ fontSize: 14, color: token.colorTextSecondary, marginTop: 2 }}>
                <EnvironmentOutlined /> {point.address}
              </div>
              <div style={{ fontSize: 14, marginTop: 2 }}>{todayDuty(point, t)}</div>
              {selected && check}
            </button>
          );
        })}
        <button
          type="button"
          role="radio"
          aria-checked={value === null}
          data-testid="report-service-point-none"
          onClick={() => onChange(null)}
          style={card(value === null)}
        >
          {t('services.report.none')}
          {value === null && check}
        </button>
      </div>
    </div>
  );
}
