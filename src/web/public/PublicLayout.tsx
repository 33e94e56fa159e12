import { SearchOutlined } from '@ant-design/icons';
import { theme } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, Outlet } from 'react-router';
import { LangSwitch } from '../layout/LangSwitch.js';

/** The residents' site: a light, phone-first frame with no login. */
export default function PublicLayout() {
  const { t } = useTranslation();
  const { token } = theme.useToken();
  return (
    <div
      style={{
        minHeight: '100vh',
        display: 'flex',
        flexDirection: 'column',
        background: '#f5f7f6',
        color: token.colorText,
        fontSize: token.fontSize,
      }}
    >
      <header
        className="qf-no-print"
        style={{
          background: token.colorPrimary,
          color: '#fff',
          padding: '10px 16px',
          position: 'sticky',
          top: 0,
          zIndex: 10,
        }}
      >
        <div
          style={{
            maxWidth: 1080,
            margin: '0 auto',
            display: 'flex',
            alignItems: 'center',
            gap: 12,
            flexWrap: 'wrap',
          }}
        >
          <Link
            to="/public"
            data-testid="public-home"
            style={{ color: '#fff', fontSize: 20, fontWeight: 600, letterSpacing: 2 }}
          >
            {t('public.siteTitle')}
          </Link>
          <div style={{ flex: 1 }} />
          <div style={{ display: 'flex', alignItems: 'center', gap: 12, flexWrap: 'wrap' }}>
            <Link
              to="/public/report"
              data-testid="public-report-link"
              style={{
                color: token.colorPrimary,
                background: '#fff',
                borderRadius: 16,
                padding: '4px 12px',
                fontWeight: 600,
              }}
            >
              {t('report.nav.report')}
            </Link>
            <Link to="/public/track" style={{ color: '#fff' }} data-testid="public-track-link">
              {t('report.nav.track')}
            </Link>
            <Link to="/public/search" style={{ color: '#fff' }} data-testid="public-search-link">
              <SearchOutlined /> {t('publicEntry.nav.search')}
            </Link>
            <Link
              to="/public/checkpoints"
              style={{ color: '#fff' }}
              data-testid="public-checkpoints-link"
            >
              {t('public.checkpoints')}
            </Link>
            <LangSwitch onDark />
          </div>
        </div>
      </header>
      <main style={{ width: '100%', maxWidth: 1080, margin: '0 auto', padding: 12, flex: 1 }}>
        <Outlet />
      </main>
      <footer
        className="qf-no-print"
        style={{ textAlign: 'center', padding: '16px 12px 24px', fontSize: 12 }}
      >
        <div style={{ color: token.colorTextSecondary }}>{t('public.footer')}</div>
        <div style={{ marginTop: 8 }}>
          <Link to="/login">{t('public.adminLogin')}</Link>
        </div>
      </footer>
    </div>
  );
}
