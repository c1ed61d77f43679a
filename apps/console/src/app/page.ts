/** What every page receives: the parameters of its path (e.g. `id` of `/cases/:id`). */
export interface PageProps {
  readonly params: Record<string, string>;
}
