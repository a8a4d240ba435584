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

/** Groups serving more audiences first; among equals, the order of `audiences` ("0" young people, "1" parents...). */
const order = (served: readonly Audience[]) => `${audiences.length - served.length}${served.map((a) => audiences.indexOf(a)).join("")}`;

export function groupContacts(contacts: readonly LocalizedContact[]): ContactGroup[] {
  const urgent = contacts.filter((c) => c.emergency || c.crisis);
  const byAudiences = new Map<string, { audiences: Audience[]; contacts: LocalizedContact[] }>();
  for (const contact of contacts.filter((c) => !c.emergency && !c.crisis)) {
    const served = audiences.filter((a) => contact.audience.includes(a));
    const key = order(served);
    if (!byAudiences.has(key)) byAudiences.set(key, { audiences: served, contacts: [] });
    byAudiences.get(key)!.contacts.push(contact);
  }
  const groups = [...byAudiences.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([, group]) => group);
  return [...(urgent.length ? [{ audiences: "urgent" as const, contacts: urgent }] : []), ...groups];
}
