// Durations for people: business minutes as "2 h 15 min" / "2 ч 15 мин". Hours stay hours (business
// hours, not days: a business day's length depends on the calendar), minutes are rounded.
import type { Language } from '../schemas/replies.js';

const UNITS: Record<Language, { h: string; min: string }> = {
  en: { h: 'h', min: 'min' },
  ru: { h: 'ч', min: 'мин' },
};

/** `minutes` (business minutes) in words; null or a non-finite value is "—". */
export function formatDuration(minutes: number | null | undefined, language: Language): string {
  if (minutes === null || minutes === undefined || !Number.isFinite(minutes)) return '—';
  const sign = minutes < 0 ? '−' : '';
  const total = Math.round(Math.abs(minutes));
  const hours = Math.floor(total / 60);
  const rest = total % 60;
  const u = UNITS[language];
  if (hours === 0) return `${sign}${rest} ${u.min}`;
  if (rest === 0) return `${sign}${hours} ${u.h}`;
  return `${sign}${hours} ${u.h} ${rest} ${u.min}`;
}

/** Business minutes as business hours with one decimal (what tables and CSV carry). */
export function businessHours(minutes: number | null | undefined): number | null {
  if (minutes === null || minutes === undefined || !Number.isFinite(minutes)) return null;
  return Math.round((minutes / 60) * 10) / 10;
}
