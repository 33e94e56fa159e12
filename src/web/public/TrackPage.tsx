import { CheckOutlined, ClockCircleOutlined, StarFilled, StarOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Skeleton, theme } from 'antd';
import { useId, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import type { CaseStatus } from '../../shared/case-machine.js';
import { ApiError } from '../api/client.js';
import { errorText } from '../api/errors.js';
import { formatTime } from '../format.js';
import { currentLocale } from '../i18n/index.js';
import {
  caseKeys,
  casesApi,
  categoryName,
  myCases,
  parseCaseCode,
  trackPathOf,
  type PublicCaseView,
} from './cases.api.js';
import { Field, fieldErrors, useFormKit } from './ReportPage.js';
import { Tag } from './entryCards.js';
import { Heading, Muted, Panel, mono } from './ui.js';

/** The steps a resident sees, in order; every status sits on one of them. */
const STEPS = ['received', 'dispatched', 'signed', 'in_progress', 'replied', 'closed'] as const;
const STEP_OF: Record<CaseStatus, number> = {
  received: 0,
  returned: 0,
  reopened: 0,
  dispatched: 1,
  signed: 2,
  in_progress: 3,
  replied: 4,
  verified: 4,
  closed: 5,
};

/** Timeline actions with a label of their own; others are named by the status they lead to. */
const ACTIONS = [
  'receive',
  'dispatch',
  'sign',
  'start',
  'return',
  'grantExtension',
  'reply',
  'verify',
  'close',
  'reopen',
  'escalate',
  'rate',
] as const;
type Action = (typeof ACTIONS)[number];
const isAction = (action: string): action is Action =>
  (ACTIONS as readonly string[]).includes(action);

const SCORES = [1, 2, 3, 4, 5] as const;

const minutes = (iso: string | null) => formatTime(iso).slice(0, 16);

/** Look up a code (or paste a link); goes to its track page. */
function Lookup({ initial = '', autoFocus }: { initial?: string; autoFocus?: boolean }) {
  const { t } = useTranslation();
  const { control, button } = useFormKit();
  const navigate = useNavigate();
  const id = useId();
  const [value, setValue] = useState(initial);
  const [error, setError] = useState<string>();

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const parsed = parseCaseCode(value);
    if (!parsed) {
      setError(t('report.track.badCode'));
      return;
    }
    setError(undefined);
    void navigate(trackPathOf(parsed.code, parsed.token));
  };

  return (
    <form onSubmit={submit} noValidate>
      <Field
        name="lookup"
        label={t('report.track.lookupLabel')}
        htmlFor={id}
        hint={t('report.track.lookupHint')}
        error={error}
      >
        <div style={{ display: 'flex', gap: 8 }}>
          <input
            id={id}
            value={value}
            autoFocus={autoFocus}
            autoCapitalize="characters"
            autoComplete="off"
            spellCheck={false}
            enterKeyHint="search"
            placeholder={t('report.track.lookupPlaceholder')}
            data-testid="track-lookup-input"
            onChange={(event) => {
              setValue(event.target.value);
              setError(undefined);
            }}
            style={{ ...control(Boolean(error)), flex: 1, minWidth: 0 }}
          />
          <button
            type="submit"
            data-testid="track-lookup-submit"
            style={{ ...button('primary'), width: 'auto', flex: 'none' }}
          >
            {t('report.track.lookup')}
          </button>
        </div>
      </Field>
    </form>
  );
}

/** Cases filed from this phone, newest first, with their full links. */
function MyCases({ except }: { except?: string }) {
  const { t } = useTranslation();
  const { token } = theme.useToken();
  const [mine] = useState(myCases);
  const shown = mine.filter((c) => c.code !== except);
  if (shown.length === 0) return null;
  return (
    <Panel title={t('report.track.mine')} testId="track-mine">
      <div style={{ display: 'flex', flexDirection: 'column' }}>
        {shown.map((item, index) => (
          <Link
            key={item.code}
            to={trackPathOf(item.code, item.token)}
            style={{
              display: 'flex',
              alignItems: 'center',
              justifyContent: 'space-between',
              gap: 8,
              minHeight: 48,
              borderTop: index === 0 ? undefined : `1px solid ${token.colorBorderSecondary}`,
            }}
          >
            <span style={{ ...mono, fontSize: 17, fontWeight: 600 }}>{item.code}</span>
            <span style={{ color: token.colorTextSecondary }}>{minutes(item.at)}</span>
          </Link>
        ))}
      </div>
      <Muted style={{ margin: '8px 0 0', fontSize: 13 }}>{t('report.track.mineHint')}</Muted>
    </Panel>
  );
}

/** 已受理 → 已派单 → 已签收 → 办理中 → 已回复 → 已办结, the current step marked. */
function StepBar({ status }: { status: CaseStatus }) {
  const { t, i18n } = useTranslation();
  // Six steps share a phone's width: Chinese labels are three characters, English ones longer.
  const labelSize = i18n.language === 'zh-CN' ? 13 : 11;
  const { token, tint } = useFormKit();
  const current = STEP_OF[status];
  const finished = status === 'closed';
  return (
    <ol
      aria-label={t('report.track.progress')}
      style={{ display: 'flex', listStyle: 'none', margin: '16px 0 0', padding: 0 }}
    >
      {STEPS.map((step, index) => {
        const done = index < current || (finished && index === current);
        const active = index === current && !finished;
        const lit = done || active;
        return (
          <li
            key={step}
            aria-current={index === current ? 'step' : undefined}
            style={{ flex: 1, minWidth: 0, position: 'relative', textAlign: 'center' }}
          >
            {index > 0 && (
              <span
                aria-hidden
                style={{
                  position: 'absolute',
                  top: 13,
                  right: '50%',
                  width: '100%',
                  height: 3,
                  background: index <= current ? token.colorPrimary : token.colorBorderSecondary,
                }}
              />
            )}
            <span
              style={{
                position: 'relative',
                display: 'inline-flex',
                alignItems: 'center',
                justifyContent: 'center',
                width: 28,
                height: 28,
                borderRadius: '50%',
                fontSize: 14,
                fontWeight: 600,
                boxSizing: 'border-box',
                border: `2px solid ${lit ? token.colorPrimary : token.colorBorder}`,
                background: done ? token.colorPrimary : token.colorBgContainer,
                color: done ? '#fff' : lit ? token.colorPrimary : token.colorTextQuaternary,
                boxShadow: active ? `0 0 0 4px ${tint}` : undefined,
              }}
            >
              {done ? <CheckOutlined /> : index + 1}
            </span>
            <span
              style={{
                display: 'block',
                marginTop: 4,
                padding: '0 1px',
                fontSize: labelSize,
                lineHeight: 1.3,
                overflowWrap: 'anywhere',
                fontWeight: active ? 600 : 400,
                color: lit ? token.colorText : token.colorTextTertiary,
              }}
            >
              {t(`report.track.statuses.${step}`)}
            </span>
          </li>
        );
      })}
    </ol>
  );
}

function Row({ label, children, first }: { label: string; children: ReactNode; first?: boolean }) {
  const { token } = theme.useToken();
  return (
    <div
      style={{
        display: 'flex',
        gap: 12,
        padding: '8px 0',
        borderTop: first ? undefined : `1px solid ${token.colorBorderSecondary}`,
        fontSize: 16,
      }}
    >
      <dt style={{ flex: 'none', width: '6.5em', color: token.colorTextSecondary }}>{label}</dt>
      <dd style={{ margin: 0, flex: 1, minWidth: 0, wordBreak: 'break-word' }}>{children}</dd>
    </div>
  );
}

function Stars({ score, size = 20 }: { score: number; size?: number }) {
  return (
    <span aria-hidden style={{ color: '#fadb14', fontSize: size, letterSpacing: 2 }}>
      {SCORES.map((n) => (n <= score ? <StarFilled key={n} /> : <StarOutlined key={n} />))}
    </span>
  );
}

/** The resident rates the result, 1–5 stars, with an optional comment. */
function RateForm({
  code,
  secret,
  onDone,
}: {
  code: string;
  secret: string;
  onDone: (view: PublicCaseView) => void;
}) {
  const { t } = useTranslation();
  const { token, control, button } = useFormKit();
  const id = useId();
  const [score, setScore] = useState(0);
  const [comment, setComment] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [general, setGeneral] = useState<string | null>(null);
  const rate = useMutation({
    mutationFn: () =>
      casesApi.rate(code, { token: secret, score, comment: comment.trim() || undefined }),
    meta: { silent: true },
    onSuccess: onDone,
    onError: (error) => {
      const found = fieldErrors(error);
      setErrors(found);
      setGeneral(
        found.score || found.comment
          ? null
          : t('report.track.failed', { message: errorText(error) }),
      );
    },
  });

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (score < 1) {
      setErrors({ score: t('report.track.rating.pick') });
      return;
    }
    setErrors({});
    setGeneral(null);
    rate.mutate();
  };

  return (
    <Panel title={t('report.track.rating.title')} testId="track-rate">
      <form onSubmit={submit} noValidate>
        <Field name="score" error={errors.score}>
          <div
            role="radiogroup"
            aria-label={t('report.track.rating.title')}
            style={{ display: 'flex', justifyContent: 'center', gap: 4 }}
          >
            {SCORES.map((n) => (
              <button
                key={n}
                type="button"
                role="radio"
                aria-checked={score === n}
                aria-label={`${t('report.track.rating.star', { n })} ${t(`report.track.rating.scores.${n}`)}`}
                data-testid={`track-rate-${n}`}
                onClick={() => {
                  setScore(n);
                  setErrors({});
                }}
                style={{
                  width: 52,
                  height: 52,
                  padding: 0,
                  border: 'none',
                  background: 'none',
                  fontSize: 36,
                  lineHeight: 1,
                  color: n <= score ? '#fadb14' : token.colorBorder,
                  cursor: 'pointer',
                }}
              >
                {n <= score ? <StarFilled /> : <StarOutlined />}
              </button>
            ))}
          </div>
          <div
            aria-live="polite"
            style={{ textAlign: 'center', minHeight: 24, fontSize: 16, fontWeight: 500 }}
          >
            {score > 0 && t(`report.track.rating.scores.${score as 1 | 2 | 3 | 4 | 5}`)}
          </div>
        </Field>
        <Field
          name="comment"
          label={t('report.track.rating.comment')}
          htmlFor={id}
          error={errors.comment}
        >
          <textarea
            id={id}
            rows={3}
            maxLength={500}
            value={comment}
            placeholder={t('report.track.rating.commentPlaceholder')}
            data-testid="track-rate-comment"
            onChange={(event) => setComment(event.target.value)}
            style={{ ...control(Boolean(errors.comment)), resize: 'vertical' }}
          />
        </Field>
        {general && (
          <div role="alert" style={{ marginBottom: 12, fontSize: 15, color: token.colorError }}>
            {general}
          </div>
        )}
        <button
          type="submit"
          disabled={rate.isPending}
          data-testid="track-rate-submit"
          style={button('primary', rate.isPending)}
        >
          {t('report.track.rating.submit')}
        </button>
      </form>
    </Panel>
  );
}

/** 对结果不满意，申请重办: the case reopens and goes one level up. */
function DisputeForm({
  code,
  secret,
  onDone,
}: {
  code: string;
  secret: string;
  onDone: (view: PublicCaseView) => void;
}) {
  const { t } = useTranslation();
  const { token, control, button } = useFormKit();
  const id = useId();
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [general, setGeneral] = useState<string | null>(null);
  const dispute = useMutation({
    mutationFn: () => casesApi.dispute(code, { token: secret, reason: reason.trim() }),
    meta: { silent: true },
    onSuccess: onDone,
    onError: (error) => {
      const found = fieldErrors(error);
      setErrors(found);
      setGeneral(found.reason ? null : t('report.track.failed', { message: errorText(error) }));
    },
  });

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (reason.trim().length < 5) {
      setErrors({ reason: t('report.track.dispute.tooShort') });
      return;
    }
    setErrors({});
    setGeneral(null);
    dispute.mutate();
  };

  return (
    <Panel title={t('report.track.dispute.title')} testId="track-dispute">
      <Muted style={{ fontSize: 15 }}>{t('report.track.dispute.explain')}</Muted>
      <form onSubmit={submit} noValidate>
        <Field
          name="reason"
          label={t('report.track.dispute.reason')}
          htmlFor={id}
          error={errors.reason}
        >
          <textarea
            id={id}
            rows={3}
            maxLength={1000}
            value={reason}
            placeholder={t('report.track.dispute.placeholder')}
            data-testid="track-dispute-reason"
            aria-invalid={Boolean(errors.reason)}
            onChange={(event) => {
              setReason(event.target.value);
              setErrors({});
            }}
            style={{ ...control(Boolean(errors.reason)), resize: 'vertical' }}
          />
        </Field>
        {general && (
          <div role="alert" style={{ marginBottom: 12, fontSize: 15, color: token.colorError }}>
            {general}
          </div>
        )}
        <button
          type="submit"
          disabled={dispute.isPending}
          data-testid="track-dispute-submit"
          style={button('default', dispute.isPending)}
        >
          {t('report.track.dispute.submit')}
        </button>
      </form>
    </Panel>
  );
}

/** The public steps, newest first: time, what was done, by which unit. */
function Timeline({ items }: { items: PublicCaseView['timeline'] }) {
  const { t } = useTranslation();
  const { token } = theme.useToken();
  const actorOf = (actor: string) =>
    actor === '—'
      ? t('report.track.actorResident')
      : actor === 'system'
        ? t('report.track.actorSystem')
        : actor;
  const newest = [...items].reverse();
  return (
    <Panel title={t('report.track.timeline')} testId="track-timeline">
      {newest.length === 0 ? (
        <Muted style={{ margin: 0 }}>{t('report.track.timelineEmpty')}</Muted>
      ) : (
        <ol style={{ listStyle: 'none', margin: 0, padding: 0 }}>
          {newest.map((item, index) => (
            <li
              key={`${item.at}-${index}`}
              data-testid="track-timeline-item"
              style={{ position: 'relative', paddingLeft: 22, paddingBottom: 14 }}
            >
              <span
                aria-hidden
                style={{
                  position: 'absolute',
                  left: 4,
                  top: 7,
                  width: 10,
                  height: 10,
                  borderRadius: '50%',
                  background: index === 0 ? token.colorPrimary : token.colorBorder,
                }}
              />
              {index < newest.length - 1 && (
                <span
                  aria-hidden
                  style={{
                    position: 'absolute',
                    left: 8,
                    top: 19,
                    bottom: 0,
                    width: 2,
                    background: token.colorBorderSecondary,
                  }}
                />
              )}
              <div style={{ fontSize: 13, color: token.colorTextSecondary }}>
                {minutes(item.at)}
              </div>
              <div style={{ fontSize: 16, fontWeight: index === 0 ? 600 : 500 }}>
                {isAction(item.action)
                  ? t(`report.track.actions.${item.action}`)
                  : t(`report.track.statuses.${item.toStatus}`)}
                {item.actor && (
                  <span style={{ fontWeight: 400, color: token.colorTextSecondary }}>
                    {' · '}
                    {actorOf(item.actor)}
                  </span>
                )}
              </div>
              {item.note && (
                <div
                  style={{
                    marginTop: 2,
                    fontSize: 15,
                    lineHeight: 1.6,
                    whiteSpace: 'pre-wrap',
                    wordBreak: 'break-word',
                  }}
                >
                  {item.note}
                </div>
              )}
            </li>
          ))}
        </ol>
      )}
    </Panel>
  );
}

/** One case: where it stands, what was done, and (with the link's secret) rate or dispute. */
function CaseView({ code, secret }: { code: string; secret: string }) {
  const { t } = useTranslation();
  const { token } = theme.useToken();
  const queryClient = useQueryClient();
  const [notice, setNotice] = useState<'rated' | 'disputed' | null>(null);
  const view = useQuery({
    queryKey: caseKeys.view(code, secret),
    queryFn: () => casesApi.view(code, secret || undefined),
    meta: { silent: true },
  });
  const [saved] = useState(() => myCases().find((c) => c.code === code));

  if (view.isPending) {
    return (
      <Panel>
        <Skeleton active />
      </Panel>
    );
  }
  if (view.isError) {
    const missing =
      view.error instanceof ApiError && ['NOT_FOUND', 'VALIDATION'].includes(view.error.code);
    return (
      <Panel testId="track-error">
        <p role="alert" style={{ margin: 0, fontSize: 16, color: token.colorError }}>
          {missing
            ? t('report.track.notFound')
            : t('report.track.loadFailed', { message: errorText(view.error) })}
        </p>
      </Panel>
    );
  }

  const data = view.data;
  const locale = currentLocale();
  const done = (next: PublicCaseView, kind: 'rated' | 'disputed') => {
    queryClient.setQueryData(caseKeys.view(code, secret), next);
    setNotice(kind);
  };
  const escalatedTo = data.escalation >= 2 ? 'county' : data.escalation === 1 ? 'town' : null;

  return (
    <>
      <Panel>
        <div style={{ color: token.colorTextSecondary }}>
          {t('report.track.code')}{' '}
          <span style={{ ...mono, fontSize: 15, color: token.colorText }}>{data.code}</span>
        </div>
        <div
          data-testid="track-status"
          data-status={data.status}
          style={{ fontSize: 30, fontWeight: 700, color: token.colorPrimary, margin: '4px 0' }}
        >
          {t(`report.track.statuses.${data.status}`)}
        </div>
        <div style={{ fontSize: 16 }}>{t(`report.track.statusHints.${data.status}`)}</div>
        {(data.overdue || escalatedTo) && (
          <div style={{ display: 'flex', flexWrap: 'wrap', gap: 6, marginTop: 8 }}>
            {data.overdue && <Tag tone="red">{t('report.track.overdue')}</Tag>}
            {escalatedTo && <Tag tone="gold">{t('report.track.escalated')}</Tag>}
          </div>
        )}
        <StepBar status={data.status} />
      </Panel>

      {notice && (
        <div
          role="status"
          data-testid="track-notice"
          style={{
            padding: '12px 14px',
            fontSize: 16,
            borderRadius: token.borderRadiusLG,
            border: `1px solid ${token.colorSuccessBorder}`,
            background: token.colorSuccessBg,
          }}
        >
          {notice === 'rated' ? t('report.track.rating.thanks') : t('report.track.dispute.done')}
        </div>
      )}

      <Panel>
        <dl style={{ margin: 0 }}>
          <Row first label={t('report.track.createdAt')}>
            {minutes(data.createdAt)}
          </Row>
          <Row label={t('report.track.village')}>{data.regionName}</Row>
          <Row label={t('report.track.type')}>{t(`report.types.${data.type}.title`)}</Row>
          <Row label={t('report.track.category')}>{categoryName(locale, data.category)}</Row>
          <Row label={t('report.track.unit')}>
            {data.unitName ?? (
              <span style={{ color: token.colorTextSecondary }}>
                {t('report.track.unitPending')}
              </span>
            )}
          </Row>
          {data.handleDueAt && (
            <Row label={t('report.track.due')}>
              <span style={{ color: data.overdue ? token.colorError : undefined }}>
                <ClockCircleOutlined /> {minutes(data.handleDueAt)}
                {data.overdue && ` · ${t('report.track.overdue')}`}
              </span>
            </Row>
          )}
          {escalatedTo && (
            <Row label={t('report.track.escalated')}>
              {t(`report.track.escalatedTo.${escalatedTo}`)}
            </Row>
          )}
        </dl>
      </Panel>

      {data.reply && (
        <Panel title={t('report.track.reply')}>
          <div
            data-testid="track-reply"
            style={{
              fontSize: 16,
              lineHeight: 1.75,
              whiteSpace: 'pre-wrap',
              wordBreak: 'break-word',
            }}
          >
            {data.reply}
          </div>
        </Panel>
      )}

      {data.rating !== null && (
        <Panel>
          <div style={{ display: 'flex', alignItems: 'center', gap: 12, fontSize: 16 }}>
            <span style={{ color: token.colorTextSecondary }}>
              {t('report.track.rating.yours')}
            </span>
            <Stars score={data.rating} />
            <span>
              {data.rating >= 1 &&
                data.rating <= 5 &&
                t(`report.track.rating.scores.${data.rating as 1 | 2 | 3 | 4 | 5}`)}
            </span>
          </div>
        </Panel>
      )}

      {secret && data.canRate && (
        <RateForm code={code} secret={secret} onDone={(next) => done(next, 'rated')} />
      )}
      {secret && data.canDispute && (
        <DisputeForm code={code} secret={secret} onDone={(next) => done(next, 'disputed')} />
      )}
      {(!secret || data.tokenValid === false) && (
        <Panel style={{ background: token.colorInfoBg, borderColor: token.colorInfoBorder }}>
          <p style={{ margin: 0, fontSize: 15, lineHeight: 1.7 }} data-testid="track-no-token">
            {t(data.tokenValid === false ? 'report.track.badToken' : 'report.track.noToken')}
          </p>
          {saved && (
            <Link
              to={trackPathOf(saved.code, saved.token)}
              style={{ display: 'inline-block', marginTop: 8, fontSize: 16 }}
            >
              {t('report.track.mine')} · {saved.code}
            </Link>
          )}
        </Panel>
      )}

      <Timeline items={data.timeline} />
    </>
  );
}

/**
 * /public/track/:code?k=<secret>: how a resident's case stands. /public/track: look one up.
 * No login; the secret from the filing link lets its holder rate and dispute.
 */
export default function TrackPage() {
  const { t } = useTranslation();
  const { code: raw } = useParams();
  const [params] = useSearchParams();
  const secret = params.get('k') ?? '';
  const parsed = raw ? parseCaseCode(raw) : null;

  if (!raw) {
    return (
      <div style={{ display: 'flex', flexDirection: 'column', gap: 12 }}>
        <Heading>{t('report.track.title')}</Heading>
        <Panel>
          <Lookup autoFocus />
        </Panel>
        <MyCases />
      </div>
    );
  }

  return (
    <div style={{ display: 'flex', flexDirection: 'column', gap: 12 }}>
      <Heading>{t('report.track.title')}</Heading>
      {parsed ? (
        <CaseView key={`${parsed.code}-${secret}`} code={parsed.code} secret={secret} />
      ) : (
        <Panel testId="track-error">
          <p role="alert" style={{ margin: 0, fontSize: 16 }}>
            {t('report.track.badCode')}
          </p>
        </Panel>
      )}
      <Panel title={t('report.track.another')}>
        <Lookup key={raw} />
      </Panel>
      <MyCases except={parsed?.code} />
    </div>
  );
}
