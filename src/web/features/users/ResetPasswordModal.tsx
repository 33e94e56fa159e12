import { useMutation } from '@tanstack/react-query';
import { App, Form, Input, Modal, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { passwordProblem } from '../../../shared/password.js';
import type { UserDto } from '../../../shared/schemas/users.js';
import { detailMessage } from '../../i18n/labels.js';
import { usersApi } from './users.api.js';

/** Set a new password for someone; they must change it at their next login. */
export function ResetPasswordModal({
  user,
  onClose,
}: {
  user: UserDto | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ password: string }>();

  const reset = useMutation({
    mutationFn: (password: string) => usersApi.resetPassword(user!.id, password),
    meta: { form },
    onSuccess: () => {
      void message.success(t('users.passwordReset'));
      onClose();
    },
  });

  return (
    <Modal
      open={user !== null}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('users.resetPassword')}
      confirmLoading={reset.isPending}
      title={user ? t('users.resetPasswordTitle', { name: user.displayName }) : ''}
      destroyOnHidden
    >
      <Form<{ password: string }>
        form={form}
        layout="vertical"
        onFinish={(values) => reset.mutate(values.password)}
      >
        <Typography.Paragraph type="secondary">
          {detailMessage('password.rules')}
        </Typography.Paragraph>
        <Form.Item
          name="password"
          label={t('users.newPassword')}
          rules={[
            { required: true, message: t('common.required') },
            {
              validator: async (_rule, value: string | undefined) => {
                const problem = value ? passwordProblem(value, user?.username) : null;
                if (problem) throw new Error(detailMessage(problem));
              },
            },
          ]}
        >
          <Input.Password autoComplete="new-password" data-testid="reset-password-input" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
