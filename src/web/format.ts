const shanghai = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

/** An ISO instant as Beijing time, `YYYY-MM-DD HH:mm:ss`. */
export function formatTime(iso: string | null | undefined): string {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const parts: Record<string, string> = {};
  for (const part of shanghai.formatToParts(date)) parts[part.type] = part.value;
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}:${parts.second}`;
}

/**
 * A wall-clock time picked in the UI, read as Beijing time (UTC+8, no daylight saving),
 * as an ISO instant for the API.
 */
export function shanghaiToIso(wallClock: string): string {
  return new Date(`${wallClock}+08:00`).toISOString();
}

/** Digits grouped by thousands, fraction untouched: `1234567.5` → `1,234,567.5`. */
export function groupThousands(digits: string): string {
  const [whole = '', fraction] = digits.split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return fraction === undefined ? grouped : `${grouped}.${fraction}`;
}

/** An amount in integer fen as yuan digits, exactly: 10000000 → `100,000`, 1050 → `10.50`. */
export function yuanDigits(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(Math.round(fen));
  const cents = abs % 100;
  const whole = groupThousands(String((abs - cents) / 100));
  return `${sign}${whole}${cents ? `.${String(cents).padStart(2, '0')}` : ''}`;
}

/** Yuan as entered (up to two decimals) → integer fen for the API. */
export function yuanToFen(yuan: number): number {
  return Math.round(yuan * 100);
}

/** Integer fen → yuan, for a form field. */
export function fenToYuan(fen: number): number {
  return fen / 100;
}

/** Today's date in Beijing, `YYYY-MM-DD`. */
export function todayInShanghai(): string {
  return formatTime(new Date().toISOString()).slice(0, 10);
}
