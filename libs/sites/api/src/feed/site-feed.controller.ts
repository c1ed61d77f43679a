import { createHash } from 'node:crypto';
import { Controller, Get, Inject, Module, Param, Req, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { type Request, type Response } from 'express';
import { AuthenticationError, BEARER_ACTORS, type BearerActors } from '@pamoja/platform/auth';
import { CLOCK, PLATFORM_CONFIG, type Clock, type PlatformConfig } from '@pamoja/platform/config';
import { SiteFeedQuery, type SiteFeed } from '@pamoja/sites/application';
import { isMineSiteCode } from '@pamoja/sites/domain';
import { renderSiteFeedAtom } from './site-feed.atom.js';
import { renderSiteFeedCsv } from './site-feed.csv.js';
import { SITE_FEED_SCHEMA } from './site-feed.schema.js';

/** How long a reader may reuse an answer before asking again (the document changes once a day at most). */
const MAX_AGE_SECONDS = 300;

/** The error body of the feed's HTTP answers: a code, a stable reason and a sentence. */
export interface SiteFeedError {
  readonly error: { readonly code: string; readonly reason: string; readonly message: string };
}

function errorBody(code: string, reason: string, message: string): SiteFeedError {
  return { error: { code, reason, message } };
}

/**
 * The supply-chain feed per mine site over HTTP (docs/site-feed.md): JSON with its JSON Schema, CSV and Atom,
 * and one site's JSON. Readable with any agency's or integrator's bearer token, verified as GraphQL verifies
 * it, or without one where the operator made the feed public (`PAMOJA_SITE_FEED_PUBLIC=true`). The schema is
 * served to anyone: it holds no data.
 */
@Controller('feeds')
export class SiteFeedController {
  constructor(
    private readonly queries: QueryBus,
    @Inject(PLATFORM_CONFIG) private readonly config: PlatformConfig,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(BEARER_ACTORS) private readonly actors: BearerActors,
  ) {}

  @Get('sites.schema.json')
  schema(@Req() req: Request, @Res() res: Response): void {
    send(req, res, 'application/schema+json; charset=utf-8', `${JSON.stringify(SITE_FEED_SCHEMA, null, 2)}\n`, true);
  }

  @Get('sites.json')
  async json(@Req() req: Request, @Res() res: Response): Promise<void> {
    const feed = await this.read(req, res);
    if (feed) this.answer(req, res, 'application/json; charset=utf-8', `${JSON.stringify(feed)}\n`);
  }

  @Get('sites.csv')
  async csv(@Req() req: Request, @Res() res: Response): Promise<void> {
    const feed = await this.read(req, res);
    if (!feed) return;
    res.setHeader('content-disposition', `inline; filename="pamoja-sites-${feed.asOf.slice(0, 10)}.csv"`);
    this.answer(req, res, 'text/csv; charset=utf-8; header=present', renderSiteFeedCsv(feed));
  }

  @Get('sites.atom')
  async atom(@Req() req: Request, @Res() res: Response): Promise<void> {
    const feed = await this.read(req, res);
    if (feed) this.answer(req, res, 'application/atom+xml; charset=utf-8', renderSiteFeedAtom(feed));
  }

  /** One site's JSON, `/feeds/sites/NK-MAS-014.json`: 404 when the code is unknown to the feed. */
  @Get('sites/:file')
  async site(@Param('file') file: string, @Req() req: Request, @Res() res: Response): Promise<void> {
    const code = file.endsWith('.json') ? file.slice(0, -'.json'.length) : '';
    if (!isMineSiteCode(code)) {
      sendJson(
        res,
        404,
        errorBody('NOT_FOUND', 'unknown_site', `No site feed at ${file}: ask for <code>.json, e.g. NK-MAS-014.json`),
      );
      return;
    }
    const feed = await this.read(req, res, code);
    if (!feed) return;
    if (feed.sites.length === 0) {
      const days = String(this.config.publication.siteFeedDelayDays);
      sendJson(
        res,
        404,
        errorBody(
          'NOT_FOUND',
          'unknown_site',
          `Site ${code} is not in the feed: not registered, or registered less than ${days} days ago`,
        ),
      );
      return;
    }
    this.answer(req, res, 'application/json; charset=utf-8', `${JSON.stringify(feed)}\n`);
  }

  /** The feed when the caller may read it; otherwise the refusal is sent and nothing is read. */
  private async read(req: Request, res: Response, code?: string): Promise<SiteFeed | undefined> {
    const { publication } = this.config;
    if (!publication.siteFeedPublic) {
      try {
        // Any agency of the directory may read it, integrators included: it holds nothing an agency may not see.
        await this.actors.actorOf(req.headers.authorization);
      } catch (error) {
        if (!(error instanceof AuthenticationError)) throw error;
        const reason = req.headers.authorization ? 'token_refused' : 'token_required';
        res.setHeader(
          'www-authenticate',
          `Bearer realm="pamoja", error="${reason === 'token_required' ? 'invalid_request' : 'invalid_token'}"`,
        );
        sendJson(res, 401, errorBody('UNAUTHENTICATED', reason, error.message));
        return undefined;
      }
    }
    const settings = { delayDays: publication.siteFeedDelayDays, minCellCount: publication.minCellCount };
    return this.queries.execute(new SiteFeedQuery(this.clock.now(), settings, code));
  }

  private answer(req: Request, res: Response, contentType: string, body: string): void {
    send(req, res, contentType, body, this.config.publication.siteFeedPublic);
  }
}

function sendJson(res: Response, status: number, body: unknown): void {
  res.status(status).setHeader('content-type', 'application/json; charset=utf-8');
  res.setHeader('cache-control', 'no-store');
  res.send(JSON.stringify(body));
}

/**
 * A document with its ETag (a digest of the bytes): a reader that sends it back in If-None-Match gets 304 and
 * no body. Shared caches may keep a public feed; a feed behind tokens is kept by the reader only.
 */
function send(req: Request, res: Response, contentType: string, body: string, shared: boolean): void {
  const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 32)}"`;
  res.setHeader('etag', etag);
  res.setHeader('cache-control', `${shared ? 'public' : 'private'}, max-age=${String(MAX_AGE_SECONDS)}`);
  res.setHeader('vary', 'authorization');
  res.setHeader('x-content-type-options', 'nosniff');
  const match = req.headers['if-none-match'];
  if (match !== undefined && match.split(',').some((tag) => tag.trim() === etag || tag.trim() === '*')) {
    res.status(304).end();
    return;
  }
  res.status(200).setHeader('content-type', contentType);
  res.send(body);
}

/** The feed's HTTP endpoints, beside the sites' GraphQL (imported by the sites context). */
@Module({ controllers: [SiteFeedController] })
export class SiteFeedModule {}
