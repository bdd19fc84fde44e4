// Spare parts named on an order: catalog options (a multi-select, one of each) or free text such as
// "PSU 800W hot-plug ×1, HDD 2.4TB SAS ×4" (quantities after ×, x or *; lines, commas or semicolons
// between parts). Same part twice adds up. An order is due by the contract's delivery target in its
// business calendar (the default where the contract names none).
import type { CalendarLike } from '../calendar/index.js';
import type { ServiceTargets } from '../schemas/contract.js';
import { partsDeliveryDue, partsDeliveryTarget } from './lifecycle.js';
import type { TargetSource } from './lifecycle.js';

export interface PartLine {
  part: string;
  quantity: number;
}

const QUANTITY = /^(.*?)\s*(?:[×x*]\s*(\d{1,5})|\((\d{1,5})\s*(?:pcs|шт)?\.?\))\s*$/iu;

function fromText(text: string): PartLine[] {
  return text
    .split(/[\n;,]+/)
    .map((s) => s.trim())
    .filter(Boolean)
    .map((item) => {
      const m = QUANTITY.exec(item);
      const qty = m ? Number(m[2] ?? m[3]) : 1;
      const part = (m ? m[1]! : item).trim();
      return { part, quantity: qty > 0 ? qty : 1 };
    })
    .filter((l) => l.part.length > 0);
}

function optionText(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (value && typeof value === 'object') {
    const v = (value as { value?: unknown; name?: unknown }).value ?? (value as { name?: unknown }).name;
    return typeof v === 'string' ? v : undefined;
  }
  return undefined;
}

/** The parts and quantities a parts field's value names (any of the shapes above); merged by name. */
export function partsOf(value: unknown): PartLine[] {
  const lines: PartLine[] = [];
  if (Array.isArray(value)) for (const item of value) lines.push(...fromText(optionText(item) ?? ''));
  else {
    const text = optionText(value);
    if (text) lines.push(...fromText(text));
  }
  const merged = new Map<string, PartLine>();
  for (const l of lines) {
    const key = l.part.toLowerCase();
    const had = merged.get(key);
    if (had) had.quantity += l.quantity;
    else merged.set(key, { ...l });
  }
  return [...merged.values()];
}

/** When a parts order is due, against which target, and whether it arrived in time (null while it has not). */
export interface PartsDelivery {
  dueAt: Date;
  businessDays: number;
  source: TargetSource;
  onTime: boolean | null;
}

/** A parts order's delivery against the contract's target (or the default) in the contract's calendar. */
export function partsDelivery(
  calendar: CalendarLike | undefined,
  orderedAt: Date,
  deliveredAt: Date | null,
  targets: ServiceTargets | undefined,
): PartsDelivery {
  const { businessDays, source } = partsDeliveryTarget(targets);
  const dueAt = partsDeliveryDue(calendar, orderedAt, businessDays);
  return {
    dueAt,
    businessDays,
    source,
    onTime: deliveredAt ? deliveredAt.getTime() <= dueAt.getTime() : null,
  };
}
