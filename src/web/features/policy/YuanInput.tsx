import { InputNumber, type InputNumberProps } from 'antd';
import { useTranslation } from 'react-i18next';
import { groupThousands } from '../../format.js';

/** The largest amount the server accepts: ¥10 billion (10^12 fen). */
export const MAX_YUAN = 10_000_000_000;

type Props = Omit<InputNumberProps<number>, 'min' | 'max' | 'precision' | 'formatter'>;

/** An amount entered in yuan, shown with thousands separators; whole fen at most. */
export function YuanInput(props: Props) {
  const { t } = useTranslation();
  return (
    <InputNumber<number>
      min={0}
      max={MAX_YUAN}
      precision={2}
      step={1000}
      formatter={(value, info) => {
        const text = groupThousands(String(value ?? ''));
        return info.userTyping ? text : text.replace(/\.00$/, '');
      }}
      suffix={t('common.yuanUnit')}
      style={{ width: '100%' }}
      {...props}
    />
  );
}
