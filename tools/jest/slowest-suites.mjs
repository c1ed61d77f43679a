// A reporter that ends the run with its slowest test files and the time each tier took in its workers, so
// that the run's length can be kept in check: what to make faster, or to share, is named in every run's output.
const SHOWN = 20;

export default class SlowestSuites {
  onRunComplete(_contexts, results) {
    const suites = results.testResults
      .map((r) => ({
        file: r.testFilePath.slice(process.cwd().length + 1),
        tier: r.displayName?.name ?? '',
        seconds: (r.perfStats.end - r.perfStats.start) / 1000,
      }))
      .filter((s) => Number.isFinite(s.seconds) && s.seconds > 0)
      .sort((a, b) => b.seconds - a.seconds);
    if (suites.length === 0) return;
    const byTier = new Map();
    for (const s of suites) byTier.set(s.tier, (byTier.get(s.tier) ?? 0) + s.seconds);
    const total = suites.reduce((n, s) => n + s.seconds, 0);
    const lines = [
      '',
      `Slowest test files (of ${String(suites.length)}; ${total.toFixed(0)} s in workers in all: ${[...byTier]
        .map(([tier, seconds]) => `${tier || 'no tier'} ${seconds.toFixed(0)} s`)
        .join(', ')})`,
      ...suites.slice(0, SHOWN).map((s) => `${s.seconds.toFixed(1).padStart(7)} s  ${s.tier.padEnd(8)} ${s.file}`),
      '',
    ];
    process.stdout.write(`${lines.join('\n')}\n`);
  }
}
