import { describe, expect, it } from '@jest/globals';
import {
  answerMismatches,
  assignedVariables,
  commandsOf,
  extractWalkthrough,
  jsonValuesIn,
  withPort,
} from './walkthrough.js';

const FENCE = '```';

describe('extractWalkthrough', () => {
  it('takes the marked blocks in order, with their kind, name, language and line, and leaves the others', () => {
    const markdown = [
      '# Title',
      '<!-- walkthrough:setup -->',
      `${FENCE}sh`,
      'npm ci',
      FENCE,
      `${FENCE}sh`,
      'npm test',
      FENCE,
      '<!-- walkthrough:run submit -->',
      '',
      `${FENCE}sh`,
      'curl -s http://localhost:4000/graphql',
      'echo done',
      FENCE,
      '<!-- walkthrough:answer submit -->',
      `${FENCE}json`,
      '{ "data": {} }',
      FENCE,
    ].join('\n');
    expect(extractWalkthrough(markdown)).toEqual([
      { kind: 'setup', name: 'setup', lang: 'sh', code: 'npm ci', line: 3 },
      { kind: 'run', name: 'submit', lang: 'sh', code: 'curl -s http://localhost:4000/graphql\necho done', line: 11 },
      { kind: 'answer', name: 'submit', lang: 'json', code: '{ "data": {} }', line: 16 },
    ]);
  });

  it('refuses a marker it cannot follow, naming the line', () => {
    expect(() => extractWalkthrough('<!-- walkthrough:run a -->\ntext')).toThrow(
      'README.md:1: the marker "walkthrough:run a" is not followed by a fenced code block',
    );
    expect(() => extractWalkthrough('x\n<!-- walkthrough:rnu a -->')).toThrow(
      'README.md:2: unknown walkthrough marker',
    );
    expect(() => extractWalkthrough(`<!-- walkthrough:run -->\n${FENCE}\nx\n${FENCE}`)).toThrow('needs a name');
    expect(() => extractWalkthrough(`<!-- walkthrough:run a -->\n${FENCE}\nx`)).toThrow('is never closed');
    expect(() => extractWalkthrough(`<!-- walkthrough:answer a -->\n${FENCE}json\n{}\n${FENCE}`)).toThrow(
      'has no "walkthrough:run a"',
    );
    const twice = `<!-- walkthrough:run a -->\n${FENCE}\nx\n${FENCE}\n<!-- walkthrough:run a -->\n${FENCE}\ny\n${FENCE}`;
    expect(() => extractWalkthrough(twice)).toThrow('README.md:5: a second "walkthrough:run a" block');
  });
});

describe('snippets', () => {
  it('reads commands without comments, the variables set, and moves the address to the port under test', () => {
    expect(commandsOf('npm ci\n\n# a comment\nnpm start        # builds')).toEqual(['npm ci', 'npm start']);
    expect(assignedVariables('NGO=$(x)\n  export CASE=1\necho "A=b"\nREF=$(y)')).toEqual(['NGO', 'CASE', 'REF']);
    expect(withPort('curl http://localhost:4000/graphql http://127.0.0.1:4000/ localhost:40000', 4711)).toBe(
      'curl http://localhost:4711/graphql http://127.0.0.1:4711/ localhost:40000',
    );
  });

  it('finds the JSON values curl prints back to back, and what else was printed', () => {
    expect(jsonValuesIn('{"a":"}{"}{"b":[1,{"c":"\\""}]}\n')).toEqual({
      values: [{ a: '}{' }, { b: [1, { c: '"' }] }],
      other: '',
    });
    expect(jsonValuesIn('token: {"a":1} done {broken')).toEqual({ values: [{ a: 1 }], other: 'token:  done {broken' });
  });
});

describe('answerMismatches', () => {
  it('accepts the real answer when it has every key and value shown, more keys besides', () => {
    expect(
      answerMismatches(
        { data: { x: { status: 'ACCEPTED', revision: 2, replayed: false } } },
        { data: { x: { status: 'ACCEPTED', revision: 2, replayed: false, more: 1 } } },
      ),
    ).toEqual([]);
  });

  it('says where a value differs or a key is missing', () => {
    expect(answerMismatches({ data: { a: 1, b: 'x' } }, { data: { a: 2 } })).toEqual([
      '$.data.a: expected 1, got 2',
      '$.data.b: missing',
    ]);
  });

  it('reads `…` as a value that varies: a UUID where an id is shown', () => {
    const id = '5f9d2767-f794-5462-80ba-f024ec22baac';
    expect(answerMismatches({ id: '3cc266f9-…' }, { id })).toEqual([]);
    expect(answerMismatches({ id: '3cc266f9-…' }, { id: 'nope' })).toEqual([
      '$.id: expected a UUID ("3cc266f9-…"), got "nope"',
    ]);
    // Any other value begins and ends as shown, with something in between.
    expect(answerMismatches({ note: 'Referral NK-…-R1 sent' }, { note: 'Referral NK-2026-00001-R1 sent' })).toEqual([]);
    expect(answerMismatches({ note: 'Referral NK-…-R1 sent' }, { note: 'Referral submitted' })).toEqual([
      '$.note: expected "Referral NK-…-R1 sent" (… for what varies), got "Referral submitted"',
    ]);
  });

  it('takes a time as shown for a time written the same way', () => {
    expect(answerMismatches({ at: '2026-11-27T08:40:12.345Z' }, { at: '2026-12-11T00:08:48.258Z' })).toEqual([]);
    expect(answerMismatches({ at: '2026-11-27 10:40 CAT' }, { at: '2026-12-11 02:08 CAT' })).toEqual([]);
    expect(answerMismatches({ at: '2026-11-27 10:40 CAT' }, { at: '2026-12-11T00:08:48.258Z' })).toHaveLength(1);
  });

  it('finds the elements shown, in order, among the real ones', () => {
    const actual = [{ t: 'A' }, { t: 'X' }, { t: 'B' }];
    expect(answerMismatches([{ t: 'A' }, { t: 'B' }], actual)).toEqual([]);
    expect(answerMismatches([{ t: 'B' }, { t: 'A' }], actual)).toHaveLength(1);
    expect(answerMismatches([{ t: 'C' }], [])).toEqual(['$[0]: no element matches {"t":"C"} (the array is empty)']);
  });
});
