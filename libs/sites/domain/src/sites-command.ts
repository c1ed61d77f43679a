import { type Actor } from '@pamoja/contracts';

/** The actor comes from the verified token; `now` from the application's clock, so the domain stays pure. */
export interface SitesCommandMetadata {
  readonly actor: Actor;
  readonly now: Date;
}

export interface SitesCommand<TType extends string, TData, TMetadata = SitesCommandMetadata> {
  readonly type: TType;
  readonly data: TData;
  readonly metadata: TMetadata;
}
