import { lazy, type ComponentType } from 'react';
import { chosenLanguage, DEFAULT_LANGUAGE, loadCatalogue } from '../i18n/catalogue';
import { type PageProps } from './page';

/**
 * The messages a page past the first load reads: the chosen language's, else French's (what the console
 * reads in while a chosen language has not arrived). Offline before either came, the page opens anyway, with
 * what is at hand.
 */
async function messagesForPages(): Promise<void> {
  const chosen = chosenLanguage();
  try {
    await loadCatalogue(chosen);
  } catch {
    if (chosen !== DEFAULT_LANGUAGE) await loadCatalogue(DEFAULT_LANGUAGE).catch(() => undefined);
  }
}

/**
 * A page loaded when it is first opened (its own chunk), with its messages, so the console's first load
 * carries only the pages everyone needs. `lazyPage(() => import('./MeetingPage'), 'MeetingPage')`.
 */
export function lazyPage<K extends string>(
  load: () => Promise<Record<K, ComponentType<PageProps>>>,
  name: K,
): ComponentType<PageProps> {
  return lazy(async (): Promise<{ default: ComponentType<PageProps> }> => {
    const [module] = await Promise.all([load(), messagesForPages()]);
    return { default: module[name] };
  });
}
