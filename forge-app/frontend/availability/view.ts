// The shapes "My availability" and "Team week" receive through the bridge (the sidecar's answers,
// checked by forge-app/resolvers/availability.ts), defined once in shared/; type-only, so the UI
// bundle pulls nothing in.

export type AbsenceKindCode = 'dayOff' | 'trip' | 'training' | 'sick' | 'other';
export const ABSENCE_KIND_CODES: readonly AbsenceKindCode[] = ['dayOff', 'trip', 'training', 'sick', 'other'];

export type {
  DayAvailability,
  EntryView,
  MyAvailabilityView,
  PersonRef,
  TeamWeekView,
  WeekCell as WeekCellView,
} from '@frontline/shared';

/** An absence as the form sends it. */
export interface EntryInput {
  kind: AbsenceKindCode;
  from: string;
  to: string;
  note?: string;
}
