import { QueryClientProvider } from '@tanstack/react-query';
import { ConfigProvider } from 'antd';
import type { Locale as AntdLocale } from 'antd/es/locale/index.js';
import enUSModule from 'antd/locale/en_US.js';
import zhCNModule from 'antd/locale/zh_CN.js';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { RouterProvider } from 'react-router/dom';
import { queryClient } from './api/queryClient.js';
import { createRouter } from './routes.js';

/** antd's locale files are CommonJS: the bundler hands over the value, the type checker the module. */
function unwrap(module: AntdLocale | { default: AntdLocale }): AntdLocale {
  return 'default' in module ? module.default : module;
}

const antdLocales = { 'zh-CN': unwrap(zhCNModule), 'en-US': unwrap(enUSModule) };

const theme = {
  token: {
    colorPrimary: '#1f7a5c',
    colorLink: '#1f7a5c',
    borderRadius: 6,
    fontFamily:
      "-apple-system, BlinkMacSystemFont, 'Segoe UI', 'PingFang SC', 'Hiragino Sans GB', 'Microsoft YaHei', 'Noto Sans CJK SC', 'Helvetica Neue', Arial, sans-serif",
  },
};

export function App() {
  const { t, i18n } = useTranslation();
  const [router] = useState(createRouter);

  useEffect(() => {
    document.title = t('app.fullName');
  }, [t, i18n.language]);

  return (
    <ConfigProvider
      locale={i18n.language === 'en-US' ? antdLocales['en-US'] : antdLocales['zh-CN']}
      theme={theme}
    >
      <QueryClientProvider client={queryClient}>
        <RouterProvider router={router} />
      </QueryClientProvider>
    </ConfigProvider>
  );
}
