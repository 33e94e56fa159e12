import { Alert, Card } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { ChangePasswordForm } from './ChangePasswordForm.js';
import { useMe } from './session.js';

/** The change-password page; users with an initial password are sent here first. */
export default function ChangePasswordPage() {
  const { t } = useTranslation();
  const me = useMe();
  const navigate = useNavigate();
  return (
    <Card title={t('profile.changePassword')} style={{ maxWidth: 560 }}>
      {me.mustChangePassword && (
        <Alert
          type="warning"
          showIcon
          message={t('profile.mustChange')}
          style={{ marginBottom: 16 }}
        />
      )}
      <ChangePasswordForm onDone={() => void navigate('/', { replace: true })} />
    </Card>
  );
}
