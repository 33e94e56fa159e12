import type { ErrorCode } from './errors.js';

/** Languages the platform speaks; zh-CN is the default and always complete. */
export const LOCALES = ['zh-CN', 'en-US'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'zh-CN';

/** Pick the caller's language from an explicit choice or an Accept-Language header. */
export function pickLocale(...candidates: (string | undefined | null)[]): Locale {
  for (const candidate of candidates) {
    if (!candidate) continue;
    const lower = candidate.toLowerCase();
    if (lower.startsWith('zh')) return 'zh-CN';
    if (lower.startsWith('en')) return 'en-US';
  }
  return DEFAULT_LOCALE;
}

/** The message of each error code, in each language. */
export const ERROR_MESSAGES: Record<Locale, Record<ErrorCode, string>> = {
  'zh-CN': {
    VALIDATION: '填写的内容有误，请检查标出的字段',
    BAD_REQUEST: '请求无效',
    UNAUTHENTICATED: '请先登录',
    INVALID_CREDENTIALS: '用户名或密码错误',
    TOTP_REQUIRED: '请输入动态验证码',
    SESSION_EXPIRED: '登录已过期，请重新登录',
    CSRF: '页面已过期，请刷新后重试',
    FORBIDDEN: '您没有权限进行此操作',
    READ_ONLY: '当前角色只能查看，不能修改',
    ACCOUNT_LOCKED: '登录失败次数过多，账号已锁定，请稍后再试',
    ACCOUNT_DISABLED: '账号已停用，请联系管理员',
    NOT_FOUND: '找不到该记录',
    CONFLICT: '该记录已存在或已被修改',
    PAYLOAD_TOO_LARGE: '文件太大',
    UNSUPPORTED_MEDIA_TYPE: '不支持的文件类型',
    WEAK_PASSWORD: '密码不符合要求',
    RATE_LIMITED: '操作太频繁，请稍后再试',
    INTERNAL: '系统出错了，请稍后再试',
  },
  'en-US': {
    VALIDATION: 'Some fields are not valid; please check the marked fields',
    BAD_REQUEST: 'The request is not valid',
    UNAUTHENTICATED: 'Please log in first',
    INVALID_CREDENTIALS: 'Wrong username or password',
    TOTP_REQUIRED: 'Enter the code from your authenticator app',
    SESSION_EXPIRED: 'Your session has expired; please log in again',
    CSRF: 'The page has expired; reload it and try again',
    FORBIDDEN: 'You are not allowed to do this',
    READ_ONLY: 'Your role can view but not change data',
    ACCOUNT_LOCKED: 'Too many failed logins; the account is locked for a while',
    ACCOUNT_DISABLED: 'This account is disabled; contact an administrator',
    NOT_FOUND: 'Not found',
    CONFLICT: 'It already exists or was changed meanwhile',
    PAYLOAD_TOO_LARGE: 'The file is too large',
    UNSUPPORTED_MEDIA_TYPE: 'This file type is not accepted',
    WEAK_PASSWORD: 'The password does not meet the rules',
    RATE_LIMITED: 'Too many requests; please wait and try again',
    INTERNAL: 'Something went wrong; please try again later',
  },
};

/** Messages for specific situations, keyed by a stable name. */
export const DETAIL_MESSAGES: Record<Locale, Record<string, string>> = {
  'zh-CN': {
    required: '此项必填',
    'password.rules': '密码至少 8 位，且包含大写字母、小写字母、数字、符号中的至少三类',
    'password.same': '新密码不能与当前密码相同',
    'password.current': '当前密码不正确',
    'password.containsUsername': '密码不能包含用户名',
    'username.taken': '用户名已被使用',
    'mobile.taken': '手机号已被使用',
    'mobile.format': '请输入 11 位手机号',
    'region.unknown': '区划代码不存在',
    'unit.unknown': '该单位不存在或不在您的管辖范围内',
    'calendar.yearEmpty': '该年份还没有录入任何放假日期',
    'tiers.ascending': '每一档的金额必须高于上一档',
    'policy.pastDate': '生效日期不能早于今天：已有的记录按当时的规则评判',
    'policy.dateTaken': '该日期已有一个版本，请选择其他生效日期',
    'policy.notCounty': '请选择一个县（区）',
    'region.outOfScope': '该区划不在您的管辖范围内',
    'grant.roleNotAllowed': '您不能授予高于自己的角色',
    'user.self': '不能停用自己的账号',
    'totp.invalid': '动态验证码不正确',
    'file.empty': '文件为空',
  },
  'en-US': {
    required: 'Required',
    'password.rules':
      'At least 8 characters with three of: upper-case, lower-case, digits, symbols',
    'password.same': 'The new password must differ from the current one',
    'password.current': 'The current password is wrong',
    'password.containsUsername': 'The password must not contain the username',
    'username.taken': 'This username is taken',
    'mobile.taken': 'This mobile number is taken',
    'mobile.format': 'Enter an 11-digit mobile number',
    'region.unknown': 'No region has this code',
    'unit.unknown': 'No such unit in your area',
    'calendar.yearEmpty': 'No days off have been entered for this year',
    'tiers.ascending': 'Each tier must be above the one before',
    'policy.pastDate':
      'The effective date cannot be before today: existing records are judged by the rules of their day',
    'policy.dateTaken': 'A version already takes effect on this date; choose another date',
    'policy.notCounty': 'Choose a county',
    'region.outOfScope': 'This region is outside your area',
    'grant.roleNotAllowed': 'You cannot grant a role you do not hold',
    'user.self': 'You cannot disable your own account',
    'totp.invalid': 'The authenticator code is wrong',
    'file.empty': 'The file is empty',
  },
};
