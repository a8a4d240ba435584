/**
 * The get-help page lists every contact once: first what helps right now
 * (the emergency number and the crisis lines), then the others grouped by
 * whom they serve, from everyone to a single audience, in a fixed order.
 */
import type { LocalizedContact } from "./localize.ts";
import { audiences, type Audience } from "../content/schemas.ts";

export interface ContactGroup {
  /** "urgent", or the audiences the group's services all serve. */
  audiences: Audience[] | "urgent";
  contacts: LocalizedContact[];
}

/** Groups serving more audiences come first; equal sizes follow the order of `audiences`. */
const rank = (group: readonly Audience[]) => [-group.length, ...group.map((a) => audiences.indexOf(a))];
function compareRanks(a: number[], b: number[]): number {
  const differs = a.findIndex((value, i) => value !== b[i]);
  return differs < 0 ? a.length - b.length : a[differs]! - (b[differs] ?? 0);
}

export function groupContacts(contacts: readonly LocalizedContact[]): ContactGroup[] {
  const urgent = contacts.filter((c) => c.emergency || c.crisis);
  const byAudiences = new Map<string, ContactGroup>();
  for (const contact of contacts.filter((c) => !c.emergency && !c.crisis)) {
    const served = audiences.filter((a) => contact.audience.includes(a));
    const key = served.join(" ");
    if (!byAudiences.has(key)) byAudiences.set(key, { audiences: served, contacts: [] });
    byAudiences.get(key)!.contacts.push(contact);
  }
  const groups = [...byAudiences.values()].sort((a, b) => compareRanks(rank(a.audiences as Audience[]), rank(b.audiences as Audience[])));
  return [...(urgent.length ? [{ audiences: "urgent" as const, contacts: urgent }] : []), ...groups];
}
