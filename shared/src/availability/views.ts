// What the sidecar answers My availability and Team week with: the one definition both the sidecar
// (which builds them) and the Forge screens (which show them) read. Types only.
import type { Absence } from '../schemas/engineers.js';
import type { TeamWeek } from './week.js';

export interface PersonRef {
  accountId: string;
  name: string;
}

/** An entered absence as the page shows and edits it: bounds in the engineer's own zone. */
export interface EntryView {
  id: string;
  kind: Absence['kind'];
  wholeDays: boolean;
  /** `YYYY-MM-DD` (whole days) or `YYYY-MM-DDTHH:MM` local to the engineer. */
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
  /** The reader may change someone else's entries (a coordinator). */
  isCoordinator: boolean;
  /** Today, in the engineer's zone. */
  today: string;
  weeks: { weekStart: string; confirmed: boolean }[];
  entries: EntryView[];
  /** Absences from the feed or the settings: shown, changed at their source. */
  elsewhere: {
    source: 'feed' | 'settings';
    kind: Absence['kind'];
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
  /** The feed the engineer linked on this page (its address is never shown back). */
  feedLink: { linkedBy: string; linkedAt: string } | null;
  engineers: PersonRef[];
}

export interface TeamWeekView extends TeamWeek {
  teams: string[];
  today: string;
  rows: (TeamWeek['rows'][number] & { ticketsJql: string })[];
}
