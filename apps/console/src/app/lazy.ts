import { lazy, type ComponentType } from 'react';
import { type PageProps } from './page';

/**
 * A page loaded when it is first opened (its own chunk), so the console's first load carries only the
 * pages everyone needs. `lazyPage(() => import('./MeetingPage'), 'MeetingPage')`.
 */
export function lazyPage<K extends string>(
  load: () => Promise<Record<K, ComponentType<PageProps>>>,
  name: K,
): ComponentType<PageProps> {
  return lazy(async (): Promise<{ default: ComponentType<PageProps> }> => ({ default: (await load())[name] }));
}
