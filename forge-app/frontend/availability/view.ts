// The shapes "My availability" and "Team week" receive through the bridge (the sidecar's answers,
// checked by forge-app/resolvers/availability.ts). Free of imports, so the UI bundle pulls nothing in.

export type AbsenceKindCode = 'dayOff' | 'trip' | 'training' | 'sick' | 'other';
export const ABSENCE_KIND_CODES: readonly AbsenceKindCode[] = ['dayOff', 'trip', 'training', 'sick', 'other'];

export interface PersonRef {
  accountId: string;
  name: string;
}

export interface EntryView {
  id: string;
  kind: AbsenceKindCode;
  wholeDays: boolean;
  /** `YYYY-MM-DD` or `YYYY-MM-DDTHH:MM`, in the engineer's own zone. */
  from: string;
  to: string;
  note?: string;
  enteredBy: PersonRef;
  enteredAt: string;
  updatedBy: PersonRef;
  updatedAt: string;
}

export interface MyAvailabilityView {
  engineer: { accountId: string; name: string; timeZone: string };
  isCoordinator: boolean;
  today: string;
  weeks: { weekStart: string; confirmed: boolean }[];
  entries: EntryView[];
  elsewhere: {
    source: 'feed' | 'settings';
    kind: AbsenceKindCode;
    from: string;
    to: string;
    note?: string;
  }[];
  feed: {
    source: 'settings' | 'linked' | 'environment';
    lastReadAt: string | null;
    absences: number | null;
    error: string | null;
    errorAt: string | null;
  } | null;
  feedLink: { linkedBy: string; linkedAt: string } | null;
  engineers: PersonRef[];
}

export type DayAvailability = 'available' | 'partly' | 'away';

export interface WeekCellView {
  date: string;
  weekday: number;
  availability: DayAvailability;
  absences: {
    kind: AbsenceKindCode;
    wholeDay: boolean;
    from?: string;
    to?: string;
    note?: string;
    enteredBy?: string;
    source: 'entered' | 'feed' | 'settings';
  }[];
  dutyHours: number;
}

export interface TeamWeekView {
  team: string;
  teams: string[];
  weekStart: string;
  today: string;
  days: string[];
  rows: {
    accountId: string;
    name: string;
    timeZone: string;
    load: number;
    maxLoad: number;
    today: DayAvailability;
    tomorrow: DayAvailability;
    confirmed: boolean;
    ticketsJql: string;
    days: WeekCellView[];
  }[];
}

/** An absence as the form sends it. */
export interface EntryInput {
  kind: AbsenceKindCode;
  from: string;
  to: string;
  note?: string;
}
