/**
 * CPU per process of a bench (Linux /proc; nothing elsewhere): the processes of server mode by name (their service,
 * the relay, the gateway), PostgreSQL and the Kafka broker, the bench itself, and the whole machine, so a figure
 * can be read against what else was running.
 */
import { execFileSync } from 'node:child_process';
import { readdir, readFile } from 'node:fs/promises';

let clockTicks: number | undefined;

/** A process's CPU seconds so far and its parent, from /proc/<pid>/stat; undefined when it is gone. */
async function statOf(pid: number): Promise<{ cpuSeconds: number; parent: number; comm: string } | undefined> {
  try {
    clockTicks ??= Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
    const stat = await readFile(`/proc/${String(pid)}/stat`, 'utf8');
    const comm = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // After the name: state, ppid, ...; utime and stime are the 12th and 13th.
    return { parent: Number(fields[1]), cpuSeconds: (Number(fields[11]) + Number(fields[12])) / clockTicks, comm };
  } catch {
    return undefined;
  }
}

/** What a process of server mode is: its service (PAMOJA_SERVICE), the relay or the gateway. */
async function nameOf(pid: number): Promise<string> {
  try {
    const environ = (await readFile(`/proc/${String(pid)}/environ`, 'utf8')).split('\0');
    const service = environ.find((v) => v.startsWith('PAMOJA_SERVICE='))?.slice('PAMOJA_SERVICE='.length);
    if (service) return `${service} service`;
    const cmdline = await readFile(`/proc/${String(pid)}/cmdline`, 'utf8');
    if (cmdline.includes('apps/relay/')) return 'relay';
    if (cmdline.includes('apps/gateway/')) return 'gateway';
  } catch {
    // gone, or not ours to read
  }
  return `process ${String(pid)}`;
}

/** A process's CPU seconds so far, with the group it counts in. */
export interface ProcessCpu {
  readonly group: string;
  readonly seconds: number;
}

export const LOAD_GENERATOR = 'load generator (this bench)';
export const ELSEWHERE = 'everything else on the machine';
export const MACHINE = 'whole machine busy';

/** CPU time of the whole machine so far, busy (not idle nor waiting for I/O), in core-seconds (/proc/stat), or NaN. */
async function machineBusySeconds(): Promise<number> {
  try {
    clockTicks ??= Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
    const ticks = ((await readFile('/proc/stat', 'utf8')).split('\n')[0] ?? '')
      .trim()
      .split(/\s+/)
      .slice(1, 9)
      .map(Number);
    const idle = (ticks[3] ?? 0) + (ticks[4] ?? 0);
    return (ticks.reduce((sum, t) => sum + t, 0) - idle) / clockTicks;
  } catch {
    return Number.NaN;
  }
}

/**
 * CPU seconds used so far, by process id: each process of server mode (the children of `root`), every PostgreSQL
 * process (whoever's work it does), the Kafka broker; with this process (the load generator, id 0 here) and the
 * whole machine (id -1).
 */
export async function cpuSnapshot(root: number | undefined): Promise<Map<number, ProcessCpu>> {
  const processes = new Map<number, ProcessCpu>();
  const own = process.cpuUsage();
  processes.set(0, { group: LOAD_GENERATOR, seconds: (own.user + own.system) / 1e6 });
  processes.set(-1, { group: MACHINE, seconds: await machineBusySeconds() });
  let pids: number[];
  try {
    pids = (await readdir('/proc')).filter((e) => /^\d+$/.test(e)).map(Number);
  } catch {
    return processes;
  }
  for (const pid of pids) {
    const stat = await statOf(pid);
    if (!stat) continue;
    let group: string | undefined;
    if (root !== undefined && stat.parent === root) group = await nameOf(pid);
    else if (stat.comm === 'postgres') group = 'PostgreSQL (all its processes)';
    else if (stat.comm === 'java') {
      const cmdline = await readFile(`/proc/${String(pid)}/cmdline`, 'utf8').catch(() => '');
      if (cmdline.includes('kafka.Kafka')) group = 'Kafka broker';
    }
    if (group) processes.set(pid, { group, seconds: stat.cpuSeconds });
  }
  return processes;
}

/**
 * CPU seconds used between two snapshots, by group: a process started meanwhile counts in full, one that ended is
 * lost. Besides the groups, what the rest of the machine used (its busy time less theirs) and the machine's busy time.
 */
export function cpuUsed(before: Map<number, ProcessCpu>, after: Map<number, ProcessCpu>): Map<string, number> {
  const used = new Map<string, number>();
  let ours = 0;
  for (const [pid, { group, seconds }] of after) {
    const since = seconds - (before.get(pid)?.seconds ?? 0);
    if (!Number.isFinite(since)) continue;
    used.set(group, (used.get(group) ?? 0) + since);
    if (group !== MACHINE) ours += since;
  }
  const machine = used.get(MACHINE);
  if (machine !== undefined) used.set(ELSEWHERE, machine - ours);
  return used;
}
