import {
  isArgumentElement,
  isDateElement,
  isNumberElement,
  isPluralElement,
  isSelectElement,
  isTagElement,
  isTimeElement,
  parse,
  type MessageFormatElement,
} from '@formatjs/icu-messageformat-parser';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { LANGUAGES, type Language } from './catalogue';

/**
 * The catalogue check (CI runs it with `npm test`): every key in French, Swahili and English, every message
 * valid ICU with the same placeholders in each, every key the console uses present, and a sentence for every
 * rule, code and reason the API can refuse with, found in the platform's own sources (libs/), so that a rule
 * added there fails this check until it is translated. Each failure names the file and the key.
 */

// From this file's own path (Vite rewrites `new URL(…, import.meta.url)` for assets, so not that way).
const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', '..');
const CONSOLE_SRC = join(ROOT, 'apps', 'console', 'src');
const MESSAGES = join(CONSOLE_SRC, 'i18n', 'messages');
const LIBS = join(ROOT, 'libs');
const GRAPHQL_TYPES = join(CONSOLE_SRC, 'gql', 'graphql.ts');

/** Where a repository path is shown in a failure: relative to the root, with forward slashes. */
function shown(path: string): string {
  return relative(ROOT, path).split('\\').join('/');
}

function report(title: string, problems: readonly string[]): void {
  if (problems.length === 0) return;
  throw new Error(`${title} (${String(problems.length)}):\n${problems.map((p) => `  - ${p}`).join('\n')}`);
}

function lineOf(text: string, index: number): number {
  return text.slice(0, index).split('\n').length;
}

/**
 * The source with its comments blanked (line breaks kept, so lines still count right): a key or a rule in a
 * comment's example is not a use. Strings and template literals are skipped whole.
 */
function withoutComments(text: string): string {
  let out = '';
  let i = 0;
  while (i < text.length) {
    const c = text[i] ?? '';
    const next = text[i + 1];
    if (c === "'" || c === '"' || c === '`') {
      let j = i + 1;
      while (j < text.length && text[j] !== c && !(c !== '`' && text[j] === '\n')) j += text[j] === '\\' ? 2 : 1;
      out += text.slice(i, j + 1);
      i = j + 1;
    } else if (c === '/' && (next === '/' || next === '*')) {
      const end = next === '/' ? text.indexOf('\n', i) : text.indexOf('*/', i + 2) + 2;
      const stop = end <= 1 || end === -1 ? text.length : end;
      out += text.slice(i, stop).replace(/[^\n]/g, ' ');
      i = stop;
    } else {
      out += c;
      i++;
    }
  }
  return out;
}

function walk(dir: string, keep: (path: string) => boolean, into: string[] = []): string[] {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name === 'dist' || entry.name.startsWith('.')) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) walk(path, keep, into);
    else if (keep(path)) into.push(path);
  }
  return into.sort();
}

/** The areas whose French comes with the first load, as `languages/fr.ts` globs them (and fr-more.ts leaves out). */
function firstLoadAreas(file: string): string[] {
  const match = /messages\/fr\/\{([^}]+)\}\.json/.exec(
    readFileSync(join(CONSOLE_SRC, 'i18n', 'languages', file), 'utf8'),
  );
  return (match?.[1] ?? '').split(',').map((area) => area.trim());
}

/**
 * The console's sources the first load carries: those main.tsx imports statically, and what they import in
 * turn (`import type` and `import()` bring nothing to the first load).
 */
function firstLoadSources(): string[] {
  const seen = new Set<string>();
  const pending = [join(CONSOLE_SRC, 'main.tsx')];
  const STATIC_IMPORT = /^\s*(?:import|export)\s+(?!type\b)(?:[^'";]*?\bfrom\s*)?(['"])(\.{1,2}\/[^'"]+)\1/gm;
  while (pending.length > 0) {
    const path = pending.pop() ?? '';
    if (seen.has(path)) continue;
    seen.add(path);
    for (const match of withoutComments(readFileSync(path, 'utf8')).matchAll(STATIC_IMPORT)) {
      const base = resolve(dirname(path), match[2] ?? '');
      const found = [base, `${base}.ts`, `${base}.tsx`, join(base, 'index.ts')].find(
        (candidate) => /\.tsx?$/.test(candidate) && existsSync(candidate),
      );
      if (found) pending.push(found);
    }
  }
  return [...seen];
}

// ---------------------------------------------------------------------------------------------------------
// The catalogues, read from disk so that every problem can name its file.

interface Entry {
  readonly language: Language;
  readonly file: string;
  readonly key: string;
  readonly message: string;
}

interface Catalogues {
  /** Each language's entries by key (the first file that defines a key). */
  readonly byLanguage: Record<Language, Map<string, Entry>>;
  /** Problems found while reading: unreadable files, values that are not strings, keys defined twice. */
  readonly problems: readonly string[];
}

function readCatalogues(): Catalogues {
  const byLanguage = { fr: new Map(), sw: new Map(), en: new Map() } as Record<Language, Map<string, Entry>>;
  const problems: string[] = [];
  for (const language of LANGUAGES) {
    const dir = join(MESSAGES, language);
    if (!existsSync(dir)) {
      problems.push(`${shown(dir)} does not exist`);
      continue;
    }
    for (const name of readdirSync(dir)
      .filter((n) => n.endsWith('.json'))
      .sort()) {
      const file = shown(join(dir, name));
      let content: unknown;
      try {
        content = JSON.parse(readFileSync(join(dir, name), 'utf8'));
      } catch (error) {
        problems.push(`${file} is not valid JSON: ${error instanceof Error ? error.message : String(error)}`);
        continue;
      }
      if (typeof content !== 'object' || content === null || Array.isArray(content)) {
        problems.push(`${file} must be one flat object of "key": "message"`);
        continue;
      }
      for (const [key, message] of Object.entries(content)) {
        if (typeof message !== 'string') {
          problems.push(`${file}: "${key}" is not a string (keys are flat: "area.thing.detail": "message")`);
          continue;
        }
        const earlier = byLanguage[language].get(key);
        if (earlier) {
          problems.push(
            `"${key}" is defined twice in ${language}: in ${earlier.file} and in ${file} (one wins silently)`,
          );
          continue;
        }
        byLanguage[language].set(key, { language, file, key, message });
      }
    }
  }
  return { byLanguage, problems };
}

/** The file a missing key belongs in: the same area file as in the languages that have it. */
function expectedFile(entry: Entry, language: Language): string {
  return entry.file.replace(`/messages/${entry.language}/`, `/messages/${language}/`);
}

/** Argument names (`{count}`, `{n, plural, …}`) and tags (`<b>`) of a parsed message, nested ones included. */
function placeholdersOf(elements: readonly MessageFormatElement[], into = new Set<string>()): Set<string> {
  for (const element of elements) {
    if (isArgumentElement(element) || isNumberElement(element) || isDateElement(element) || isTimeElement(element)) {
      into.add(`{${element.value}}`);
    } else if (isPluralElement(element) || isSelectElement(element)) {
      into.add(`{${element.value}}`);
      for (const option of Object.values(element.options)) placeholdersOf(option.value, into);
    } else if (isTagElement(element)) {
      into.add(`<${element.value}>`);
      placeholdersOf(element.children, into);
    }
  }
  return into;
}

// ---------------------------------------------------------------------------------------------------------
// The keys the console's source uses.

interface KeyUse {
  readonly key: string;
  readonly where: string;
}

interface TemplateUse {
  /** The literal text before the first `${…}` and after the last one. */
  readonly prefix: string;
  readonly suffix: string;
  /** The interpolated expression, e.g. `c.stage`. */
  readonly expression: string;
  readonly where: string;
}

/** A quoted key, not the start of a concatenation (`t('a.' + x)` is not the key `a.`). */
const QUOTED = String.raw`(['"])([^'"\n]+)\1(?!\s*\+)`;
/** `t('key')`, `t("key")`, `formatMessage({ id: 'key' })`, `<FormattedMessage id="key"`. */
const LITERAL_KEY_PATTERNS = [
  new RegExp(String.raw`\bt\(\s*${QUOTED}`, 'g'),
  new RegExp(String.raw`\bformatMessage\(\s*\{\s*id:\s*${QUOTED}`, 'g'),
  new RegExp(String.raw`<FormattedMessage\b[^>]*?\bid=${QUOTED}`, 'g'),
];
/** `t(cond ? 'a' : 'b')`: both branches are keys. */
const TERNARY_KEYS = /\bt\(\s*[^()'"`\n]*?\?\s*(['"])([^'"\n]+)\1\s*:\s*(['"])([^'"\n]+)\3/g;
/** Outbox labels: `label: 'outbox.action.acceptReferral'` (only dotted keys; other labels are not keys). */
const LABEL_KEY = /\blabel:\s*(['"])([a-z][\w-]*(?:\.[\w-]+)+)\1/g;
/** Keys built from a template: t(`stage.${c.stage}`), formatMessage({ id: `error.rule.${rule}` }), label: `…`. */
const TEMPLATE_KEY_PATTERNS = [
  /\bt\(\s*`([^`]*)`/g,
  /\bformatMessage\(\s*\{\s*id:\s*`([^`]*)`/g,
  /\blabel:\s*`([a-z][^`]*)`/g,
];

function keysUsedIn(text: string, file: string): { literal: KeyUse[]; templates: TemplateUse[] } {
  const literal: KeyUse[] = [];
  const templates: TemplateUse[] = [];
  const where = (index: number) => `${file}:${String(lineOf(text, index))}`;
  for (const pattern of [...LITERAL_KEY_PATTERNS, LABEL_KEY]) {
    for (const match of text.matchAll(pattern)) literal.push({ key: match[2] ?? '', where: where(match.index) });
  }
  for (const match of text.matchAll(TERNARY_KEYS)) {
    literal.push(
      { key: match[2] ?? '', where: where(match.index) },
      { key: match[4] ?? '', where: where(match.index) },
    );
  }
  for (const pattern of TEMPLATE_KEY_PATTERNS) {
    for (const match of text.matchAll(pattern)) {
      const body = match[1] ?? '';
      const first = body.indexOf('${');
      if (first === -1) {
        literal.push({ key: body, where: where(match.index) });
        continue;
      }
      const close = body.indexOf('}', first);
      const last = body.lastIndexOf('}');
      templates.push({
        prefix: body.slice(0, first),
        suffix: body.slice(last + 1),
        expression: body.slice(first + 2, close).trim(),
        where: where(match.index),
      });
    }
  }
  return { literal, templates };
}

function consoleSources(): string[] {
  return walk(
    CONSOLE_SRC,
    (path) =>
      /\.tsx?$/.test(path) &&
      !/\.(test|spec)\.tsx?$/.test(path) &&
      !path.startsWith(join(CONSOLE_SRC, 'gql')) &&
      !path.startsWith(join(CONSOLE_SRC, 'test')),
  );
}

/** The string-union types of src/gql/graphql.ts (GraphQL enums, `enumsAsTypes`): name → values. */
function enumsOf(text: string): Map<string, readonly string[]> {
  const enums = new Map<string, readonly string[]>();
  for (const match of text.matchAll(/export type (\w+) =\s*((?:\|\s*'[^']*'\s*)+);/g)) {
    enums.set(
      match[1] ?? '',
      [...(match[2] ?? '').matchAll(/'([^']*)'/g)].map((m) => m[1] ?? ''),
    );
  }
  return enums;
}

/**
 * The enum a template key's values come from, when it can be told simply: an enum of graphql.ts whose name
 * ends with the interpolated property's name (`c.stage` → `…Stage`, e.g. JointCaseStage) and of which the
 * catalogue has at least one value under the template (so `agencyType.police`, keyed by the token's
 * lower-case value, is not held to the schema's `POLICE`). Of several, the one(s) the catalogue covers most.
 */
function enumsOfTemplate(
  use: TemplateUse,
  enums: ReadonlyMap<string, readonly string[]>,
  keys: ReadonlySet<string>,
): [string, readonly string[]][] {
  const property = /(\w+)[!?]*$/.exec(use.expression.replace(/\?\./g, '.'))?.[1] ?? '';
  if (property.length < 2) return [];
  const suffix = `${property.charAt(0).toUpperCase()}${property.slice(1)}`;
  const covered = (values: readonly string[]) =>
    values.filter((v) => keys.has(`${use.prefix}${v}${use.suffix}`)).length;
  const candidates = [...enums].filter(([name, values]) => name.endsWith(suffix) && covered(values) > 0);
  const best = Math.max(0, ...candidates.map(([, values]) => covered(values)));
  return candidates.filter(([, values]) => covered(values) === best);
}

// ---------------------------------------------------------------------------------------------------------
// What the API can refuse with, read from the platform's sources (libs/**/src, not specs or fixtures).

interface Refusals {
  readonly rules: Map<string, string[]>;
  readonly codes: Map<string, string[]>;
  readonly reasons: Map<string, string[]>;
  /** Places where a rule, code or reason is not a literal, so this check cannot read it. */
  readonly unreadable: string[];
}

function add(map: Map<string, string[]>, name: string, where: string): void {
  map.set(name, [...(map.get(name) ?? []), where]);
}

/** The text of a call's arguments, from just after its `(` to its matching `)`, and the arguments split. */
function argumentsAt(text: string, open: number): string[] {
  const args: string[] = [];
  let depth = 0;
  let quote: string | undefined;
  let start = open;
  for (let i = open; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = undefined;
      continue;
    }
    if (c === "'" || c === '"' || c === '`') quote = c;
    else if (c === '(' || c === '{' || c === '[') depth++;
    else if (c === ')' || c === '}' || c === ']') {
      if (depth === 0) {
        args.push(text.slice(start, i).trim());
        return args.filter((a) => a !== '');
      }
      depth--;
    } else if (c === ',' && depth === 0) {
      args.push(text.slice(start, i).trim());
      start = i + 1;
    }
  }
  return args;
}

/** A string literal without interpolation, or undefined. */
function literal(expression: string | undefined): string | undefined {
  const match = /^(['"`])([^'"`$]*)\1$/.exec((expression ?? '').trim());
  return match?.[2];
}

/** The inside of the object literal whose `{` is at `open`, braces balanced. */
function objectAt(text: string, open: number): string {
  return argumentsAt(text, open + 1).join(', ');
}

const SNAKE = /'([a-z][a-z0-9]*(?:_[a-z0-9]+)*)'/g;
const CODE = /^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+$|^[A-Z]{3,}$/;

/** Every rule, code and reason the sources can answer with, however it is written there. */
function refusalsIn(files: readonly { path: string; text: string }[]): Refusals {
  const refusals: Refusals = { rules: new Map(), codes: new Map(), reasons: new Map(), unreadable: [] };
  const constants = new Map<string, string>();
  for (const { text } of files) {
    for (const m of text.matchAll(/\bconst\s+([A-Z][A-Z0-9_]*)\s*=\s*'([A-Z][A-Z0-9_]*)'/g)) {
      constants.set(m[1] ?? '', m[2] ?? '');
    }
  }
  for (const { path, text } of files) {
    const where = (index: number) => `${path}:${String(lineOf(text, index))}`;
    const rule = (expression: string | undefined, index: number, how: string) => {
      const name = literal(expression);
      if (name !== undefined) add(refusals.rules, name, where(index));
      else
        refusals.unreadable.push(
          `${where(index)}: ${how} with a rule that is not a string literal (${expression ?? ''})`,
        );
    };

    // Rules: `new RuleViolationError('rule', …)`, the specs' helper `rule('rule', …)` wherever it is used
    // outside specs, and a subclass's `super('rule', …)`.
    for (const m of text.matchAll(/\bnew\s+RuleViolationError\s*\(/g)) {
      rule(argumentsAt(text, m.index + m[0].length)[0], m.index, 'new RuleViolationError(…)');
    }
    for (const m of text.matchAll(/(?<![\w.])rule\(\s*(['"`])([a-z][a-z0-9_]*)\1/g)) {
      add(refusals.rules, m[2] ?? '', where(m.index));
    }
    for (const m of text.matchAll(/\bclass\s+\w+\s+extends\s+RuleViolationError\b/g)) {
      const call = /\bsuper\s*\(/.exec(text.slice(m.index));
      if (call)
        rule(argumentsAt(text, m.index + call.index + call[0].length)[0], m.index, 'a RuleViolationError subclass');
    }

    // Codes: `code: 'X'` or `code: CONSTANT`, an error class's `readonly code = 'X'`, the union every domain
    // error's code is one of, the sets of codes passed through (`…CODES = new Set([...])`), and the helpers
    // that answer one (`errorBody('X', …)`, `withCode(error, 'X')`).
    for (const m of text.matchAll(/\bcode:\s*(?:'([A-Z][A-Z0-9_]*)'|([A-Z][A-Z0-9_]*)\b)/g)) {
      const code = m[1] ?? constants.get(m[2] ?? '');
      if (code && CODE.test(code)) add(refusals.codes, code, where(m.index));
    }
    for (const m of text.matchAll(/\breadonly\s+code\s*=\s*'([A-Z][A-Z0-9_]*)'/g))
      add(refusals.codes, m[1] ?? '', where(m.index));
    for (const m of text.matchAll(/\babstract\s+readonly\s+code\s*:([^;]+);/g)) {
      for (const c of (m[1] ?? '').matchAll(/'([A-Z][A-Z0-9_]*)'/g)) add(refusals.codes, c[1] ?? '', where(m.index));
    }
    for (const m of text.matchAll(/\bconst\s+\w*CODES\s*=\s*new\s+Set\(\s*\[([^\]]*)\]/g)) {
      for (const c of (m[1] ?? '').matchAll(/'([A-Z][A-Z0-9_]*)'/g)) add(refusals.codes, c[1] ?? '', where(m.index));
    }
    for (const m of text.matchAll(/\berrorBody\(\s*'([A-Z][A-Z0-9_]*)'/g))
      add(refusals.codes, m[1] ?? '', where(m.index));
    for (const m of text.matchAll(/\bwithCode\([^,()]+,\s*'([A-Z][A-Z0-9_]*)'/g))
      add(refusals.codes, m[1] ?? '', where(m.index));

    // Reasons: an AccessDeniedError's `readonly reason = 'x'`, `reason: …` with literals inside an
    // `extensions: { … }` object, and the literal passed as `reason` to a helper that puts it there
    // (`const refusal = (message, reason) => new GraphQLError(message, { extensions: { …, reason } })`).
    for (const m of text.matchAll(/\breadonly\s+reason\s*(?::\s*string\s*)?=\s*'([a-z][a-z0-9_]*)'/g)) {
      add(refusals.reasons, m[1] ?? '', where(m.index));
    }
    for (const m of text.matchAll(/\bextensions:\s*\{/g)) {
      const object = objectAt(text, m.index + m[0].length - 1);
      for (const r of object.matchAll(/\breason:\s*([^,}]+)/g)) {
        for (const s of (r[1] ?? '').matchAll(SNAKE)) add(refusals.reasons, s[1] ?? '', where(m.index));
      }
    }
    for (const m of text.matchAll(/\bconst\s+(\w+)\s*=\s*\(([^)]*)\)[^=]*=>/g)) {
      const params = (m[2] ?? '').split(',').map((p) => p.split(':')[0]?.trim());
      const index = params.indexOf('reason');
      const body = text.slice(m.index, m.index + 400);
      if (index === -1 || !/\bextensions\b/.test(body)) continue;
      for (const call of text.matchAll(new RegExp(String.raw`(?<![\w.])${m[1] ?? ''}\(`, 'g'))) {
        if (call.index === m.index || text.slice(call.index - 6, call.index).includes('const')) continue;
        const arg = argumentsAt(text, call.index + call[0].length)[index];
        const name = literal(arg);
        if (name !== undefined) add(refusals.reasons, name, where(call.index));
        else
          refusals.unreadable.push(`${where(call.index)}: ${m[1] ?? ''}(…) with a reason that is not a string literal`);
      }
    }
  }
  return refusals;
}

function platformSources(): { path: string; text: string }[] {
  return walk(
    LIBS,
    (path) =>
      /\.ts$/.test(path) &&
      !/\.(spec|test|fixture)\.ts$/.test(path) &&
      !path.endsWith('.d.ts') &&
      path.split(/[\\/]/).includes('src'),
  ).map((path) => ({ path: shown(path), text: withoutComments(readFileSync(path, 'utf8')) }));
}

// ---------------------------------------------------------------------------------------------------------

describe('the message catalogues', () => {
  const { byLanguage, problems: readingProblems } = readCatalogues();
  const allKeys = new Set(LANGUAGES.flatMap((l) => [...byLanguage[l].keys()]));

  it('are flat JSON objects of strings, each key defined once per language', () => {
    expect(existsSync(join(ROOT, 'package.json')), `the repository root was not found at ${ROOT}`).toBe(true);
    report('Catalogue files that cannot be read as they are', readingProblems);
  });

  it('have every key in French, Swahili and English', () => {
    const problems: string[] = [];
    for (const key of [...allKeys].sort()) {
      const present = LANGUAGES.map((l) => byLanguage[l].get(key)).filter((e) => e !== undefined);
      const missing = LANGUAGES.filter((l) => !byLanguage[l].has(key));
      const first = present[0];
      if (missing.length === 0 || !first) continue;
      problems.push(
        `"${key}" (in ${present.map((e) => e.file).join(', ')}) is missing in ${missing
          .map((l) => expectedFile(first, l))
          .join(', ')}`,
      );
    }
    report('Keys missing in some language', problems);
  });

  it('hold valid ICU messages, with the same placeholders in every language', () => {
    const problems: string[] = [];
    for (const key of [...allKeys].sort()) {
      const found: { entry: Entry; placeholders: string }[] = [];
      for (const language of LANGUAGES) {
        const entry = byLanguage[language].get(key);
        if (!entry) continue;
        try {
          const placeholders = [...placeholdersOf(parse(entry.message))].sort().join(' ');
          found.push({ entry, placeholders });
        } catch (error) {
          const detail = error instanceof Error ? error.message : String(error);
          problems.push(`${entry.file}: "${key}" is not valid ICU (${detail}): ${entry.message}`);
        }
      }
      const [reference, ...others] = found;
      for (const other of others) {
        if (reference && other.placeholders !== reference.placeholders) {
          problems.push(
            `"${key}" has placeholders [${reference.placeholders}] in ${reference.entry.file} but [${other.placeholders}] in ${other.entry.file}`,
          );
        }
      }
    }
    report('Messages that react-intl could not format alike in every language', problems);
  });

  it('are translated: no French or Swahili sentence is a copy of the English one', () => {
    const problems: string[] = [];
    for (const [key, english] of byLanguage.en) {
      // A sentence of three words or more; names (Pamoja, Kiswahili) and symbols may be the same.
      if ((english.message.replace(/\{[^}]*\}/g, '').match(/\p{L}{2,}/gu) ?? []).length < 3) continue;
      for (const language of ['fr', 'sw'] as const) {
        const entry = byLanguage[language].get(key);
        if (entry?.message === english.message) problems.push(`${entry.file}: "${key}" is the English text`);
      }
    }
    report('Messages left in English', problems);
  });

  it('have every key the console uses', () => {
    const problems: string[] = [];
    const sources = consoleSources();
    expect(sources.length).toBeGreaterThan(0);
    const enums = existsSync(GRAPHQL_TYPES)
      ? enumsOf(readFileSync(GRAPHQL_TYPES, 'utf8'))
      : new Map<string, string[]>();
    for (const path of sources) {
      const { literal: uses, templates } = keysUsedIn(withoutComments(readFileSync(path, 'utf8')), shown(path));
      for (const use of uses) {
        const missing = LANGUAGES.filter((l) => !byLanguage[l].has(use.key));
        if (missing.length > 0)
          problems.push(`"${use.key}" (used at ${use.where}) is missing in ${missing.join(', ')}`);
      }
      for (const use of templates) {
        const under = [...allKeys].filter((k) => k.startsWith(use.prefix) && k.endsWith(use.suffix));
        if (under.length === 0) {
          problems.push(`no key ${use.prefix}<${use.expression}>${use.suffix} exists (template used at ${use.where})`);
          continue;
        }
        for (const [name, values] of enumsOfTemplate(use, enums, allKeys)) {
          for (const value of values) {
            const key = `${use.prefix}${value}${use.suffix}`;
            const missing = LANGUAGES.filter((l) => !byLanguage[l].has(key));
            if (missing.length > 0) {
              problems.push(
                `"${key}" is missing in ${missing.join(', ')}: ${use.where} shows every ${name} (src/gql/graphql.ts) as ${use.prefix}<value>${use.suffix}`,
              );
            }
          }
        }
      }
    }
    report('Keys the console uses that a catalogue lacks', problems);
  });

  it('bring with the first load every French key the first load uses', () => {
    const areas = firstLoadAreas('fr.ts');
    expect(areas, 'languages/fr.ts and languages/fr-more.ts must name the same first-load areas').toEqual(
      firstLoadAreas('fr-more.ts'),
    );
    const sources = firstLoadSources();
    expect(sources.map(shown)).toEqual(
      expect.arrayContaining(['apps/console/src/app/Layout.tsx', 'apps/console/src/features/queues/HomePage.tsx']),
    );
    const firstFiles = new Set(areas.map((area) => `apps/console/src/i18n/messages/fr/${area}.json`));
    const problems: string[] = [];
    const check = (key: string, where: string) => {
      const entry = byLanguage.fr.get(key);
      if (entry && !firstFiles.has(entry.file)) {
        problems.push(`"${key}" (used at ${where}, in the first load) is in ${entry.file}, which comes later`);
      }
    };
    for (const path of sources) {
      const { literal, templates } = keysUsedIn(withoutComments(readFileSync(path, 'utf8')), shown(path));
      for (const use of literal) check(use.key, use.where);
      for (const use of templates) {
        for (const key of allKeys) if (key.startsWith(use.prefix) && key.endsWith(use.suffix)) check(key, use.where);
      }
    }
    report(
      'Keys the first load reads from a part of French that comes later: move them to a first-load file, or the page past the first load',
      problems,
    );
  });

  describe('the API errors (errors.json)', () => {
    const refusals = refusalsIn(platformSources());
    const sentences: [string, Map<string, string[]>][] = [
      ['error.rule.', refusals.rules],
      ['error.code.', refusals.codes],
      ['error.reason.', refusals.reasons],
    ];

    it('has a sentence for every rule, code and reason the API can answer with', () => {
      expect(refusals.rules.size, 'no rule found in libs/: the scan is broken').toBeGreaterThan(0);
      expect([...refusals.codes.keys()]).toEqual(expect.arrayContaining(['RULE_VIOLATION', 'BAD_USER_INPUT']));
      const problems: string[] = [...refusals.unreadable];
      for (const [prefix, found] of sentences) {
        for (const [name, places] of [...found].sort(([a], [b]) => a.localeCompare(b))) {
          const missing = LANGUAGES.filter((l) => !byLanguage[l].has(`${prefix}${name}`));
          if (missing.length > 0) {
            problems.push(
              `"${prefix}${name}" (answered at ${places[0] ?? '?'}${places.length > 1 ? ` and ${String(places.length - 1)} more` : ''}) is missing in ${missing
                .map((l) => `apps/console/src/i18n/messages/${l}/errors.json`)
                .join(', ')}`,
            );
          }
        }
      }
      report(
        'API refusals without a sentence: add what happened and what to do, in French, Swahili and English, to errors.json',
        problems,
      );
    });

    it('keeps no sentence for a rule, code or reason the API no longer answers with', () => {
      const problems: string[] = [];
      for (const [prefix, found] of sentences) {
        for (const entry of byLanguage.fr.values()) {
          if (entry.key.startsWith(prefix) && !found.has(entry.key.slice(prefix.length))) {
            problems.push(`${entry.file}: "${entry.key}" is answered nowhere in libs/ (renamed or removed?)`);
          }
        }
      }
      report('Error sentences for nothing the API says', problems);
    });

    it('gives RATE_LIMITED the seconds to wait in every language', () => {
      for (const language of LANGUAGES) {
        const message = byLanguage[language].get('error.code.RATE_LIMITED')?.message ?? '';
        expect(placeholdersOf(parse(message)).has('{retryAfter}'), `${language}: error.code.RATE_LIMITED`).toBe(true);
      }
    });
  });
});

describe('the catalogue check itself', () => {
  it('reads keys from t(), formatMessage, FormattedMessage, ternaries, outbox labels and templates', () => {
    const source = [
      "t('a.one'); t(\"a.two\", { n }); intl.formatMessage({ id: 'a.three' });",
      "<FormattedMessage id=\"a.four\" /> t(open ? 'a.five' : 'a.six'); set('not.a.key');",
      "submitCommand({ label: 'outbox.action.accept' }); <input aria-label='Plain text' />",
      't(`stage.${c.stage}`); formatMessage({ id: `error.rule.${rule}` }); t(`plain.key`);',
      "// t('in.a.comment')\n/** `t('nor.in.this', { n })` */ fetch('http://host/x'); t('after.url'); t('built.' + x);",
    ].join('\n');
    const { literal: uses, templates } = keysUsedIn(withoutComments(source), 'x.tsx');
    expect(uses.map((u) => u.key).sort()).toEqual(
      [
        'a.five',
        'a.four',
        'a.one',
        'a.six',
        'a.three',
        'a.two',
        'after.url',
        'outbox.action.accept',
        'plain.key',
      ].sort(),
    );
    expect(uses.find((u) => u.key === 'after.url')?.where).toBe('x.tsx:6');
    expect(uses.find((u) => u.key === 'a.four')?.where).toBe('x.tsx:2');
    expect(templates.map((t) => [t.prefix, t.expression, t.suffix])).toEqual([
      ['stage.', 'c.stage', ''],
      ['error.rule.', 'rule', ''],
    ]);
  });

  it('holds a template to every value of its enum when the catalogue has some', () => {
    const enums = enumsOf("export type JointCaseStage =\n  | 'A'\n  | 'B';\nexport type AgencyType =\n  | 'POLICE';\n");
    expect(enums.get('JointCaseStage')).toEqual(['A', 'B']);
    const use = { prefix: 'stage.', suffix: '', expression: 'c.stage', where: '' };
    expect(enumsOfTemplate(use, enums, new Set(['stage.A']))).toEqual([['JointCaseStage', ['A', 'B']]]);
    const lower = { prefix: 'agencyType.', suffix: '', expression: 'a.agencyType', where: '' };
    expect(enumsOfTemplate(lower, enums, new Set(['agencyType.police']))).toEqual([]);
  });

  it('finds rules, codes and reasons however the platform writes them', () => {
    const found = refusalsIn([
      {
        path: 'libs/x/src/a.ts',
        text: [
          "throw new RuleViolationError(\n  'only_police',\n  `Only ${who}`,\n);",
          "export class GoneError extends RuleViolationError {\n  constructor(id: string) {\n    super('gone', `${id}`);\n  }\n}",
          'throw new RuleViolationError(ruleName, "dynamic");',
          "export const LIMITED = 'LIMITED_NOW';",
          "new GraphQLError('m', { extensions: { code: LIMITED, retryAfterSeconds } });",
          "res.end({ extensions: { code: 'BAD_REQUEST', reason: big ? 'too_large' : 'length_required' } });",
          "export class Denied extends ForbiddenError { override readonly reason = 'not_a_party'; readonly code = 'FORBIDDEN' as const; }",
          'const refusal = (message: string, reason: string): GraphQLError =>\n  new GraphQLError(message, { extensions: { code: LIMITED, reason } });',
          "return [refusal(`too many (at most ${n})`, 'per_user')];",
          "const CLIENT_CODES = new Set(['GRAPHQL_PARSE_FAILED', 'BAD_USER_INPUT']);",
          "send(res, 405, errorBody('METHOD_NOT_ALLOWED', 'use POST'));",
          "problems.push({ field: 'x', reason: 'must_be_text' });",
        ].join('\n'),
      },
    ]);
    expect([...found.rules.keys()].sort()).toEqual(['gone', 'only_police']);
    expect(found.rules.get('only_police')).toEqual(['libs/x/src/a.ts:1']);
    expect([...found.codes.keys()].sort()).toEqual(
      [
        'BAD_REQUEST',
        'BAD_USER_INPUT',
        'FORBIDDEN',
        'GRAPHQL_PARSE_FAILED',
        'LIMITED_NOW',
        'METHOD_NOT_ALLOWED',
      ].sort(),
    );
    expect([...found.reasons.keys()].sort()).toEqual(['length_required', 'not_a_party', 'per_user', 'too_large']);
    expect(found.unreadable).toEqual([
      'libs/x/src/a.ts:10: new RuleViolationError(…) with a rule that is not a string literal (ruleName)',
    ]);
  });
});
