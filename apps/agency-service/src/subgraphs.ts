import 'reflect-metadata';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Module, type DynamicModule } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { GraphQLSchemaHost } from '@nestjs/graphql';
import { graphql, lexicographicSortSchema, printSchema, type GraphQLSchema } from 'graphql';
import { type SubgraphSource } from '@pamoja/gateway';
import { loadConfig, type PlatformConfig } from '@pamoja/platform/config';
import { PlatformModule } from '@pamoja/platform/runtime';
import { AGENCY_SERVICES, AgencyServiceModule, type AgencyServiceName } from './service.module.js';

/** The agency services, in the order server mode starts them. */
export const SERVICE_ORDER = Object.keys(AGENCY_SERVICES) as AgencyServiceName[];

/**
 * Where each service listens in server mode (tools/server-mode.mjs): the base port plus this offset. The
 * relay keeps BASE+7, where it was before the integrations service came; that service is on BASE+8.
 */
export const SERVICE_PORT_OFFSET: Readonly<Record<AgencyServiceName, number>> = {
  referrals: 1,
  sites: 2,
  investigations: 3,
  prosecutions: 4,
  assistance: 5,
  coordination: 6,
  integrations: 8,
};

async function schemaOf(root: DynamicModule): Promise<GraphQLSchema> {
  const app = await NestFactory.create(root, { logger: ['error'], abortOnError: false });
  try {
    await app.init();
    return app.get(GraphQLSchemaHost).schema;
  } finally {
    await app.close();
  }
}

async function withScratchConfig<T>(serviceName: string, run: (config: ReturnType<typeof loadConfig>) => Promise<T>) {
  const dir = await mkdtemp(join(tmpdir(), 'pamoja-schema-'));
  try {
    const config = loadConfig(
      { PAMOJA_MODE: 'embedded', PAMOJA_DATA_DIR: dir, LOG_LEVEL: 'silent' },
      { mode: 'embedded', serviceName },
    );
    return await run(config);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * Every agency service's subgraph SDL, as the service itself serves it (`_service { sdl }`), built from
 * the same modules without starting the services: what CI composes and checks.
 */
export async function agencySubgraphs(urlOf: (service: AgencyServiceName) => string): Promise<SubgraphSource[]> {
  const sources: SubgraphSource[] = [];
  for (const service of SERVICE_ORDER) {
    const sdl = await withScratchConfig(`pamoja-${service}`, async (config) => {
      const schema = await schemaOf(AgencyServiceModule.forRoot(config, service));
      const result = await graphql({ schema, source: '{ _service { sdl } }' });
      const data = result.data as { _service?: { sdl?: string } } | null | undefined;
      if (!data?._service?.sdl) throw new Error(`${service} serves no subgraph SDL: ${JSON.stringify(result.errors)}`);
      return data._service.sdl;
    });
    sources.push({ name: service, url: urlOf(service), sdl });
  }
  return sources;
}

@Module({})
class AllContextsModule {}

/**
 * The schema of every context module in one process, as the embedded app serves it, printed in a stable
 * order: the API a client sees without a gateway.
 */
export async function embeddedSchemaSdl(): Promise<string> {
  return withScratchConfig('pamoja-schema', async (config) =>
    printSchema(lexicographicSortSchema(await schemaOf(allContextsModule(config)))),
  );
}

/** Every context module in one application, as the embedded app composes them. */
export function allContextsModule(config: PlatformConfig): DynamicModule {
  return { module: AllContextsModule, imports: [PlatformModule.forRoot(config), ...Object.values(AGENCY_SERVICES)] };
}
