import { useMutation, useQuery } from '@tanstack/react-query';
import {
  Alert,
  Button,
  Collapse,
  Descriptions,
  Empty,
  Form,
  Grid,
  Input,
  InputNumber,
  Skeleton,
} from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CheckpointDto } from '../../shared/schemas/audit.js';
import { errorText } from '../api/errors.js';
import { formatTime } from '../format.js';
import { publicApi, type InstanceKeyDto } from './public.api.js';
import { Heading, mono, Muted, Panel, Text } from './ui.js';
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

export default function CheckpointsPage() {
  const { t } = useTranslation();
  const [form] = Form.useForm<KeptValues>();
  const [result, setResult] = useState<CheckResult | null>(null);
  const screens = Grid.useBreakpoint();
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
    ok: <Alert type="success" message={`✓ ${t('checkpoint.signatureOk')}`} />,
    bad: <Alert type="error" message={`✗ ${t('checkpoint.signatureBad')}`} />,
    keyMismatch: <Alert type="error" message={`✗ ${t('checkpoint.keyMismatch')}`} />,
    noCrypto: <Alert type="warning" showIcon message={t('checkpoint.noWebCrypto')} />,
  }[signature];

  const resultAlert = (r: CheckResult) => {
    switch (r.kind) {
      case 'consistent':
        return (
          <Alert
            type="success"
            message={`✓ ${t('checkpoint.consistent', { oldSize: r.oldSize, newSize: r.newSize })}`}
          />
        );
      case 'inconsistent':
        return <Alert type="error" message={`✗ ${t('checkpoint.inconsistent')}`} />;
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
    <div style={{ display: 'flex', flexDirection: 'column', gap: 12 }}>
      <Panel>
        <Heading>{t('checkpoint.title')}</Heading>
        <Heading level={3}>{t('checkpoint.whatTitle')}</Heading>
        <Text>{t('checkpoint.what1')}</Text>
        <Text>{t('checkpoint.what2')}</Text>
        <Heading level={3}>{t('checkpoint.howTitle')}</Heading>
        <Text>{t('checkpoint.how1')}</Text>
        <Text>{t('checkpoint.how2')}</Text>
      </Panel>

      <Panel title={t('checkpoint.latest')} testId="checkpoint-latest">
        {checkpoints.isPending ? (
          <Skeleton active />
        ) : checkpoints.isError ? (
          <Alert type="error" message={errorText(checkpoints.error)} />
        ) : !latest ? (
          <Empty description={t('checkpoint.none')} />
        ) : (
          <div style={{ display: 'flex', flexDirection: 'column', gap: 12 }}>
            <div data-testid="checkpoint-signature">{signatureAlert}</div>
            <Descriptions
              column={1}
              size="small"
              bordered
              layout={screens.sm ? 'horizontal' : 'vertical'}
            >
              <Descriptions.Item label={t('checkpoint.size')}>{latest.size}</Descriptions.Item>
              <Descriptions.Item label={t('checkpoint.root')}>
                <span style={mono} data-testid="checkpoint-root">
                  {latest.root}
                </span>
              </Descriptions.Item>
              <Descriptions.Item label={t('checkpoint.at')}>
                {formatTime(latest.at)}
              </Descriptions.Item>
              <Descriptions.Item label={t('checkpoint.algorithm')}>
                {latest.algorithm}
              </Descriptions.Item>
              <Descriptions.Item label={t('checkpoint.keyId')}>
                <span style={mono}>{latest.keyId}</span>
              </Descriptions.Item>
              <Descriptions.Item label={t('checkpoint.signature')}>
                <span style={mono}>{latest.signature}</span>
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
          </div>
        )}
      </Panel>

      <Panel title={t('checkpoint.checkTitle')}>
        <Muted>{t('checkpoint.checkIntro')}</Muted>
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
      </Panel>

      {older.length > 0 && (
        <Panel title={t('checkpoint.history')}>
          {older.map((c, index) => (
            <div
              key={c.size}
              style={{
                display: 'flex',
                gap: 8,
                alignItems: 'center',
                padding: '10px 0',
                borderTop: index === 0 ? undefined : '1px solid rgba(5, 5, 5, 0.06)',
              }}
            >
              <div style={{ flex: 1, minWidth: 0 }}>
                <div style={{ fontWeight: 600 }}>
                  {formatTime(c.at)}
                  {' · '}
                  {t('common.labelValue', { label: t('checkpoint.size'), value: c.size })}
                </div>
                <div style={{ ...mono, color: 'rgba(0, 0, 0, 0.45)' }}>{c.root}</div>
              </div>
              <Button
                type="link"
                size="small"
                data-testid={`checkpoint-use-${c.size}`}
                onClick={() => {
                  form.setFieldsValue({ size: c.size, root: c.root });
                  setResult(null);
                }}
              >
                {t('checkpoint.useThis')}
              </Button>
            </div>
          ))}
        </Panel>
      )}
    </div>
  );
}
