import { LockOutlined, SafetyOutlined, UserOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { Button, Card, Form, Input, Spin, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useNavigate, useSearchParams } from 'react-router';
import type { LoginBody, Session } from '../../../shared/schemas/auth.js';
import { ApiError } from '../../api/client.js';
import { showError } from '../../api/errors.js';
import { changeLocale, currentLocale, storedLocale } from '../../i18n/index.js';
import { AppFrame } from '../../layout/AppFrame.js';
import { LangSwitch } from '../../layout/LangSwitch.js';
import { authApi } from './auth.api.js';
import { acceptSession, useSession } from './session.js';

interface LoginValues {
  login: string;
  password: string;
  totp?: string;
}

/** Only same-site paths are followed after login. */
function safeNext(next: string | null): string {
  return next && next.startsWith('/') && !next.startsWith('//') ? next : '/';
}

export default function LoginPage() {
  return (
    <AppFrame>
      <LoginForm />
    </AppFrame>
  );
}

function LoginForm() {
  const { t } = useTranslation();
  const [form] = Form.useForm<LoginValues>();
  const [needTotp, setNeedTotp] = useState(false);
  const totpRef = useRef<HTMLInputElement>(null);
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const session = useSession();
  const next = safeNext(params.get('next'));

  const login = useMutation({
    mutationFn: (body: LoginBody) => authApi.login(body),
    meta: { silent: true },
  });

  useEffect(() => {
    if (needTotp) totpRef.current?.focus();
  }, [needTotp]);

  if (session.data) return <Navigate to={next} replace />;

  const onSuccess = (result: Session) => {
    acceptSession(result);
    if (!storedLocale() && result.user.locale !== currentLocale()) {
      void changeLocale(result.user.locale);
    }
    void navigate(next, { replace: true });
  };

  const onError = (error: Error) => {
    if (error instanceof ApiError && error.code === 'TOTP_REQUIRED') {
      if (needTotp) form.setFields([{ name: 'totp', errors: [error.message] }]);
      else setNeedTotp(true);
      return;
    }
    showError(error, form);
  };

  const onFinish = (values: LoginValues) => {
    login.mutate(
      {
        login: values.login.trim(),
        password: values.password,
        ...(needTotp && values.totp ? { totp: values.totp } : {}),
      },
      { onSuccess, onError },
    );
  };

  return (
    <div
      style={{
        minHeight: '100vh',
        display: 'flex',
        flexDirection: 'column',
        alignItems: 'center',
        justifyContent: 'center',
        padding: 16,
        background: 'linear-gradient(160deg, #e8f4ef 0%, #f7faf9 60%, #ffffff 100%)',
      }}
    >
      <div style={{ position: 'absolute', top: 16, right: 16 }}>
        <LangSwitch />
      </div>
      <Card style={{ width: '100%', maxWidth: 400 }} styles={{ body: { padding: 32 } }}>
        <div style={{ textAlign: 'center', marginBottom: 24 }}>
          <Typography.Title
            level={2}
            style={{ marginBottom: 4, color: '#1f7a5c', letterSpacing: 4 }}
          >
            {t('app.name')}
          </Typography.Title>
          <Typography.Text type="secondary">{t('login.subtitle')}</Typography.Text>
        </div>
        <Spin spinning={session.isPending}>
          <Form<LoginValues> form={form} layout="vertical" onFinish={onFinish} requiredMark={false}>
            <Form.Item
              name="login"
              label={t('login.login')}
              rules={[{ required: true, whitespace: true, message: t('common.required') }]}
            >
              <Input
                data-testid="login-username"
                prefix={<UserOutlined />}
                autoComplete="username"
                autoFocus
                size="large"
              />
            </Form.Item>
            <Form.Item
              name="password"
              label={t('login.password')}
              rules={[{ required: true, message: t('common.required') }]}
            >
              <Input.Password
                data-testid="login-password"
                prefix={<LockOutlined />}
                autoComplete="current-password"
                size="large"
              />
            </Form.Item>
            {needTotp && (
              <Form.Item
                name="totp"
                label={t('login.totp')}
                extra={t('login.totpHint')}
                rules={[
                  { required: true, message: t('common.required') },
                  { pattern: /^\d{6}$/, message: t('login.totpFormat') },
                ]}
              >
                <Input
                  ref={(input) => {
                    totpRef.current = input?.input ?? null;
                  }}
                  data-testid="login-totp"
                  prefix={<SafetyOutlined />}
                  inputMode="numeric"
                  autoComplete="one-time-code"
                  maxLength={6}
                  size="large"
                />
              </Form.Item>
            )}
            <Button
              data-testid="login-submit"
              type="primary"
              htmlType="submit"
              size="large"
              block
              loading={login.isPending}
            >
              {t('login.submit')}
            </Button>
          </Form>
        </Spin>
      </Card>
      <Link to="/public" style={{ marginTop: 24 }} data-testid="login-public-link">
        {t('login.publicLink')}
      </Link>
    </div>
  );
}
