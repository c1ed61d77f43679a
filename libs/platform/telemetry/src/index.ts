// Telemetry of every process: Prometheus metrics (prom-client) and OpenTelemetry traces.
export {};
export * from './metrics.js';
export * from './tracing.js';
export * from './server-timing.js';
