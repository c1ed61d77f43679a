import { type ComponentType } from 'react';

/** What every page receives: the parameters of its path (e.g. `id` of `/cases/:id`). */
export interface PageProps {
  readonly params: Record<string, string>;
}

/** A page of the console at a path (`/cases/:id`); the first route that matches is shown. */
export interface Route {
  readonly path: string;
  readonly page: ComponentType<PageProps>;
}

/** A link of the main menu, shown to the agency types (and roles) it is for; everyone when unsaid. */
export interface NavItem {
  readonly href: string;
  /** Catalogue key of the link's text. */
  readonly label: string;
  readonly agencyTypes?: readonly string[];
  /** Shown only to a person with one of these roles. */
  readonly roles?: readonly string[];
}

/** What a feature of the console adds: its pages and its menu links. */
export interface Feature {
  readonly routes: readonly Route[];
  readonly nav: readonly NavItem[];
}
