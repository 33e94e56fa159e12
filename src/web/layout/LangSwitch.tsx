import { Button, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Locale } from '../../shared/messages.js';
import { useChangeLocale } from '../features/auth/session.js';

const CHOICES: { locale: Locale; testId: string; labelKey: 'lang.zh' | 'lang.en' }[] = [
  { locale: 'zh-CN', testId: 'lang-zh', labelKey: 'lang.zh' },
  { locale: 'en-US', testId: 'lang-en', labelKey: 'lang.en' },
];

/** zh-CN / en-US switch; the choice is kept on this device and, when logged in, on the server. */
export function LangSwitch({ size = 'small' }: { size?: 'small' | 'middle' }) {
  const { t, i18n } = useTranslation();
  const changeLocale = useChangeLocale();
  return (
    <Space.Compact data-testid="lang-switch" aria-label={t('lang.label')}>
      {CHOICES.map(({ locale, testId, labelKey }) => (
        <Button
          key={locale}
          size={size}
          data-testid={testId}
          type={i18n.language === locale ? 'primary' : 'default'}
          aria-pressed={i18n.language === locale}
          lang={locale}
          onClick={() => changeLocale(locale)}
        >
          {t(labelKey)}
        </Button>
      ))}
    </Space.Compact>
  );
}
