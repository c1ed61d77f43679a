// The command-line conventions (ADR 0031) on their own, so that a tool parses its command line, and answers
// --help or a usage error, before it loads the platform it runs.
export * from './cli.js';
