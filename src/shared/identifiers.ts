/**
 * Check characters of the two national identifiers the platform stores:
 * - 统一社会信用代码 (unified social credit code of organisations), GB 32100-2015;
 * - 居民身份证号码 (citizen identity number), GB 11643-1999.
 * Only the structure and the check character are verified; nothing is looked up.
 * Pure module: it runs on the server and in the browser.
 */

/** The 31 characters of a credit code (no I, O, Z, S, V), in value order 0..30. */
export const CREDIT_CODE_CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';

const CREDIT_CODE_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
const CREDIT_CODE_BODY = /^[0-9A-HJ-NPQRTUWXY]{17}$/;

/**
 * Check character (position 18) of a credit code from its first 17 characters:
 * charset[(31 − Σ value(cᵢ)·wᵢ mod 31) mod 31]. Throws RangeError when `first17` is not
 * 17 characters of the credit code charset (upper case).
 */
export function creditCodeCheckChar(first17: string): string {
  if (!CREDIT_CODE_BODY.test(first17)) {
    throw new RangeError(`not 17 credit code characters: ${first17}`);
  }
  let sum = 0;
  for (let i = 0; i < 17; i += 1) {
    sum += CREDIT_CODE_CHARSET.indexOf(first17.charAt(i)) * (CREDIT_CODE_WEIGHTS[i] ?? 0);
  }
  return CREDIT_CODE_CHARSET.charAt((31 - (sum % 31)) % 31);
}

/**
 * Whether `code` is a well-formed 统一社会信用代码: 18 upper-case characters of the charset
 * whose last one is the check character. Callers normalise case and whitespace first.
 */
export function isValidCreditCode(code: string): boolean {
  if (code.length !== 18) return false;
  const body = code.slice(0, 17);
  if (!CREDIT_CODE_BODY.test(body)) return false;
  return creditCodeCheckChar(body) === code.charAt(17);
}

const ID_CHECK_CHARS = '10X98765432';
const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_BODY = /^\d{17}$/;

/**
 * Check character of an 18-digit identity number from its first 17 digits:
 * '10X98765432'[Σ dᵢ·wᵢ mod 11]. Throws RangeError when `first17` is not 17 digits.
 */
export function idNumberCheckChar(first17: string): string {
  if (!ID_BODY.test(first17)) throw new RangeError(`not 17 digits: ${first17}`);
  let sum = 0;
  for (let i = 0; i < 17; i += 1) sum += Number(first17.charAt(i)) * (ID_WEIGHTS[i] ?? 0);
  return ID_CHECK_CHARS.charAt(sum % 11);
}

/** Whether `yyyymmdd` is a real calendar date with a year from 1900 to 2100. */
function isBirthDate(yyyymmdd: string): boolean {
  const year = Number(yyyymmdd.slice(0, 4));
  const month = Number(yyyymmdd.slice(4, 6));
  const day = Number(yyyymmdd.slice(6, 8));
  if (year < 1900 || year > 2100 || month < 1 || month > 12 || day < 1) return false;
  // Day 0 of the next month is the last day of this month.
  return day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/**
 * Whether `id` is a well-formed 18-character 居民身份证号码: 17 digits, a birth date
 * (positions 7–14, YYYYMMDD, 1900–2100) that exists, and the check character (X or x for 10).
 * The old 15-digit numbers are not accepted.
 */
export function isValidIdNumber(id: string): boolean {
  if (id.length !== 18) return false;
  const body = id.slice(0, 17);
  if (!ID_BODY.test(body) || !isBirthDate(body.slice(6, 14))) return false;
  return idNumberCheckChar(body) === id.charAt(17).toUpperCase();
}
