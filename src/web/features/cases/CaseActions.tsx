import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Descriptions,
  Form,
  Input,
  InputNumber,
  Modal,
  Space,
  Typography,
  type ButtonProps,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MAX_ESCALATION, type CaseCommandType } from '../../../shared/case-machine.js';
import { ApiError } from '../../api/client.js';
import { formatTime } from '../../format.js';
import {
  CASES_KEY,
  casesApi,
  useDeadlines,
  type CaseCommandInput,
  type CaseDto,
} from './cases.api.js';
import { dispatchBody, DispatchFields, type DispatchValues } from './DispatchModal.js';
import { DueRemaining } from './DueText.js';
import { useNow } from './useNow.js';
import { commandLabel, escalationLabel, limitsOf } from './labels.js';

/** The commands staff give from this page, in the order their buttons show. */
type StaffCommand = Exclude<CaseCommandType, 'rate' | 'clear'>;

/** The shape of each command's form. */
const FORMS: Record<StaffCommand, 'confirm' | 'reason' | 'text' | 'extension' | 'dispatch'> = {
  dispatch: 'dispatch',
  take: 'confirm',
  sign: 'confirm',
  return: 'reason',
  start: 'confirm',
  requestExtension: 'extension',
  grantExtension: 'confirm',
  refuseExtension: 'reason',
  reply: 'text',
  verify: 'confirm',
  rejectReply: 'reason',
  close: 'confirm',
  reopen: 'reason',
  escalate: 'reason',
  note: 'text',
};

/** Commands whose button warns (退单, 退回重办, 重办, 督办, 不同意延期). */
const DANGER: readonly StaffCommand[] = [
  'return',
  'rejectReply',
  'reopen',
  'escalate',
  'refuseExtension',
];

/** The command a case most expects next: its button is the primary one. */
const MAIN: readonly StaffCommand[] = [
  'dispatch',
  'take',
  'sign',
  'start',
  'reply',
  'verify',
  'close',
];

const SUBMIT_PROPS = { 'data-testid': 'case-action-submit' } as ButtonProps;

interface Values extends DispatchValues {
  reason?: string;
  text?: string;
  days?: number;
}

function bodyOf(command: StaffCommand, values: Values, expectedVersion: number): CaseCommandInput {
  const reason = values.reason?.trim() ?? '';
  const text = values.text?.trim() ?? '';
  switch (command) {
    case 'dispatch':
      return { type: command, expectedVersion, ...dispatchBody(values) };
    case 'take':
    case 'sign':
    case 'start':
    case 'grantExtension':
    case 'verify':
    case 'close':
      return { type: command, expectedVersion };
    case 'return':
    case 'refuseExtension':
    case 'rejectReply':
    case 'reopen':
    case 'escalate':
      return { type: command, expectedVersion, reason };
    case 'requestExtension':
      return { type: command, expectedVersion, days: values.days ?? 0, reason };
    case 'reply':
    case 'note':
      return { type: command, expectedVersion, text };
  }
}

/** The buttons of the commands the case allows the caller now, and the form each opens. */
export function CaseActions({ item }: { item: CaseDto }) {
  const { t } = useTranslation();
  const [command, setCommand] = useState<StaffCommand | null>(null);
  const commands = item.allowedCommands.filter((c): c is StaffCommand => c !== 'rate');
  if (commands.length === 0) {
    return <Typography.Text type="secondary">{t('cases.actions.none')}</Typography.Text>;
  }
  const main = MAIN.find((c) => commands.includes(c));
  return (
    <>
      <Space wrap>
        {commands.map((name) => (
          <Button
            key={name}
            type={name === main ? 'primary' : 'default'}
            danger={DANGER.includes(name)}
            data-testid={`case-action-${name}`}
            onClick={() => setCommand(name)}
          >
            {commandLabel(t, name)}
          </Button>
        ))}
      </Space>
      <CommandModal item={item} command={command} onClose={() => setCommand(null)} />
    </>
  );
}

/**
 * The small form of one command. It sends the case's version, so a change made meanwhile by
 * someone else is refused (409) rather than overwritten; the page then reloads the case.
 */
function CommandModal({
  item,
  command,
  onClose,
}: {
  item: CaseDto;
  command: StaffCommand | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const client = useQueryClient();
  const [form] = Form.useForm<Values>();
  const [stale, setStale] = useState(false);

  const send = useMutation({
    mutationFn: (values: Values) =>
      casesApi.command(item.id, bodyOf(command!, values, item.version)),
    meta: { form },
    onError: async (error) => {
      if (error instanceof ApiError && error.status === 409) {
        setStale(true);
        await client.invalidateQueries({ queryKey: CASES_KEY });
      }
    },
    onSuccess: async (updated) => {
      void message.success(t('cases.actions.done', { action: commandLabel(t, command!) }));
      client.setQueryData([...CASES_KEY, 'case', item.id], updated);
      onClose();
      await client.invalidateQueries({ queryKey: CASES_KEY });
      await client.invalidateQueries({ queryKey: ['notifications'] });
    },
  });

  const kind = command ? FORMS[command] : null;
  const danger = command !== null && DANGER.includes(command);

  return (
    <Modal
      open={command !== null}
      title={command ? commandLabel(t, command) : ''}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={command ? commandLabel(t, command) : t('common.save')}
      okButtonProps={{ danger, ...SUBMIT_PROPS }}
      confirmLoading={send.isPending}
      afterClose={() => setStale(false)}
      destroyOnHidden
    >
      {stale && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          data-testid="case-action-stale"
          message={t('cases.actions.stale')}
        />
      )}
      {command && kind && (
        <Form<Values>
          key={command}
          form={form}
          layout="vertical"
          onFinish={(values) => send.mutate(values)}
        >
          <Intro item={item} command={command} />
          {kind === 'dispatch' && <DispatchFields regionCodes={[item.regionCode]} />}
          {kind === 'extension' && <ExtensionFields item={item} />}
          {(kind === 'reason' || kind === 'extension') && (
            <ReasonField label={t(`cases.actions.reasonLabels.${command as ReasonCommand}`)} />
          )}
          {kind === 'text' && <TextField command={command as 'reply' | 'note'} />}
        </Form>
      )}
    </Modal>
  );
}

type ReasonCommand =
  'return' | 'refuseExtension' | 'rejectReply' | 'reopen' | 'escalate' | 'requestExtension';

/** What the command does, and the facts it depends on (the pending request, the limits). */
function Intro({ item, command }: { item: CaseDto; command: StaffCommand }) {
  const { t } = useTranslation();
  const now = useNow();
  const pending = item.extension && (
    <Descriptions
      size="small"
      column={1}
      bordered
      style={{ marginBottom: 16 }}
      data-testid="case-extension-request"
      items={[
        {
          key: 'days',
          label: t('cases.actions.extensionDays'),
          children: t('cases.actions.workingDays', { n: item.extension.days }),
        },
        {
          key: 'reason',
          label: t('cases.actions.extensionReason'),
          children: item.extension.reason,
        },
      ]}
    />
  );
  const intro = (text: string) => (
    <Typography.Paragraph type="secondary">{text}</Typography.Paragraph>
  );
  switch (command) {
    case 'grantExtension':
    case 'refuseExtension':
      return (
        <>
          {pending}
          {intro(t(`cases.actions.intro.${command}`))}
        </>
      );
    case 'return':
      return (
        <>
          {intro(t('cases.actions.intro.return'))}
          {item.returnDueAt && (
            <Alert
              type={new Date(item.returnDueAt) < now ? 'error' : 'info'}
              showIcon
              style={{ marginBottom: 16 }}
              data-testid="case-return-limit"
              message={
                <Space wrap size={8}>
                  {t('cases.actions.returnBy', { time: formatTime(item.returnDueAt).slice(0, 16) })}
                  <DueRemaining dueAt={item.returnDueAt} now={now} />
                </Space>
              }
            />
          )}
        </>
      );
    case 'escalate':
      return intro(
        t('cases.actions.intro.escalate', {
          level: escalationLabel(t, Math.min(MAX_ESCALATION, item.escalation + 1)),
        }),
      );
    default:
      return intro(t(`cases.actions.intro.${command}`));
  }
}

/** 延期天数: at most what the case's limits still allow. */
function ExtensionFields({ item }: { item: CaseDto }) {
  const { t } = useTranslation();
  const deadlines = useDeadlines(item.regionCode, true);
  const { limits } = limitsOf(deadlines.data ?? [], item.regionCode, item.type, item.category);
  const left = Math.max(1, limits.maxExtensionDays - item.extensionDays);
  return (
    <Form.Item
      name="days"
      label={t('cases.actions.days')}
      extra={
        deadlines.data
          ? t('cases.actions.extensionLimit', {
              max: limits.maxExtensionDays,
              used: item.extensionDays,
              left,
            })
          : undefined
      }
      rules={[{ required: true, message: t('common.required') }]}
    >
      <InputNumber
        min={1}
        max={Math.min(60, deadlines.data ? left : 60)}
        precision={0}
        addonAfter={t('cases.actions.daysUnit')}
        style={{ width: 200 }}
        data-testid="case-action-days"
      />
    </Form.Item>
  );
}

function ReasonField({ label }: { label: string }) {
  const { t } = useTranslation();
  return (
    <Form.Item
      name="reason"
      label={label}
      rules={[
        { required: true, whitespace: true, message: t('common.required') },
        {
          validator: async (_rule, value: string | undefined) => {
            const length = value?.trim().length ?? 0;
            if (length > 0 && length < 2) throw new Error(t('cases.actions.reasonRule'));
          },
        },
      ]}
    >
      <Input.TextArea rows={3} maxLength={500} showCount data-testid="case-action-reason" />
    </Form.Item>
  );
}

function TextField({ command }: { command: 'reply' | 'note' }) {
  const { t } = useTranslation();
  const min = command === 'reply' ? 2 : 1;
  return (
    <Form.Item
      name="text"
      label={t(`cases.actions.textLabels.${command}`)}
      rules={[
        { required: true, whitespace: true, message: t('common.required') },
        {
          validator: async (_rule, value: string | undefined) => {
            const length = value?.trim().length ?? 0;
            if (length > 0 && length < min) throw new Error(t('cases.actions.replyRule'));
          },
        },
      ]}
    >
      <Input.TextArea
        rows={command === 'reply' ? 6 : 3}
        maxLength={2000}
        showCount
        placeholder={command === 'reply' ? t('cases.actions.replyPlaceholder') : undefined}
        data-testid="case-action-text"
      />
    </Form.Item>
  );
}
