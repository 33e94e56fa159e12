import { Progress, theme, Typography } from 'antd';
import { useTranslation } from 'react-i18next';

/** Below these shares the on-time rate shows orange, then red. */
const GOOD = 0.95;
const FAIR = 0.8;

/** An on-time rate as a coloured bar: green ≥ 95 %, orange ≥ 80 %, red below. */
export function RateBar({ rate }: { rate: number | null }) {
  const { t } = useTranslation();
  const { token } = theme.useToken();
  if (rate === null) {
    return <Typography.Text type="secondary">{t('disclosure.status.noneDue')}</Typography.Text>;
  }
  const color =
    rate >= GOOD ? token.colorSuccess : rate >= FAIR ? token.colorWarning : token.colorError;
  const percent = Math.round(rate * 1000) / 10;
  return (
    <Progress
      percent={percent}
      size="small"
      strokeColor={color}
      format={() => `${percent}%`}
      style={{ minWidth: 160, marginBottom: 0 }}
    />
  );
}
