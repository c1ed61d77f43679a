import { describe, expect, it } from '@jest/globals';
import { IsEmail, IsOptional, IsString, MaxLength, ValidateNested } from 'class-validator';
import { Type } from 'class-transformer';
import { InvalidInputError } from '@pamoja/contracts';
import { createValidationPipe, unsafeTextProblems } from './validation.js';

class Line {
  @IsString() @MaxLength(50) text!: string;
}
class Note {
  @IsString() @MaxLength(200) summary!: string;
  @IsOptional() @ValidateNested({ each: true }) @Type(() => Line) lines?: Line[];
}

class Contact {
  @IsOptional() @IsEmail({}, { message: 'must be an email address' }) email?: string;
}

const pipe = createValidationPipe();
const asArgs = { type: 'body' as const, metatype: Note, data: 'input' };

async function refusal(value: unknown): Promise<InvalidInputError> {
  try {
    await pipe.transform(value, asArgs);
  } catch (error) {
    if (error instanceof InvalidInputError) return error;
    throw error;
  }
  throw new Error('the input was accepted');
}

describe('text no input may carry', () => {
  it('refuses a NUL, other control characters and broken Unicode, naming the field', async () => {
    expect((await refusal({ summary: 'before\u0000after' })).problems).toEqual([
      { field: 'summary', reason: 'must not contain control characters (other than tab and line breaks)' },
    ]);
    for (const text of ['\u0007ring', 'esc \u001b[31m', 'del \u007f', 'c1 \u009b']) {
      expect((await refusal({ summary: text })).problems.map((p) => p.field)).toEqual(['summary']);
    }
    for (const text of ['pit \uD800 four', '\uDC00 end', '\uDE00\uD83D']) {
      expect((await refusal({ summary: text })).problems).toEqual([
        { field: 'summary', reason: 'must be valid Unicode text' },
      ]);
    }
  });

  it('names broken text even where a validator fails on it (an email check throws on a lone surrogate)', async () => {
    const error: unknown = await pipe
      .transform({ email: 'pit \uD800 four' }, { type: 'body', metatype: Contact, data: 'contact' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidInputError);
    expect((error as InvalidInputError).problems).toContainEqual({
      field: 'email',
      reason: 'must be valid Unicode text',
    });
  });

  it('names nested fields by their path and keeps the other problems of the input', async () => {
    const error = await refusal({ summary: 'x'.repeat(201), lines: [{ text: 'fine' }, { text: 'bad\u0000' }] });
    expect(error.problems).toEqual([
      { field: 'lines.1.text', reason: 'must not contain control characters (other than tab and line breaks)' },
      { field: 'summary', reason: 'summary must be shorter than or equal to 200 characters' },
    ]);
  });

  it('accepts tabs, line breaks, emoji, right-to-left text and characters beyond the basic plane', async () => {
    const summary = 'Kivu 🇨🇩 ⛏️\tline\r\nnext \u202Eabc 𝓐 e\u0301';
    await expect(pipe.transform({ summary }, asArgs)).resolves.toMatchObject({ summary });
    expect(unsafeTextProblems({ a: [summary, { b: 'ok' }], n: 3, d: new Date(0) })).toEqual([]);
  });

  it('checks a plain argument too, under its own name', async () => {
    const error: unknown = await pipe
      .transform('id\u0000', { type: 'query', metatype: String, data: 'code' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidInputError);
    expect((error as InvalidInputError).problems).toEqual([
      { field: 'code', reason: 'must not contain control characters (other than tab and line breaks)' },
    ]);
  });
});
