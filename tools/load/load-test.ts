/**
 * The load test: a mixed workload of the platform's users through its GraphQL API (HTTP, and graphql-ws for the
 * live feeds), at a fixed rate, with latency percentiles per operation and errors by code.
 *
 *   npm run load -- --rate 50 --seconds 20
 *   npm run load -- --help
 *
 * Exits 0 when every operation succeeded and the achieved rates are within 5% of the targets, 1 otherwise (so a
 * series of runs finds the knee), 2 on a wrong command line (a non-loopback --url among them). See
 * docs/load-testing.md.
 */
import { cliProgram, runCli } from '@pamoja/platform/cli';
import { loadProgram } from './program.js';

const program = loadProgram(
  cliProgram('load', 'Drives a mixed workload through the GraphQL API and reports latencies.'),
);

try {
  await runCli(program);
} catch (error) {
  process.stderr.write(`load: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
}
