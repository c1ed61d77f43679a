/**
 * The ids an operation names, for the audit log: arguments (and result fields) whose names end in `Id`
 * (a string) or `Ids` (a list of strings) and whose values look like ids. Nothing else of a command is
 * kept: no free text, no personal data, no other values.
 */
const ID_NAME = /^[a-z][A-Za-z0-9]{0,62}Ids?$/;
const ID_VALUE = /^[A-Za-z0-9][A-Za-z0-9._:@-]{0,127}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const MAX_DEPTH = 4;
const MAX_IDS = 100;

/** Names whose ids say who acted or which command, not what the operation is about. */
const NOT_A_SUBJECT = /(agency|office|officer|user|command|jointCase|provider|custodian)$/i;

type NamedIds = Record<string, string[]>;

export function idsOf(...sources: unknown[]): NamedIds {
  const found: NamedIds = {};
  let count = 0;
  const add = (name: string, raw: unknown): void => {
    if (count >= MAX_IDS || typeof raw !== 'string' || !ID_VALUE.test(raw)) return;
    // As the API stores them: UUIDs in lower case, whatever the client sent.
    const value = UUID.test(raw) ? raw.toLowerCase() : raw;
    const values = (found[name] ??= []);
    if (values.includes(value)) return;
    values.push(value);
    count += 1;
  };
  const walk = (value: unknown, depth: number): void => {
    if (depth > MAX_DEPTH || typeof value !== 'object' || value === null) return;
    if (Array.isArray(value)) {
      for (const item of value) walk(item, depth + 1);
      return;
    }
    for (const [name, child] of Object.entries(value as Record<string, unknown>)) {
      if (ID_NAME.test(name)) {
        if (name.endsWith('Ids') && Array.isArray(child)) for (const item of child) add(name.slice(0, -1), item);
        else add(name, child);
      } else {
        walk(child, depth + 1);
      }
    }
  };
  for (const source of sources) walk(source, 0);
  return found;
}

/** What the ids are about, as `<kind>:<id>`: `referralId` gives `referral:…`, `suspectIds` `suspect:…`. */
export function subjectsOf(ids: Readonly<Record<string, readonly string[]>>): string[] {
  const subjects: string[] = [];
  for (const [name, values] of Object.entries(ids)) {
    const kind = name.replace(/Ids?$/, '');
    if (NOT_A_SUBJECT.test(kind)) continue;
    for (const value of values) {
      const subject = `${kind}:${value}`;
      if (!subjects.includes(subject)) subjects.push(subject);
    }
  }
  return subjects;
}
