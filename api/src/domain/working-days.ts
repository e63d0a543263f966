/**
 * Working days between two dates (DOMAIN.md §6 D8: "48 hours = 2 working days"; Sundays off by
 * default; working weekdays and holidays are configuration).
 */
export interface WorkingCalendar {
  /** ISO weekdays 1 (Monday) … 7 (Sunday) that are working days. */
  workingDays: number[];
  /** YYYY-MM-DD dates that are not working days. */
  holidays: string[];
}

/**
 * Whole working days elapsed from `from` to `to`: the working days in (from, to]. A Friday finish
 * received on Monday is 2 working days with Sundays off (Saturday and Monday).
 */
export function workingDaysBetween(from: string, to: string, calendar: WorkingCalendar): number {
  const start = Date.parse(`${from}T00:00:00Z`);
  const end = Date.parse(`${to}T00:00:00Z`);
  if (end <= start) return 0;
  const working = new Set(calendar.workingDays);
  const holidays = new Set(calendar.holidays);
  let count = 0;
  for (let day = start + 86_400_000; day <= end; day += 86_400_000) {
    const date = new Date(day);
    const isoWeekday = date.getUTCDay() === 0 ? 7 : date.getUTCDay();
    if (working.has(isoWeekday) && !holidays.has(date.toISOString().slice(0, 10))) count += 1;
  }
  return count;
}
