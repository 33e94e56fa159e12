import { Button, Result } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';

export default function NotFoundPage() {
  const { t } = useTranslation();
  const { pathname } = useLocation();
  const home = pathname.startsWith('/public') ? '/public' : '/';
  return (
    <Result
      status="404"
      title={t('app.notFound')}
      extra={
        <Link to={home}>
          <Button type="primary">{t('app.backHome')}</Button>
        </Link>
      }
    />
  );
}
