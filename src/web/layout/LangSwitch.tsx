import { Button, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Locale } from '../../shared/messages.js';
import { useChangeLocale } from '../features/auth/session.js';

const CHOICES: { locale: Locale; testId: string; labelKey: 'lang.zh' | 'lang.en' }[] = [
  { locale: 'zh-CN', testId: 'lang-zh', labelKey: 'lang.zh' },
  { locale: 'en-US', testId: 'lang-en', labelKey: 'lang.en' },
];

interface Props {
  /** Drawn on a dark or coloured bar: the chosen language is white, the other outlined. */
  onDark?: boolean;
}

/** zh-CN / en-US switch; the choice is kept on this device and, when logged in, on the server. */
export function LangSwitch({ onDark = false }: Props) {
  const { t, i18n } = useTranslation();
  const changeLocale = useChangeLocale();
  return (
    <Space.Compact data-testid="lang-switch" aria-label={t('lang.label')}>
      {CHOICES.map(({ locale, testId, labelKey }) => {
        const active = i18n.language === locale;
        return (
          <Button
            key={locale}
            size="small"
            data-testid={testId}
            type={active && !onDark ? 'primary' : 'default'}
            ghost={onDark && !active}
            aria-pressed={active}
            lang={locale}
            onClick={() => changeLocale(locale)}
          >
            {t(labelKey)}
          </Button>
        );
      })}
    </Space.Compact>
  );
}
