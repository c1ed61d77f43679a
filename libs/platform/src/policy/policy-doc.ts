import { type AccessPolicy, CASE_API_AGENCIES, type Grant, type OperationType } from './access-policy.js';

export const POLICY_DOC_START = '<!-- generated from the policy data: do not edit by hand -->';
export const POLICY_DOC_END = '<!-- access-policy:end -->';

function grantText(grant: Grant): string {
  if ('agencyTypes' in grant) {
    const types =
      grant.agencyTypes.length === CASE_API_AGENCIES.length &&
      CASE_API_AGENCIES.every((type) => grant.agencyTypes.includes(type))
        ? 'every agency (not integrators)'
        : grant.agencyTypes.join(', ');
    return grant.roles ? `${types} with role ${grant.roles.join(' or ')}` : types;
  }
  if ('roles' in grant) return `role ${grant.roles.join(' or ')}`;
  if ('sameAgency' in grant) return 'the agency the record belongs to';
  return `agencies the victim consented to (${grant.consent})`;
}

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
  lines.push('', POLICY_DOC_END);
  return lines.join('\n');
}

/** docs/access-policy.md: the rendering with its title and a word on where it comes from. */
export function policyDocument(policy: AccessPolicy): string {
  return [
    '# Access policy',
    '',
    `Version ${policy.version}. Generated from \`libs/platform/src/policy/access-policy.ts\` by \`npm run policy:doc\`; how it is enforced: [security.md](security.md#access-policy).`,
    '',
    renderPolicy(policy),
    '',
  ].join('\n');
}
