/** Day arithmetic on integer day numbers (days since 1970-01-01, UTC); no time zones anywhere. */

const MS_PER_DAY = 86_400_000;

export function dayOf(iso: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) throw new Error(`Invalid date "${iso}", expected YYYY-MM-DD`);
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  const day = ms / MS_PER_DAY;
  if (isoOf(day) !== iso) throw new Error(`Invalid date "${iso}"`);
  return day;
}

export function isoOf(day: number): string {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

/** JS Date at UTC midnight (what ExcelJS turns into a whole-number serial). */
export function dateOf(day: number): Date {
  return new Date(day * MS_PER_DAY);
}

export function ymd(day: number): { y: number; m: number; d: number } {
  const dt = new Date(day * MS_PER_DAY);
  return { y: dt.getUTCFullYear(), m: dt.getUTCMonth() + 1, d: dt.getUTCDate() };
}

/** 0 = Sunday … 6 = Saturday. 1970-01-01 was a Thursday. */
export function weekday(day: number): number {
  return (((day + 4) % 7) + 7) % 7;
}

export function firstOfMonth(day: number): number {
  const { y, m } = ymd(day);
  return Date.UTC(y, m - 1, 1) / MS_PER_DAY;
}

export function addMonths(day: number, months: number): number {
  const { y, m, d } = ymd(day);
  return Date.UTC(y, m - 1 + months, d) / MS_PER_DAY;
}

export function monthKey(day: number): string {
  return isoOf(day).slice(0, 7);
}

/** Fixed-date public holidays (New Year, Reunification Day, Labour Day, National Day). */
const HOLIDAYS = new Set(["01-01", "04-30", "05-01", "09-02"]);

const workingCache = new Map<number, boolean>();

/** Postings happen Monday to Friday, except fixed holidays (as in the sample exports). */
export function isWorkingDay(day: number): boolean {
  let working = workingCache.get(day);
  if (working === undefined) {
    const wd = weekday(day);
    working = wd !== 0 && wd !== 6 && !HOLIDAYS.has(isoOf(day).slice(5));
    workingCache.set(day, working);
  }
  return working;
}

/** The working day `n` working days after `day` (n = 0: `day` itself or the next working day). */
export function addWorkingDays(day: number, n: number): number {
  let d = day;
  while (!isWorkingDay(d)) d++;
  for (let i = 0; i < n; i++) {
    d++;
    while (!isWorkingDay(d)) d++;
  }
  return d;
}

/** The working day `n` working days before `day` (n = 0: `day` itself or the previous working day). */
export function subWorkingDays(day: number, n: number): number {
  let d = day;
  while (!isWorkingDay(d)) d--;
  for (let i = 0; i < n; i++) {
    d--;
    while (!isWorkingDay(d)) d--;
  }
  return d;
}

/** Batch month letter: A = January … L = December. */
export function monthLetter(day: number): string {
  return "ABCDEFGHIJKL"[ymd(day).m - 1]!;
}
