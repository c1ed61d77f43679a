import { type AccessPolicy, CASE_API_AGENCIES, type Grant, type OperationType } from './access-policy.js';

const POLICY_DOC_START = '<!-- generated from the policy data: do not edit by hand -->';
const POLICY_DOC_END = '<!-- access-policy:end -->';

function typesText(agencyTypes: readonly string[]): string {
  return agencyTypes.length === CASE_API_AGENCIES.length &&
    CASE_API_AGENCIES.every((type) => agencyTypes.includes(type))
    ? 'every agency (not integrators)'
    : agencyTypes.join(', ');
}

function grantText(grant: Grant): string {
  if ('party' in grant) {
    return grant.agencyTypes ? `${grant.agencyTypes.join(', ')} party to the case` : 'parties to the case';
  }
  if ('consent' in grant) return `parties the person consented to (${grant.consent})`;
  if ('sameAgency' in grant) return 'the agency the record belongs to';
  if ('agencyTypes' in grant) {
    const types = typesText(grant.agencyTypes);
    return grant.roles ? `${types} with role ${grant.roles.join(' or ')}` : types;
  }
  return `role ${grant.roles.join(' or ')}`;
}

const grantsText = (grants: readonly Grant[]): string => (grants.length ? grants.map(grantText).join('; ') : 'nobody');

const cell = (text: string): string => text.replaceAll('|', '\\|');

/** The policy as the tables of docs/security.md: one row per operation and per guarded field. */
export function renderPolicy(policy: AccessPolicy): string {
  const lines: string[] = [POLICY_DOC_START, ''];
  for (const type of ['Mutation', 'Query', 'Subscription'] as const satisfies readonly OperationType[]) {
    lines.push(`| ${type.toLowerCase()} | who may | why |`, '| --- | --- | --- |');
    for (const [name, rule] of Object.entries(policy.operations[type]).sort(([a], [b]) => a.localeCompare(b))) {
      lines.push(`| \`${name}\` | ${cell(rule.allow.map(grantText).join('; '))} | ${cell(rule.why)} |`);
    }
    lines.push('');
  }
  lines.push(
    '| guarded field | who may read it (others read null) | personal data (audited) | why |',
    '| --- | --- | --- | --- |',
  );
  for (const [name, rule] of Object.entries(policy.fields).sort(([a], [b]) => a.localeCompare(b))) {
    lines.push(
      `| \`${name}\` | ${cell(rule.allow.map(grantText).join('; '))} | ${rule.personal ?? ''} | ${cell(rule.why)} |`,
    );
  }
  lines.push('', '| record | who finds it (to others it is not found) | why |', '| --- | --- | --- |');
  for (const [name, rule] of Object.entries(policy.records).sort(([a], [b]) => a.localeCompare(b))) {
    lines.push(`| \`${name}\` | ${cell(grantsText(rule.allow))} | ${cell(rule.why)} |`);
  }
  lines.push(
    '',
    '| timeline entry | in full | as a notice (who acted, when, category) | category | why |',
    '| --- | --- | --- | --- | --- |',
  );
  for (const [name, rule] of Object.entries(policy.timeline).sort(([a], [b]) => a.localeCompare(b))) {
    lines.push(
      `| \`${name}\` | ${cell(grantsText(rule.full))} | ${cell(grantsText(rule.notice))} | ${rule.category} | ${cell(rule.why)} |`,
    );
  }
  lines.push(
    '',
    'Entries the viewer’s own agency recorded are always shown in full; an entry type without a rule is shown to nobody.',
    '',
    POLICY_DOC_END,
  );
  return lines.join('\n');
}

/** docs/access-policy.md: the rendering with its title and a word on where it comes from. */
export function policyDocument(policy: AccessPolicy): string {
  return [
    '# Access policy',
    '',
    `Version ${policy.version}. Generated from \`libs/platform/policy/src/access-policy.ts\` by \`npm run policy:doc\`; how it is enforced: [security.md](security.md#access-policy).`,
    '',
    renderPolicy(policy),
    '',
  ].join('\n');
}
