import { type ErasureReason } from './personal-data-keys.js';

/**
 * Where an event type carries personal data, declared by the context that owns the event: the fields
 * (dotted paths into the event's data) and whose data it is (the subject, e.g. `victim:<assistanceId>`).
 */
export interface PersonalDataDeclaration {
  readonly eventType: string;
  readonly paths: readonly string[];
  readonly subjectOf: (data: Readonly<Record<string, unknown>>) => string;
}

/** An event that erases a subject's personal data: once it is stored, the subject's key is destroyed. */
export interface ErasureDeclaration {
  readonly eventType: string;
  readonly subjectOf: (data: Readonly<Record<string, unknown>>) => string;
  readonly reasonOf: (data: Readonly<Record<string, unknown>>) => ErasureReason;
}

/**
 * One registry per process; each context module declares its own events at start (the platform does not
 * know the contexts). Encryption needs the declarations; decryption recognises envelopes wherever they are.
 */
export class PersonalDataRegistry {
  private readonly personal = new Map<string, PersonalDataDeclaration>();
  private readonly erasures = new Map<string, ErasureDeclaration>();

  declare(...declarations: readonly PersonalDataDeclaration[]): this {
    for (const declaration of declarations) {
      const known = this.personal.get(declaration.eventType);
      if (known && known !== declaration) {
        throw new Error(`personal data of ${declaration.eventType} is already declared`);
      }
      this.personal.set(declaration.eventType, declaration);
    }
    return this;
  }

  declareErasure(...declarations: readonly ErasureDeclaration[]): this {
    for (const declaration of declarations) {
      const known = this.erasures.get(declaration.eventType);
      if (known && known !== declaration) throw new Error(`erasure by ${declaration.eventType} is already declared`);
      this.erasures.set(declaration.eventType, declaration);
    }
    return this;
  }

  personalDataOf(eventType: string): PersonalDataDeclaration | undefined {
    return this.personal.get(eventType);
  }

  erasureOf(eventType: string): ErasureDeclaration | undefined {
    return this.erasures.get(eventType);
  }
}
