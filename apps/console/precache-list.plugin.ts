import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Plugin } from 'vite';

/** Where the service worker reads which assets the build has (apps/console/public/sw.js). */
export const PRECACHE_LIST = 'precache.json';

/**
 * Writes `precache.json`: every script and stylesheet of the build, lazily loaded chunks included. The service
 * worker keeps them all on the device after the first visit, so a page first opened offline (a referral
 * submitted at a mine site with no link) still opens, while the first load itself carries only what a person
 * sees first. Source maps are left out: nobody needs them offline.
 */
export function precacheList(): Plugin {
  return {
    name: 'pamoja-precache-list',
    apply: 'build',
    // Once the files are written: Vite drops the empty script of a stylesheet-only chunk after generateBundle.
    writeBundle(options, bundle) {
      const assets = Object.keys(bundle)
        .filter((file) => file.startsWith('assets/') && /\.(js|css)$/.test(file))
        .sort()
        .map((file) => `/${file}`);
      if (!options.dir) throw new Error('the console build has no output directory for precache.json');
      writeFileSync(join(options.dir, PRECACHE_LIST), `${JSON.stringify({ assets }, null, 1)}\n`);
    },
  };
}
