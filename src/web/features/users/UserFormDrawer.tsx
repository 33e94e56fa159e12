import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Drawer, Form, Input, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { passwordProblem } from '../../../shared/password.js';
import type { RoleCode } from '../../../shared/permissions.js';
import type { UserDto } from '../../../shared/schemas/users.js';
import { detailMessage } from '../../i18n/labels.js';
import { useRegion } from '../../region/RegionContext.js';
import { RegionSelect } from '../../region/RegionSelect.js';
import { useMe } from '../auth/session.js';
import { RoleSelect } from './RoleSelect.js';
import { USERS_KEY, usersApi } from './users.api.js';

interface GrantValues {
  role?: RoleCode;
  regionCode?: string;
}

interface Values {
  username: string;
  displayName: string;
  mobile?: string;
  regionCode: string;
  password: string;
  grants: GrantValues[];
}

const USERNAME = /^[A-Za-z0-9_.-]{3,32}$/;
const MOBILE = /^1\d{10}$/;

interface Props {
  open: boolean;
  /** The user being edited; null creates a new one. */
  user: UserDto | null;
  onClose: () => void;
}

/** Create a user (account, home region, initial password, roles) or edit name and mobile. */
export function UserFormDrawer({ open, user, onClose }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const me = useMe();
  const { regionCode } = useRegion();
  const client = useQueryClient();
  const [form] = Form.useForm<Values>();
  const editing = user !== null;

  const home = regionCode ?? me.regionCode;
  const initialValues: Partial<Values> = user
    ? { displayName: user.displayName }
    : { regionCode: home, grants: [{ regionCode: home }] };

  const done = async (text: string) => {
    void message.success(text);
    await client.invalidateQueries({ queryKey: USERS_KEY });
    onClose();
  };

  const create = useMutation({
    mutationFn: (values: Values) =>
      usersApi.create({
        username: values.username.trim(),
        displayName: values.displayName.trim(),
        mobile: values.mobile?.trim() ? values.mobile.trim() : undefined,
        regionCode: values.regionCode,
        password: values.password,
        grants: (values.grants ?? []).map((g) => ({ role: g.role!, regionCode: g.regionCode! })),
      }),
    meta: { form },
    onSuccess: () => done(t('users.created')),
  });

  const update = useMutation({
    mutationFn: (values: Values) =>
      usersApi.update(user!.id, {
        displayName: values.displayName.trim(),
        ...(values.mobile?.trim() ? { mobile: values.mobile.trim() } : {}),
      }),
    meta: { form },
    onSuccess: () => done(t('users.updated')),
  });

  const required = { required: true, message: t('common.required') };
  const saving = create.isPending || update.isPending;

  return (
    <Drawer
      open={open}
      onClose={onClose}
      title={editing ? t('users.editTitle') : t('users.new')}
      width={560}
      destroyOnHidden
      extra={
        <Space>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button
            type="primary"
            loading={saving}
            onClick={() => form.submit()}
            data-testid="user-form-submit"
          >
            {t('common.save')}
          </Button>
        </Space>
      }
    >
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={initialValues}
        onFinish={(values) => (editing ? update.mutate(values) : create.mutate(values))}
      >
        {editing ? (
          <Form.Item label={t('users.username')}>
            <Typography.Text strong>{user.username}</Typography.Text>
          </Form.Item>
        ) : (
          <Form.Item
            name="username"
            label={t('users.username')}
            rules={[required, { pattern: USERNAME, message: t('users.usernameRule') }]}
          >
            <Input data-testid="user-form-username" autoComplete="off" />
          </Form.Item>
        )}
        <Form.Item
          name="displayName"
          label={t('users.displayName')}
          rules={[required, { max: 64 }]}
        >
          <Input data-testid="user-form-displayName" autoComplete="off" />
        </Form.Item>
        <Form.Item
          name="mobile"
          label={t('users.mobile')}
          rules={[{ pattern: MOBILE, message: detailMessage('mobile.format') }]}
          extra={editing ? t('users.mobileKeep') : undefined}
        >
          <Input
            data-testid="user-form-mobile"
            inputMode="tel"
            maxLength={11}
            placeholder={editing ? (user.mobile ?? undefined) : undefined}
            autoComplete="off"
          />
        </Form.Item>
        {!editing && (
          <>
            <Form.Item name="regionCode" label={t('users.region')} rules={[required]}>
              <RegionSelect data-testid="user-form-region" />
            </Form.Item>
            <Form.Item
              name="password"
              label={t('users.password')}
              extra={
                <>
                  {detailMessage('password.rules')}
                  <br />
                  {t('users.passwordHint')}
                </>
              }
              rules={[
                required,
                ({ getFieldValue }) => ({
                  validator: async (_rule, value: string | undefined) => {
                    const username = getFieldValue('username') as string | undefined;
                    const problem = value ? passwordProblem(value, username) : null;
                    if (problem) throw new Error(detailMessage(problem));
                  },
                }),
              ]}
            >
              <Input.Password data-testid="user-form-password" autoComplete="new-password" />
            </Form.Item>
            <Typography.Title level={5}>{t('users.grants')}</Typography.Title>
            <Form.List name="grants">
              {(fields, { add, remove }) => (
                <>
                  {fields.map((field, index) => (
                    <Space key={field.key} align="start" style={{ display: 'flex' }} wrap>
                      <Form.Item
                        name={[field.name, 'role']}
                        rules={[required]}
                        style={{ marginBottom: 12 }}
                      >
                        <RoleSelect
                          data-testid={`grant-role-${index}`}
                          placeholder={t('users.grantRole')}
                          style={{ width: 180 }}
                        />
                      </Form.Item>
                      <Form.Item
                        name={[field.name, 'regionCode']}
                        rules={[required]}
                        style={{ marginBottom: 12 }}
                      >
                        <RegionSelect
                          data-testid={`grant-region-${index}`}
                          placeholder={t('users.grantRegion')}
                          style={{ width: 240 }}
                        />
                      </Form.Item>
                      <Button
                        type="text"
                        icon={<MinusCircleOutlined />}
                        aria-label={t('common.remove')}
                        data-testid={`grant-remove-${index}`}
                        onClick={() => remove(field.name)}
                      />
                    </Space>
                  ))}
                  <Button
                    type="dashed"
                    icon={<PlusOutlined />}
                    data-testid="grant-add"
                    onClick={() =>
                      add({ regionCode: form.getFieldValue('regionCode') as string | undefined })
                    }
                  >
                    {t('users.addGrant')}
                  </Button>
                </>
              )}
            </Form.List>
          </>
        )}
      </Form>
    </Drawer>
  );
}
