import type { FormInstance } from 'antd';
import i18n from '../i18n/index.js';
import { formatTime } from '../format.js';
import { ApiError } from './client.js';

/** Where error messages go: antd's message API from the App context, set once at start-up. */
interface Notifier {
  error(content: string): unknown;
}

let notifier: Notifier | null = null;

export function setNotifier(next: Notifier | null): void {
  notifier = next;
}

/** An antd form that receives field errors. */
export type FieldSink = Pick<FormInstance, 'setFields'>;

/** `grants.0.regionCode` → `['grants', 0, 'regionCode']`, the antd form name path. */
export function fieldPath(field: string): (string | number)[] {
  return field.split('.').map((part) => (/^\d+$/.test(part) ? Number(part) : part));
}

/** The text to show for any error, in the current language. */
export function errorText(error: unknown): string {
  if (!(error instanceof ApiError)) return i18n.t('error.unknown');
  if (error.code === 'NETWORK') return i18n.t('error.network');
  const parts = [error.message || i18n.t('error.unknown')];
  const attemptsLeft = error.details?.attemptsLeft;
  if (typeof attemptsLeft === 'number')
    parts.push(i18n.t('error.attemptsLeft', { n: attemptsLeft }));
  const lockedUntil = error.details?.lockedUntil;
  if (typeof lockedUntil === 'string') {
    parts.push(i18n.t('error.lockedUntil', { time: formatTime(lockedUntil) }));
  }
  return parts.join(i18n.language === 'zh-CN' ? '，' : '; ');
}

/**
 * The one place that shows API errors: field messages go onto the form's fields when a
 * form is given; everything else becomes a message at the top of the page.
 */
export function showError(error: unknown, form?: FieldSink): void {
  const fields = error instanceof ApiError ? error.fields.filter((f) => f.field !== '(body)') : [];
  let text = errorText(error);
  if (form && fields.length > 0) {
    form.setFields(fields.map((f) => ({ name: fieldPath(f.field), errors: [f.message] })));
  } else if (fields.length > 0) {
    text = [text, ...fields.map((f) => f.message)].join(' · ');
  }
  if (notifier) notifier.error(text);
  else console.error(text);
}

/** True when the error means the session is gone and the user must log in again. */
export function isSessionLost(error: unknown): boolean {
  return (
    error instanceof ApiError &&
    (error.code === 'UNAUTHENTICATED' || error.code === 'SESSION_EXPIRED')
  );
}
