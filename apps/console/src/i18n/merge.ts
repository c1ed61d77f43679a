/** The messages of one language, from its files (one per area of the console). */
export function mergeCatalogue(files: Record<string, Record<string, string>>): Readonly<Record<string, string>> {
  return Object.assign({}, ...Object.values(files)) as Readonly<Record<string, string>>;
}
