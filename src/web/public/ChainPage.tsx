import { useQuery } from '@tanstack/react-query';
import { Empty, Skeleton, theme } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ApiError } from '../api/client.js';
import { errorText } from '../api/errors.js';
import { formatTime } from '../format.js';
import { auditActionLabel } from '../i18n/labels.js';
import { checkChainPlace, type ChainChecks } from './chain.js';
import { entriesApi, entryKeys } from './entries.api.js';
import { publicApi } from './public.api.js';
import { Heading, mono, Muted, Panel, Text } from './ui.js';
import { Crumbs } from './entryCards.js';

type Mark = 'ok' | 'bad' | 'info' | 'checking';

/** One check: ✓ / ✗ or a neutral note, always present under its test id. */
function Check({ testId, mark, children }: { testId: string; mark: Mark; children: ReactNode }) {
  const { token } = theme.useToken();
  const palette = {
    ok: { color: '#237804', background: '#f6ffed', border: '#b7eb8f' },
    bad: { color: '#a8071a', background: '#fff1f0', border: '#ffa39e' },
    info: { color: token.colorTextSecondary, background: '#fafafa', border: '#d9d9d9' },
    checking: { color: token.colorTextSecondary, background: '#fafafa', border: '#d9d9d9' },
  }[mark];
  return (
    <div
      data-testid={testId}
      data-state={mark}
      role={mark === 'bad' ? 'alert' : undefined}
      style={{
        padding: '10px 12px',
        borderRadius: token.borderRadiusLG,
        border: `1px solid ${palette.border}`,
        background: palette.background,
        color: palette.color,
        lineHeight: 1.7,
      }}
    >
      {children}
    </div>
  );
}

function Field({ label, children }: { label: string; children: ReactNode }) {
  const { token } = theme.useToken();
  return (
    <div style={{ padding: '6px 0', borderTop: `1px solid ${token.colorBorderSecondary}` }}>
      <div style={{ color: token.colorTextSecondary, fontSize: 12 }}>{label}</div>
      <div style={{ wordBreak: 'break-all' }}>{children}</div>
    </div>
  );
}

const VERIFY_COMMAND = 'qingfeng verify';

/**
 * Where one publication sits in the audit chain, checked in the visitor's own browser: the
 * event's hash, the snapshot in it, its inclusion in the latest signed checkpoint and that
 * checkpoint's signature.
 */
export default function ChainPage() {
  const { t } = useTranslation();
  const { id = '', disclosureId = '' } = useParams();
  const place = useQuery({
    queryKey: entryKeys.chain(disclosureId),
    queryFn: () => entriesApi.chain(disclosureId),
    meta: { silent: true },
  });
  const entry = useQuery({
    queryKey: entryKeys.entry(id),
    queryFn: () => entriesApi.entry(id),
    meta: { silent: true },
  });
  const key = useQuery({
    queryKey: ['public', 'instance-key'],
    queryFn: publicApi.instanceKey,
    meta: { silent: true },
  });
  const ready = place.isSuccess && entry.isSuccess && !key.isPending;
  const checks = useQuery({
    queryKey: [
      'public',
      'chain-checks',
      disclosureId,
      place.dataUpdatedAt,
      entry.dataUpdatedAt,
      key.dataUpdatedAt,
    ],
    queryFn: () => checkChainPlace(place.data!, entry.data!, disclosureId, key.data),
    enabled: ready,
    staleTime: Infinity,
    retry: false,
    meta: { silent: true },
  });

  const backPath = `/public/entries/${encodeURIComponent(id)}`;
  const crumbs = (
    <Crumbs
      items={[
        ...(entry.data
          ? [
              { label: entry.data.regionName, to: `/public/villages/${entry.data.regionCode}` },
              { label: entry.data.title, to: backPath },
            ]
          : [{ label: t('publicEntry.chain.back'), to: backPath }]),
        { label: t('publicEntry.chain.title') },
      ]}
    />
  );

  if (place.isPending || entry.isPending) {
    return (
      <Panel>
        <Skeleton active />
      </Panel>
    );
  }
  const failed = place.error ?? entry.error;
  if (failed) {
    const notFound =
      failed instanceof ApiError && ['NOT_FOUND', 'VALIDATION'].includes(failed.code);
    return (
      <Panel>
        <Empty description={notFound ? t('publicEntry.entry.notFound') : errorText(failed)}>
          <Link to={backPath}>{t('publicEntry.chain.back')}</Link>
        </Empty>
      </Panel>
    );
  }

  const { event, checkpoint, algorithm } = place.data!;

  return (
    <div style={{ display: 'flex', flexDirection: 'column', gap: 12 }}>
      {crumbs}
      <Panel>
        <Heading>{t('publicEntry.chain.title')}</Heading>
        <Text>{t('publicEntry.chain.what1', { seq: event.seq })}</Text>
        <Text>{t('publicEntry.chain.what2')}</Text>
      </Panel>

      <Panel title={t('publicEntry.chain.checks')} testId="chain-checks">
        <div style={{ display: 'flex', flexDirection: 'column', gap: 8 }}>
          <ChecksView checks={checks.data} error={checks.error} place={place.data!} />
        </div>
      </Panel>

      <Panel title={t('publicEntry.chain.event')} testId="chain-event">
        <Field label={t('publicEntry.chain.seq')}>
          <span data-testid="chain-seq">#{event.seq}</span>
        </Field>
        <Field label={t('publicEntry.chain.at')}>{formatTime(event.at)}</Field>
        <Field label={t('publicEntry.chain.action')}>
          {event.action === 'disclosure.create'
            ? t('publicEntry.chain.actionPublish')
            : auditActionLabel(t, event.action)}
        </Field>
        <Field label={t('publicEntry.chain.actor')}>{event.actorName}</Field>
        <Field label={t('publicEntry.chain.hash')}>
          <span style={mono} data-testid="chain-event-hash">
            {event.hash}
          </span>
        </Field>
        <Field label={t('publicEntry.chain.prevHash')}>
          <span style={mono}>{event.prevHash}</span>
        </Field>
        <Field label={t('publicEntry.chain.algorithm')}>{algorithm}</Field>
        <details style={{ marginTop: 8 }}>
          <summary style={{ cursor: 'pointer' }}>{t('publicEntry.chain.raw')}</summary>
          <pre style={{ ...mono, whiteSpace: 'pre-wrap', margin: '8px 0 0' }}>{event.data}</pre>
        </details>
      </Panel>

      <Panel title={t('publicEntry.chain.checkpoint')} testId="chain-checkpoint">
        {checkpoint ? (
          <>
            <Field label={t('publicEntry.chain.checkpointSize')}>{checkpoint.size}</Field>
            <Field label={t('publicEntry.chain.checkpointRoot')}>
              <span style={mono}>{checkpoint.root}</span>
            </Field>
            <Field label={t('publicEntry.chain.checkpointAt')}>{formatTime(checkpoint.at)}</Field>
            <Field label={t('publicEntry.chain.keyId')}>
              <span style={mono}>{checkpoint.keyId}</span>
            </Field>
          </>
        ) : (
          <Muted style={{ margin: 0 }}>{t('publicEntry.chain.noCheckpoint')}</Muted>
        )}
        <div style={{ marginTop: 8 }}>
          <Link to="/public/checkpoints">{t('publicEntry.chain.checkpointsLink')}</Link>
        </div>
      </Panel>
    </div>
  );
}

function ChecksView({
  checks,
  error,
  place,
}: {
  checks: ChainChecks | undefined;
  error: unknown;
  place: { seq: number; checkpoint: { size: number; at: string } | null };
}) {
  const { t } = useTranslation();
  if (error) {
    return (
      <Check testId="chain-error" mark="bad">
        {t('publicEntry.chain.failed', { message: errorText(error) })}
      </Check>
    );
  }
  if (!checks) {
    return (
      <>
        {['chain-event-ok', 'chain-snapshot-ok', 'chain-inclusion-ok', 'chain-signature-ok'].map(
          (testId) => (
            <Check key={testId} testId={testId} mark="checking">
              {t('publicEntry.chain.checking')}
            </Check>
          ),
        )}
      </>
    );
  }

  const r = (mark: Mark, text: string): [Mark, string] => [mark, text];
  const noCrypto = t('publicEntry.chain.noWebCrypto');
  const sm3Note = t('publicEntry.chain.sm3', { command: VERIFY_COMMAND });

  const event: [Mark, string] = {
    ok: r('ok', t('publicEntry.chain.eventOk')),
    bad: r('bad', t('publicEntry.chain.eventBad')),
    unsupported: r('info', sm3Note),
    noCrypto: r('info', noCrypto),
  }[checks.event];

  const s = checks.snapshot;
  const snapshot: [Mark, string] = s.ok
    ? [
        'ok',
        s.rebuilt
          ? t('publicEntry.chain.snapshotRebuilt', { version: s.version })
          : t('publicEntry.chain.snapshotOk', { version: s.version }),
      ]
    : [
        'bad',
        s.found ? t('publicEntry.chain.snapshotBad') : t('publicEntry.chain.snapshotMissing'),
      ];

  const checkpoint = place.checkpoint;
  const inclusion: [Mark, string] = {
    ok: r(
      'ok',
      t('publicEntry.chain.inclusionOk', {
        seq: place.seq,
        size: checkpoint?.size ?? 0,
        at: formatTime(checkpoint?.at),
      }),
    ),
    bad: r('bad', t('publicEntry.chain.inclusionBad')),
    unsupported: r('info', sm3Note),
    noCrypto: r('info', noCrypto),
    pending: r('info', t('publicEntry.chain.pending')),
  }[checks.inclusion];

  const signature: [Mark, string] = {
    ok: r('ok', t('publicEntry.chain.signatureOk')),
    bad: r('bad', t('publicEntry.chain.signatureBad')),
    keyMismatch: r('bad', t('publicEntry.chain.keyMismatch')),
    noKey: r('info', t('publicEntry.chain.noKey')),
    unsupported: r('info', t('publicEntry.chain.signatureUnsupported')),
    noCrypto: r('info', noCrypto),
    pending: r('info', t('publicEntry.chain.pending')),
  }[checks.signature];

  const rows: [string, [Mark, string]][] = [
    ['chain-event-ok', event],
    ['chain-snapshot-ok', snapshot],
    ['chain-inclusion-ok', inclusion],
    ['chain-signature-ok', signature],
  ];
  return (
    <>
      {rows.map(([testId, [mark, text]]) => (
        <Check key={testId} testId={testId} mark={mark}>
          {text}
        </Check>
      ))}
    </>
  );
}
