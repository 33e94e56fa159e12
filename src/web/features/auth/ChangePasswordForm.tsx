import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Form, Input, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { passwordProblem } from '../../../shared/password.js';
import type { ChangePasswordBody } from '../../../shared/schemas/auth.js';
import { SESSION_KEY } from '../../api/queryClient.js';
import { detailMessage } from '../../i18n/labels.js';
import { authApi } from './auth.api.js';
import { useMe } from './session.js';

interface Values {
  currentPassword: string;
  newPassword: string;
  confirm: string;
}

/** Current, new and confirmed password, with the rules shown and checked before sending. */
export function ChangePasswordForm({ onDone }: { onDone?: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const me = useMe();
  const [form] = Form.useForm<Values>();
  const client = useQueryClient();
  const change = useMutation({
    mutationFn: (body: ChangePasswordBody) => authApi.changePassword(body),
    meta: { form },
    onSuccess: async () => {
      void message.success(t('profile.changed'));
      form.resetFields();
      await client.invalidateQueries({ queryKey: SESSION_KEY });
      onDone?.();
    },
  });

  return (
    <Form<Values>
      form={form}
      layout="vertical"
      style={{ maxWidth: 420 }}
      onFinish={(values) =>
        change.mutate({ currentPassword: values.currentPassword, newPassword: values.newPassword })
      }
    >
      <Typography.Paragraph type="secondary">
        {detailMessage('password.rules')}
      </Typography.Paragraph>
      <Form.Item
        name="currentPassword"
        label={t('profile.currentPassword')}
        rules={[{ required: true, message: t('common.required') }]}
      >
        <Input.Password autoComplete="current-password" data-testid="password-current" />
      </Form.Item>
      <Form.Item
        name="newPassword"
        label={t('profile.newPassword')}
        rules={[
          { required: true, message: t('common.required') },
          {
            validator: async (_rule, value: string | undefined) => {
              const problem = value ? passwordProblem(value, me.username) : null;
              if (problem) throw new Error(detailMessage(problem));
            },
          },
        ]}
      >
        <Input.Password autoComplete="new-password" data-testid="password-new" />
      </Form.Item>
      <Form.Item
        name="confirm"
        label={t('profile.confirmPassword')}
        dependencies={['newPassword']}
        rules={[
          { required: true, message: t('common.required') },
          ({ getFieldValue }) => ({
            validator: async (_rule, value: string | undefined) => {
              if (value && value !== getFieldValue('newPassword')) {
                throw new Error(t('profile.mismatch'));
              }
            },
          }),
        ]}
      >
        <Input.Password autoComplete="new-password" data-testid="password-confirm" />
      </Form.Item>
      <Button
        type="primary"
        htmlType="submit"
        loading={change.isPending}
        data-testid="password-submit"
      >
        {t('profile.changePassword')}
      </Button>
    </Form>
  );
}
