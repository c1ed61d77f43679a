import { readFile } from 'node:fs/promises';
import { describe, expect, it } from '@jest/globals';
import { ACCESS_POLICY } from './access-policy.js';
import { policyDocument, renderPolicy } from './policy-doc.js';

describe('docs/access-policy.md', () => {
  it('is the policy data as it is now (run `npm run policy:doc` after changing the policy)', async () => {
    const document = await readFile(new URL('../../../../docs/access-policy.md', import.meta.url), 'utf8');
    expect(document).toEqual(policyDocument(ACCESS_POLICY));
  });

  it('lists every operation and guarded field once', () => {
    const rendered = renderPolicy(ACCESS_POLICY);
    for (const name of [
      ...Object.keys(ACCESS_POLICY.operations.Mutation),
      ...Object.keys(ACCESS_POLICY.operations.Query),
      ...Object.keys(ACCESS_POLICY.fields),
    ]) {
      expect(rendered.split('\n').filter((line) => line.startsWith(`| \`${name}\` |`))).toHaveLength(1);
    }
  });
});
