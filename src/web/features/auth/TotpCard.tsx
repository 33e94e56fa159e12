import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Form, Input, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SESSION_KEY } from '../../api/queryClient.js';
import { authApi, type TotpSetupDto } from './auth.api.js';
import { useMe } from './session.js';

/** Two-step login for admin roles: start, confirm with a code, or turn off with the password. */
export function TotpCard() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const me = useMe();
  const client = useQueryClient();
  const [setup, setSetup] = useState<TotpSetupDto | null>(null);
  const [enableForm] = Form.useForm<{ code: string }>();
  const [disableForm] = Form.useForm<{ password: string }>();

  const start = useMutation({ mutationFn: authApi.startTotp, onSuccess: setSetup });
  const enable = useMutation({
    mutationFn: (code: string) => authApi.enableTotp(code),
    meta: { form: enableForm },
    onSuccess: async () => {
      void message.success(t('profile.totp.enabledDone'));
      setSetup(null);
      enableForm.resetFields();
      await client.invalidateQueries({ queryKey: SESSION_KEY });
    },
  });
  const disable = useMutation({
    mutationFn: (password: string) => authApi.disableTotp(password),
    meta: { form: disableForm },
    onSuccess: async () => {
      void message.success(t('profile.totp.disabledDone'));
      disableForm.resetFields();
      await client.invalidateQueries({ queryKey: SESSION_KEY });
    },
  });

  return (
    <Card
      title={t('profile.totp.title')}
      extra={
        me.totpEnabled ? (
          <Tag color="green">{t('profile.totp.enabled')}</Tag>
        ) : (
          <Tag>{t('profile.totp.notEnabled')}</Tag>
        )
      }
    >
      <Typography.Paragraph type="secondary">{t('profile.totp.intro')}</Typography.Paragraph>
      {me.totpEnabled ? (
        <Form<{ password: string }>
          form={disableForm}
          layout="vertical"
          style={{ maxWidth: 420 }}
          onFinish={(values) => disable.mutate(values.password)}
        >
          <Typography.Paragraph>{t('profile.totp.disableHint')}</Typography.Paragraph>
          <Form.Item
            name="password"
            label={t('profile.totp.password')}
            rules={[{ required: true, message: t('common.required') }]}
          >
            <Input.Password autoComplete="current-password" />
          </Form.Item>
          <Button danger htmlType="submit" loading={disable.isPending}>
            {t('profile.totp.disable')}
          </Button>
        </Form>
      ) : setup ? (
        <Space direction="vertical" style={{ width: '100%' }}>
          <Typography.Text strong>{t('profile.totp.secret')}</Typography.Text>
          <Typography.Text code copyable data-testid="totp-secret">
            {setup.secret}
          </Typography.Text>
          <Typography.Text strong>{t('profile.totp.url')}</Typography.Text>
          <Typography.Text code copyable style={{ wordBreak: 'break-all' }}>
            {setup.otpauthUrl}
          </Typography.Text>
          <Typography.Paragraph style={{ marginTop: 8 }}>
            {t('profile.totp.step')}
          </Typography.Paragraph>
          <Form<{ code: string }>
            form={enableForm}
            layout="inline"
            onFinish={(values) => enable.mutate(values.code)}
          >
            <Form.Item
              name="code"
              label={t('profile.totp.code')}
              rules={[
                { required: true, message: t('common.required') },
                { pattern: /^\d{6}$/, message: t('login.totpFormat') },
              ]}
            >
              <Input
                inputMode="numeric"
                maxLength={6}
                autoComplete="one-time-code"
                style={{ width: 140 }}
              />
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={enable.isPending}>
              {t('profile.totp.enable')}
            </Button>
          </Form>
        </Space>
      ) : (
        <Button type="primary" onClick={() => start.mutate()} loading={start.isPending}>
          {t('profile.totp.start')}
        </Button>
      )}
    </Card>
  );
}
