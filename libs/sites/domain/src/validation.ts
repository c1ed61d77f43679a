import { type FieldProblem, InvalidInputError } from '@pamoja/contracts';
import { SITES_LIMITS } from './vocabularies.js';

/** Collects every problem of a command, so a client on a poor connection fixes its input in one round trip. */
export class Problems {
  private readonly list: FieldProblem[] = [];

  add(field: string, reason: string): void {
    this.list.push({ field, reason });
  }

  /** Trims required free text; records a problem when blank or too long. */
  requiredText(field: string, value: string, max: number = SITES_LIMITS.maxTextLength): string {
    const text = typeof value === 'string' ? value.trim() : '';
    if (text === '') this.add(field, 'is required');
    else if (text.length > max) this.add(field, `must be at most ${max} characters`);
    return text;
  }

  /** Trims optional free text to null; records a problem when too long. */
  optionalText(field: string, value: string | null | undefined, max: number = SITES_LIMITS.maxTextLength) {
    const text = value?.trim() ?? '';
    if (text.length > max) this.add(field, `must be at most ${max} characters`);
    return text === '' ? null : text;
  }

  /** A valid instant; records a problem otherwise. */
  instant(field: string, value: Date): number | undefined {
    const time = value instanceof Date ? value.getTime() : Number.NaN;
    if (Number.isNaN(time)) {
      this.add(field, 'is not a valid date');
      return undefined;
    }
    return time;
  }

  throwIfAny(): void {
    if (this.list.length > 0) throw new InvalidInputError(this.list);
  }
}

export function duplicates<T>(values: readonly T[]): T[] {
  return [...new Set(values.filter((value, index) => values.indexOf(value) !== index))];
}
