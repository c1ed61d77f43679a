import 'reflect-metadata';
import { Logger as NestLogger, type DynamicModule, type INestApplication, type Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { lockDataDir, type PlatformConfig } from '@pamoja/platform/config';
import { MAX_OPERATION_BYTES } from '@pamoja/platform/graphql';
import { consoleWeb, findConsoleDir } from '@pamoja/platform/web';
import { httpServerTracing, isTracedPath, serverTiming, setupTracing } from '@pamoja/platform/telemetry';

export interface StartedService {
  readonly app: INestApplication;
  readonly url: string;
  stop(): Promise<void>;
}

/** Starts a service: one request body limit, logs through pino, graceful shutdown on SIGINT/SIGTERM. */
export async function startService(
  root: Type | DynamicModule,
  config: PlatformConfig,
  options: {
    handleSignals?: boolean;
    /** Serve the console at `/` and the development sign-in (embedded mode: the whole platform on one origin). */
    console?: boolean;
    /**
     * Runs once the application is initialised and before it listens: what must be in place before the first
     * request and the first healthy answer (a new development log's demonstration directory).
     */
    beforeListen?: (app: INestApplication) => Promise<void>;
  } = {},
): Promise<StartedService> {
  // Once per process: spans named after the service, exported when OTEL_EXPORTER_OTLP_ENDPOINT says where (ADR 0029).
  setupTracing({ serviceName: config.serviceName });
  const unlock = config.mode === 'embedded' ? await lockDataDir(config.dataDir, config.serviceName) : undefined;
  let app: INestApplication;
  try {
    app = await NestFactory.create(root, { bufferLogs: true, bodyParser: false });
    app.useLogger(app.get(Logger));
    for (const warning of config.warnings) new NestLogger('Configuration').warn(warning);
    // GraphQL bodies are small; a large body is an attack, not a referral (WebSocket messages likewise).
    const { json } = await import('express');
    app.use(json({ limit: MAX_OPERATION_BYTES }));
    // The server span of each request, continuing the caller's traceparent: after the body is read, whose
    // stream callbacks would lose the active context. Only the API and the feeds are traced (`isTracedPath`).
    app.use(httpServerTracing({ ignore: (path) => !isTracedPath(path) }));
    // Where each API request's time went, in its answer's Server-Timing header.
    app.use(serverTiming({ ignore: (path) => !isTracedPath(path) }));
    if (options.console) {
      const web = await consoleWeb({
        auth: config.auth,
        dataDir: config.dataDir,
        production: config.production,
        consoleDir: findConsoleDir(),
      });
      for (const handler of web) app.use(handler);
    }
    app.enableShutdownHooks(options.handleSignals === false ? [] : ['SIGINT', 'SIGTERM']);
    if (options.beforeListen) {
      await app.init();
      await options.beforeListen(app);
    }
    await app.listen(config.port, '0.0.0.0');
  } catch (error) {
    await unlock?.();
    throw error;
  }
  const server = app.getHttpServer() as { address(): { port: number } | string | null };
  const address = server.address();
  const url = `http://localhost:${typeof address === 'object' && address ? address.port : config.port}`;
  let stopped = false;
  const stop = async (): Promise<void> => {
    if (stopped) return;
    stopped = true;
    await app.close();
    await unlock?.();
  };
  new NestLogger('Bootstrap').log(`${config.serviceName} (${config.mode} mode) listening on ${url}/graphql`);
  return { app, url, stop };
}
