import { spawn } from 'node:child_process';
import { describe, expect, it } from '@jest/globals';
import { cpuSnapshot, cpuUsed, ELSEWHERE, LOAD_GENERATOR, MACHINE, type ProcessCpu } from './process-cpu.js';

const snapshot = (entries: [number, string, number][]): Map<number, ProcessCpu> =>
  new Map(entries.map(([pid, group, seconds]) => [pid, { group, seconds }]));

describe('CPU per process of a bench', () => {
  it('adds up what each process used in between, by group; one that ended is lost, never taken away', () => {
    const before = snapshot([
      [-1, MACHINE, 100],
      [0, LOAD_GENERATOR, 1],
      [10, 'PostgreSQL (all its processes)', 5],
      // A connection's backend that ends before the second snapshot, with its 30 s of CPU.
      [11, 'PostgreSQL (all its processes)', 30],
      [20, 'gateway', 2],
    ]);
    const after = snapshot([
      [-1, MACHINE, 110],
      [0, LOAD_GENERATOR, 1.5],
      [10, 'PostgreSQL (all its processes)', 7],
      // A backend started in between: all of it counts.
      [12, 'PostgreSQL (all its processes)', 0.5],
      [20, 'gateway', 4],
    ]);
    const used = cpuUsed(before, after);
    expect(Object.fromEntries(used)).toEqual({
      [MACHINE]: 10,
      [LOAD_GENERATOR]: 0.5,
      'PostgreSQL (all its processes)': 2.5,
      gateway: 2,
      [ELSEWHERE]: 5,
    });
  });

  (process.platform === 'linux' ? it : it.skip)(
    'names a child of server mode by its service, and counts the bench and the machine',
    async () => {
      // It works a little, says so, and stays until it is killed: however slowly a loaded machine starts it, it is
      // there when the snapshot looks.
      const child = spawn(
        process.execPath,
        [
          '-e',
          "const end = Date.now() + 100; while (Date.now() < end); process.stdout.write('ready\\n'); setInterval(() => undefined, 1000);",
        ],
        { env: { ...process.env, PAMOJA_SERVICE: 'referrals' }, stdio: ['ignore', 'pipe', 'ignore'] },
      );
      const exited = new Promise<void>((resolve) => {
        child.once('exit', () => {
          resolve();
        });
      });
      try {
        await new Promise<void>((resolve, reject) => {
          child.stdout.once('data', () => {
            resolve();
          });
          child.once('exit', (code) => {
            reject(new Error(`the child exited (${String(code)}) before it was ready`));
          });
        });
        const taken = await cpuSnapshot(process.pid);
        const groups = new Map([...taken.values()].map((p) => [p.group, p.seconds]));
        expect(groups.get('referrals service')).toEqual(expect.any(Number));
        expect(groups.get(LOAD_GENERATOR)).toBeGreaterThan(0);
        expect(groups.get(MACHINE)).toBeGreaterThan(0);
      } finally {
        child.kill();
        await exited;
      }
    },
  );
});
