import { readFileSync, rmSync } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

const LOCK_FILE = 'pamoja.pid';

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * PGlite's files must have one process at a time: a second one would corrupt them. The platform and
 * the command-line tools take this lock before opening the data directory.
 */
export async function lockDataDir(dataDir: string, purpose: string): Promise<() => Promise<void>> {
  await mkdir(dataDir, { recursive: true });
  const file = join(dataDir, LOCK_FILE);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      await writeFile(file, `${process.pid}\n${purpose}\n`, { flag: 'wx' });
      const release = (): void => {
        process.off('exit', release);
        try {
          if (readFileSync(file, 'utf8').startsWith(`${process.pid}\n`)) rmSync(file, { force: true });
        } catch {
          // already gone
        }
      };
      // However the process ends (a signal after shutdown hooks, an uncaught error), the lock goes with it.
      process.on('exit', release);
      return () => {
        release();
        return Promise.resolve();
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const [pidText = '', holder = 'another process'] = (await readFile(file, 'utf8').catch(() => '')).split('\n');
      const pid = Number(pidText);
      if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && alive(pid)) {
        throw new Error(`the data directory ${dataDir} is in use by ${holder} (pid ${pid}); stop it first`);
      }
      // Left behind by a process that died: take it over.
      await rm(file, { force: true });
    }
  }
  throw new Error(`could not lock the data directory ${dataDir}`);
}
