import { useMutation, useQuery } from '@tanstack/react-query';
import {
  Alert,
  Button,
  Card,
  Collapse,
  Descriptions,
  Empty,
  Form,
  Input,
  InputNumber,
  List,
  Skeleton,
  Space,
  Typography,
} from 'antd';
import { useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { CheckpointDto } from '../../shared/schemas/audit.js';
import { errorText } from '../api/errors.js';
import { formatTime } from '../format.js';
import { publicApi, type InstanceKeyDto } from './public.api.js';
import {
  HEX_ROOT,
  hasWebCrypto,
  verifyCheckpointSignature,
  verifyKeptCheckpoint,
} from './verify.js';

type SignatureState = 'checking' | 'ok' | 'bad' | 'keyMismatch' | 'noCrypto';

type CheckResult =
  | { kind: 'consistent'; oldSize: number; newSize: number }
  | { kind: 'inconsistent' }
  | { kind: 'tooLarge' }
  | { kind: 'unsupported'; algorithm: string }
  | { kind: 'noCrypto' }
  | { kind: 'failed'; message: string };

interface KeptValues {
  size: number;
  root: string;
}

const mono = {
  fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace',
  fontSize: 12,
};

/** Only SHA-256 chains can be checked with WebCrypto. */
const BROWSER_ALGORITHMS = new Set(['sha256']);

function useSignature(latest: CheckpointDto | undefined, key: InstanceKeyDto | undefined) {
  const [state, setState] = useState<SignatureState>('checking');
  useEffect(() => {
    if (!latest || !key) return;
    if (latest.keyId !== key.keyId) {
      setState('keyMismatch');
      return;
    }
    if (!hasWebCrypto()) {
      setState('noCrypto');
      return;
    }
    let live = true;
    setState('checking');
    verifyCheckpointSignature(latest, key.publicKeySpkiBase64).then(
      (ok) => live && setState(ok ? 'ok' : 'bad'),
      () => live && setState('noCrypto'),
    );
    return () => {
      live = false;
    };
  }, [latest, key]);
  return state;
}

function Mono({ children }: { children: ReactNode }) {
  return <span style={{ ...mono, wordBreak: 'break-all' }}>{children}</span>;
}

export default function CheckpointsPage() {
  const { t } = useTranslation();
  const [form] = Form.useForm<KeptValues>();
  const [result, setResult] = useState<CheckResult | null>(null);
  const checkpoints = useQuery({
    queryKey: ['public', 'checkpoints'],
    queryFn: publicApi.checkpoints,
  });
  const key = useQuery({ queryKey: ['public', 'instance-key'], queryFn: publicApi.instanceKey });
  const latest = checkpoints.data?.[0];
  const signature = useSignature(latest, key.data);

  const check = useMutation({
    meta: { silent: true },
    mutationFn: async (kept: KeptValues): Promise<CheckResult> => {
      if (!latest) return { kind: 'failed', message: t('checkpoint.none') };
      if (kept.size > latest.size) return { kind: 'tooLarge' };
      if (!BROWSER_ALGORITHMS.has(latest.algorithm)) {
        return { kind: 'unsupported', algorithm: latest.algorithm };
      }
      if (!hasWebCrypto()) return { kind: 'noCrypto' };
      let proof: string[];
      try {
        proof = (await publicApi.consistency(kept.size, latest.size)).proof;
      } catch (error) {
        return { kind: 'failed', message: errorText(error) };
      }
      const ok = await verifyKeptCheckpoint(kept, latest, proof);
      return ok
        ? { kind: 'consistent', oldSize: kept.size, newSize: latest.size }
        : { kind: 'inconsistent' };
    },
    onMutate: () => setResult(null),
    onSuccess: setResult,
    onError: () => setResult({ kind: 'noCrypto' }),
  });

  const signatureAlert = {
    checking: <Alert type="info" showIcon message={t('checkpoint.signatureChecking')} />,
    ok: <Alert type="success" showIcon message={`✓ ${t('checkpoint.signatureOk')}`} />,
    bad: <Alert type="error" showIcon message={`✗ ${t('checkpoint.signatureBad')}`} />,
    keyMismatch: <Alert type="error" showIcon message={`✗ ${t('checkpoint.keyMismatch')}`} />,
    noCrypto: <Alert type="warning" showIcon message={t('checkpoint.noWebCrypto')} />,
  }[signature];

  const resultAlert = (r: CheckResult) => {
    switch (r.kind) {
      case 'consistent':
        return (
          <Alert
            type="success"
            showIcon
            message={`✓ ${t('checkpoint.consistent', { oldSize: r.oldSize, newSize: r.newSize })}`}
          />
        );
      case 'inconsistent':
        return <Alert type="error" showIcon message={`✗ ${t('checkpoint.inconsistent')}`} />;
      case 'tooLarge':
        return <Alert type="warning" showIcon message={t('checkpoint.tooLarge')} />;
      case 'unsupported':
        return (
          <Alert
            type="warning"
            showIcon
            message={t('checkpoint.unsupportedAlgorithm', { algorithm: r.algorithm })}
          />
        );
      case 'noCrypto':
        return <Alert type="warning" showIcon message={t('checkpoint.noWebCrypto')} />;
      case 'failed':
        return (
          <Alert
            type="error"
            showIcon
            message={t('checkpoint.fetchFailed', { message: r.message })}
          />
        );
    }
  };

  const older = (checkpoints.data ?? []).slice(1);

  return (
    <Space direction="vertical" size={12} style={{ width: '100%' }}>
      <Card>
        <Typography.Title level={3} style={{ marginTop: 0 }}>
          {t('checkpoint.title')}
        </Typography.Title>
        <Typography.Title level={5}>{t('checkpoint.whatTitle')}</Typography.Title>
        <Typography.Paragraph>{t('checkpoint.what1')}</Typography.Paragraph>
        <Typography.Paragraph>{t('checkpoint.what2')}</Typography.Paragraph>
        <Typography.Title level={5}>{t('checkpoint.howTitle')}</Typography.Title>
        <Typography.Paragraph>{t('checkpoint.how1')}</Typography.Paragraph>
        <Typography.Paragraph style={{ marginBottom: 0 }}>
          {t('checkpoint.how2')}
        </Typography.Paragraph>
      </Card>

      <Card title={t('checkpoint.latest')} data-testid="checkpoint-latest">
        {checkpoints.isPending ? (
          <Skeleton active />
        ) : !latest ? (
          <Empty description={t('checkpoint.none')} />
        ) : (
          <Space direction="vertical" size={12} style={{ width: '100%' }}>
            <div data-testid="checkpoint-signature">{signatureAlert}</div>
            <Descriptions column={1} size="small" bordered>
              <Descriptions.Item label={t('checkpoint.size')}>{latest.size}</Descriptions.Item>
              <Descriptions.Item label={t('checkpoint.root')}>
                <Typography.Text copyable={{ text: latest.root }}>
                  <Mono>{latest.root}</Mono>
                </Typography.Text>
              </Descriptions.Item>
              <Descriptions.Item label={t('checkpoint.at')}>
                {formatTime(latest.at)}
              </Descriptions.Item>
              <Descriptions.Item label={t('checkpoint.algorithm')}>
                {latest.algorithm}
              </Descriptions.Item>
              <Descriptions.Item label={t('checkpoint.keyId')}>
                <Mono>{latest.keyId}</Mono>
              </Descriptions.Item>
              <Descriptions.Item label={t('checkpoint.signature')}>
                <Mono>{latest.signature}</Mono>
              </Descriptions.Item>
            </Descriptions>
            {key.data && (
              <Collapse
                size="small"
                items={[
                  {
                    key: 'key',
                    label: `${t('checkpoint.publicKey')} (${key.data.keyId})`,
                    children: (
                      <pre style={{ ...mono, margin: 0, whiteSpace: 'pre-wrap' }}>
                        {key.data.publicKeyPem}
                      </pre>
                    ),
                  },
                ]}
              />
            )}
          </Space>
        )}
      </Card>

      <Card title={t('checkpoint.checkTitle')}>
        <Typography.Paragraph type="secondary">{t('checkpoint.checkIntro')}</Typography.Paragraph>
        <Form<KeptValues>
          form={form}
          layout="vertical"
          onFinish={(values) => check.mutate({ size: values.size, root: values.root.trim() })}
        >
          <Form.Item
            name="size"
            label={t('checkpoint.oldSize')}
            rules={[{ required: true, message: t('common.required') }]}
          >
            <InputNumber
              min={1}
              precision={0}
              style={{ width: '100%' }}
              inputMode="numeric"
              data-testid="kept-size"
            />
          </Form.Item>
          <Form.Item
            name="root"
            label={t('checkpoint.oldRoot')}
            rules={[
              { required: true, message: t('common.required') },
              { pattern: HEX_ROOT, message: t('checkpoint.rootFormat') },
            ]}
          >
            <Input.TextArea
              autoSize={{ minRows: 2 }}
              style={mono}
              spellCheck={false}
              data-testid="kept-root"
            />
          </Form.Item>
          <Button
            type="primary"
            htmlType="submit"
            loading={check.isPending}
            disabled={!latest}
            block
            data-testid="kept-check"
          >
            {t('checkpoint.check')}
          </Button>
        </Form>
        {result && (
          <div style={{ marginTop: 16 }} data-testid="kept-result">
            {resultAlert(result)}
          </div>
        )}
      </Card>

      {older.length > 0 && (
        <Card title={t('checkpoint.history')}>
          <List
            dataSource={older}
            renderItem={(c) => (
              <List.Item
                actions={[
                  <Button
                    key="use"
                    type="link"
                    size="small"
                    onClick={() => {
                      form.setFieldsValue({ size: c.size, root: c.root });
                      setResult(null);
                    }}
                  >
                    {t('checkpoint.useThis')}
                  </Button>,
                ]}
              >
                <List.Item.Meta
                  title={`${formatTime(c.at)} · ${t('common.labelValue', { label: t('checkpoint.size'), value: c.size })}`}
                  description={<Mono>{c.root}</Mono>}
                />
              </List.Item>
            )}
          />
        </Card>
      )}
    </Space>
  );
}
