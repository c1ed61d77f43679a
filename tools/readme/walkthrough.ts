/**
 * The README's walkthrough as data, for tools/readme-walkthrough.e2e.spec.ts, which runs it against a real
 * platform. A fenced code block belongs to the walkthrough when an HTML comment (invisible once rendered)
 * stands on the line before it, blank lines allowed:
 *
 *   <!-- walkthrough:setup -->        the commands a reader types before anything else (`npm ci`, `npm start`);
 *                                     checked, not run: the spec builds and starts the platform as they do
 *   <!-- walkthrough:run NAME -->     shell lines, run with bash in the order of the README, each block in a
 *                                     shell that has the variables the blocks before it set
 *   <!-- walkthrough:answer NAME -->  the JSON the block `NAME` prints, as the README shows it: the real
 *                                     answer must have its shape and values (see `answerMismatches`)
 */
import { spawn } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';

export type WalkthroughKind = 'setup' | 'run' | 'answer';

export interface WalkthroughBlock {
  readonly kind: WalkthroughKind;
  /** `setup` for the setup block; the name given after `run` or `answer` otherwise. */
  readonly name: string;
  /** The fence's info string (`sh`, `json`). */
  readonly lang: string;
  readonly code: string;
  /** The line of the opening fence, from 1. */
  readonly line: number;
}

const MARKER = /^\s*<!--\s*walkthrough:(\S+?)(?:\s+(\S+))?\s*-->\s*$/;
const FENCE = /^(\s{0,3})(`{3,}|~{3,})\s*([^`\s]*)/;
const NAME = /^[a-z0-9][a-z0-9-]*$/;

/** The marked blocks of `markdown`, in order; throws, naming the line, on a marker that does not fit. */
export function extractWalkthrough(markdown: string, file = 'README.md'): WalkthroughBlock[] {
  const lines = markdown.split(/\r?\n/);
  const blocks: WalkthroughBlock[] = [];
  const seen = new Set<string>();
  for (let i = 0; i < lines.length; i++) {
    const marker = MARKER.exec(lines[i] ?? '');
    if (!marker) continue;
    const where = `${file}:${i + 1}`;
    const kind = marker[1] ?? '';
    if (kind !== 'setup' && kind !== 'run' && kind !== 'answer') {
      throw new Error(`${where}: unknown walkthrough marker "walkthrough:${kind}" (setup, run NAME or answer NAME)`);
    }
    const name = kind === 'setup' ? 'setup' : (marker[2] ?? '');
    if (kind !== 'setup' && !NAME.test(name)) {
      throw new Error(`${where}: "walkthrough:${kind}" needs a name of lower-case letters, digits and dashes`);
    }
    const key = `${kind} ${name}`;
    if (seen.has(key)) throw new Error(`${where}: a second "walkthrough:${key}" block`);
    seen.add(key);
    let j = i + 1;
    while (j < lines.length && (lines[j] ?? '').trim() === '') j++;
    const fence = FENCE.exec(lines[j] ?? '');
    if (!fence) throw new Error(`${where}: the marker "walkthrough:${key}" is not followed by a fenced code block`);
    const [, , ticks = '```', lang = ''] = fence;
    const body: string[] = [];
    let k = j + 1;
    for (; k < lines.length; k++) {
      const line = lines[k] ?? '';
      const close = /^\s{0,3}(`{3,}|~{3,})\s*$/.exec(line);
      if (close?.[1]?.startsWith(ticks[0] ?? '`') && close[1].length >= ticks.length) break;
      body.push(line);
    }
    if (k >= lines.length) throw new Error(`${file}:${j + 1}: the code block of "walkthrough:${key}" is never closed`);
    blocks.push({ kind, name, lang, code: body.join('\n'), line: j + 1 });
    i = k;
  }
  for (const answer of blocks.filter((b) => b.kind === 'answer')) {
    if (!blocks.some((b) => b.kind === 'run' && b.name === answer.name)) {
      throw new Error(
        `${file}:${answer.line}: "walkthrough:answer ${answer.name}" has no "walkthrough:run ${answer.name}"`,
      );
    }
  }
  return blocks;
}

/** The commands of a shell block, one a line, without comments and blank lines. */
export function commandsOf(code: string): string[] {
  return code
    .split('\n')
    .map((line) => line.replace(/\s+#.*$/, '').trim())
    .filter((line) => line !== '' && !line.startsWith('#'));
}

/** The snippet with the README's address (`localhost:4000`) turned into the platform under test's. */
export function withPort(code: string, port: number): string {
  return code.replace(/\b(localhost|127\.0\.0\.1):4000\b/g, `$1:${port}`);
}

/** Shell variables a snippet sets (`NAME=...`, `export NAME=...` at the start of a line). */
export function assignedVariables(code: string): string[] {
  const names = new Set<string>();
  for (const line of code.split('\n')) {
    const assignment = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)=/.exec(line);
    if (assignment?.[1]) names.add(assignment[1]);
  }
  return [...names];
}

/**
 * The JSON values printed one after the other in `text` (curl prints no newline after an answer), and
 * whatever else was printed.
 */
export function jsonValuesIn(text: string): { values: unknown[]; other: string } {
  const values: unknown[] = [];
  let other = '';
  let i = 0;
  while (i < text.length) {
    const c = text.charAt(i);
    if (c !== '{' && c !== '[') {
      other += c;
      i++;
      continue;
    }
    let depth = 0;
    let inString = false;
    let end = -1;
    for (let j = i; j < text.length; j++) {
      const d = text[j];
      if (inString) {
        if (d === '\\') j++;
        else if (d === '"') inString = false;
      } else if (d === '"') inString = true;
      else if (d === '{' || d === '[') depth++;
      else if (d === '}' || d === ']') {
        depth--;
        if (depth === 0) {
          end = j + 1;
          break;
        }
      }
    }
    const candidate = end < 0 ? undefined : text.slice(i, end);
    try {
      if (candidate === undefined) throw new Error('unterminated');
      values.push(JSON.parse(candidate));
      i = end;
    } catch {
      other += c;
      i++;
    }
  }
  return { values, other: other.trim() };
}

const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;
const KIVU_TIME = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2} CAT$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Where `actual` differs from the answer the README shows (`expected`), as `$.data.x: ...` lines; none when
 * it fits. Objects: every key shown must be there (the real answer may have more). Arrays: each element
 * shown must match an element of the real array, in order. Strings: equal, except that a value with `…`
 * stands for one that varies (an id shown as `3cc266f9-…` must be a UUID; any other must begin and end as
 * shown: `Referral NK-…-R1 submitted` is a referral's reference in a sentence), and a time shown as
 * `2026-11-27T08:40:12.345Z` or `2026-11-27 10:40 CAT` must be a time written the same way.
 */
export function answerMismatches(expected: unknown, actual: unknown, path = '$'): string[] {
  const show = (value: unknown): string => (value === undefined ? 'nothing' : JSON.stringify(value));
  if (typeof expected === 'string') {
    if (expected.includes('…')) {
      if (typeof actual !== 'string') return [`${path}: expected a string (${show(expected)}), got ${show(actual)}`];
      const shown = expected.slice(0, expected.indexOf('…'));
      const after = expected.slice(expected.indexOf('…') + 1);
      if (/^[0-9a-f]{4,}-/i.test(shown)) {
        return UUID.test(actual) ? [] : [`${path}: expected a UUID (${show(expected)}), got ${show(actual)}`];
      }
      return actual.startsWith(shown) && actual.endsWith(after) && actual.length > shown.length + after.length
        ? []
        : [`${path}: expected ${show(expected)} (… for what varies), got ${show(actual)}`];
    }
    for (const format of [ISO_TIME, KIVU_TIME]) {
      if (format.test(expected)) {
        return typeof actual === 'string' && format.test(actual)
          ? []
          : [`${path}: expected a time written like ${show(expected)}, got ${show(actual)}`];
      }
    }
  }
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual)) return [`${path}: expected an array, got ${show(actual)}`];
    let from = 0;
    for (const [index, element] of expected.entries()) {
      let found = -1;
      for (let j = from; j < actual.length && found < 0; j++) {
        if (answerMismatches(element, actual[j], `${path}[${j}]`).length === 0) found = j;
      }
      if (found < 0) {
        const near: unknown = actual[Math.min(from, actual.length - 1)];
        const why = actual.length === 0 ? ['the array is empty'] : answerMismatches(element, near, `${path}[${from}]`);
        return [`${path}[${index}]: no element matches ${show(element)} (${why.join('; ')})`];
      }
      from = found + 1;
    }
    return [];
  }
  if (expected !== null && typeof expected === 'object') {
    if (actual === null || typeof actual !== 'object' || Array.isArray(actual)) {
      return [`${path}: expected an object, got ${show(actual)}`];
    }
    return Object.entries(expected).flatMap(([key, value]) =>
      key in actual
        ? answerMismatches(value, (actual as Record<string, unknown>)[key], `${path}.${key}`)
        : [`${path}.${key}: missing`],
    );
  }
  return Object.is(expected, actual) ? [] : [`${path}: expected ${show(expected)}, got ${show(actual)}`];
}

export interface ShellResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
  /** The variables the snippet set, as it left them. */
  readonly variables: Readonly<Record<string, string>>;
}

export interface ShellSession {
  /** Runs a snippet with bash (`set -eo pipefail`), with the variables the snippets before it set. */
  run(code: string, timeoutMs?: number): Promise<ShellResult>;
}

/**
 * A terminal a reader types snippets into, one after the other: each runs in its own bash, which first
 * reads the variables the earlier ones left (kept in `stateFile`, as `declare -p` prints them).
 */
export function shellSession(options: {
  readonly cwd: string;
  readonly env: NodeJS.ProcessEnv;
  readonly stateFile: string;
}): ShellSession {
  const known = new Set<string>();
  let started = false;
  return {
    async run(code, timeoutMs = 120_000) {
      if (!started) {
        await writeFile(options.stateFile, '', 'utf8');
        started = true;
      }
      const assigned = assignedVariables(code);
      for (const name of assigned) known.add(name);
      const valuesFile = `${options.stateFile}.values`;
      await writeFile(valuesFile, '', 'utf8');
      const names = [...known].join(' ');
      const script = [
        'set -eo pipefail',
        `source ${quote(options.stateFile)}`,
        code,
        '',
        // `declare -p` without names would print every variable, read-only ones included.
        names === ''
          ? `: > ${quote(options.stateFile)}`
          : `declare -p ${names} > ${quote(options.stateFile)} 2>/dev/null || true`,
        `for name in ${assigned.join(' ')}; do printf '%s=%s\\0' "$name" "\${!name-}"; done > ${quote(valuesFile)}`,
      ].join('\n');
      const result = await new Promise<Omit<ShellResult, 'variables'>>((resolve, reject) => {
        const child = spawn('bash', ['-c', script], { cwd: options.cwd, env: options.env, stdio: 'pipe' });
        let stdout = '';
        let stderr = '';
        child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
        child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
        const timer = setTimeout(() => {
          stderr += `\n(killed after ${timeoutMs} ms)`;
          child.kill('SIGKILL');
        }, timeoutMs);
        child.on('error', reject);
        child.on('close', (exitCode) => {
          clearTimeout(timer);
          resolve({ code: exitCode, stdout, stderr });
        });
      });
      const variables: Record<string, string> = {};
      for (const entry of (await readFile(valuesFile, 'utf8')).split('\0')) {
        const eq = entry.indexOf('=');
        if (eq > 0) variables[entry.slice(0, eq)] = entry.slice(eq + 1);
      }
      return { ...result, variables };
    },
  };
}

function quote(text: string): string {
  return `'${text.replaceAll("'", "'\\''")}'`;
}
