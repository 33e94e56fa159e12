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
