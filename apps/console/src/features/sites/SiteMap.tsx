import { type MouseEvent } from 'react';
import { navigate } from '../../app/router';
import type { MineSiteStatus } from '../../gql/graphql';
import { useT } from '../../i18n/i18n';
import { StatusShape } from './SiteStatus';
import { SITE_STATUSES } from './vocabulary';
import './sites.css';

export interface MappedSite {
  readonly siteId: string;
  readonly code: string;
  readonly name: string;
  readonly latitude: number;
  readonly longitude: number;
  readonly status: MineSiteStatus;
}

/** North and South Kivu, roughly: what the plot shows (degrees). */
export const MAP_BOUNDS = { west: 26.5, east: 30, south: -5, north: 1 } as const;
/** Pixels per degree of the plot (the drawing scales to its box). */
const SCALE = 80;
const MARGIN = { left: 34, right: 12, top: 12, bottom: 26 } as const;
const WIDTH = (MAP_BOUNDS.east - MAP_BOUNDS.west) * SCALE;
const HEIGHT = (MAP_BOUNDS.north - MAP_BOUNDS.south) * SCALE;

const LONGITUDES = [26.5, 27, 27.5, 28, 28.5, 29, 29.5, 30];
const LATITUDES = [1, 0, -1, -2, -3, -4, -5];

const x = (longitude: number) => MARGIN.left + (longitude - MAP_BOUNDS.west) * SCALE;
const y = (latitude: number) => MARGIN.top + (MAP_BOUNDS.north - latitude) * SCALE;

export const sitePath = (code: string) => `/sites/${encodeURIComponent(code)}`;

export function insideMap(site: Pick<MappedSite, 'latitude' | 'longitude'>): boolean {
  return (
    site.longitude >= MAP_BOUNDS.west &&
    site.longitude <= MAP_BOUNDS.east &&
    site.latitude >= MAP_BOUNDS.south &&
    site.latitude <= MAP_BOUNDS.north
  );
}

/**
 * The sites on a plain coordinate plot (longitude across, latitude up, a graticule every half degree of
 * longitude and every degree of latitude): no tiles, so it draws offline. Each site is a marker of its
 * status's colour and shape, labelled by its code, a link to its page reached by Tab. The table beside
 * it lists the same sites for those who do not read the plot.
 */
export function SiteMap({ sites, titleId }: { readonly sites: readonly MappedSite[]; readonly titleId: string }) {
  const t = useT();
  const shown = sites.filter(insideMap);
  const outside = sites.length - shown.length;
  const degrees = (value: number, positive: string, negative: string) =>
    `${String(Math.abs(value))}°${value === 0 ? '' : value > 0 ? positive : negative}`;
  const open = (event: MouseEvent<HTMLAnchorElement>, code: string) => {
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey) return;
    event.preventDefault();
    navigate(sitePath(code));
  };
  return (
    <figure className="sites-map">
      <svg
        viewBox={`0 0 ${String(WIDTH + MARGIN.left + MARGIN.right)} ${String(HEIGHT + MARGIN.top + MARGIN.bottom)}`}
        role="group"
        aria-labelledby={titleId}
      >
        <g aria-hidden="true">
          <rect x={MARGIN.left} y={MARGIN.top} width={WIDTH} height={HEIGHT} fill="none" stroke="#8a939c" />
          {LONGITUDES.map((lon) => (
            <g key={`lon${String(lon)}`}>
              <line className="graticule" x1={x(lon)} x2={x(lon)} y1={MARGIN.top} y2={MARGIN.top + HEIGHT} />
              <text className="axis-label" x={x(lon)} y={MARGIN.top + HEIGHT + 12} textAnchor="middle">
                {degrees(lon, 'E', 'W')}
              </text>
            </g>
          ))}
          {LATITUDES.map((lat) => (
            <g key={`lat${String(lat)}`}>
              <line className="graticule" x1={MARGIN.left} x2={MARGIN.left + WIDTH} y1={y(lat)} y2={y(lat)} />
              <text className="axis-label" x={MARGIN.left - 4} y={y(lat) + 3} textAnchor="end">
                {degrees(lat, 'N', 'S')}
              </text>
            </g>
          ))}
          <text className="axis-label" x={MARGIN.left + WIDTH / 2} y={MARGIN.top + HEIGHT + 24} textAnchor="middle">
            {t('sites.map.longitude')}
          </text>
        </g>
        {shown.map((site) => {
          const label = t('sites.map.marker', {
            code: site.code,
            name: site.name,
            status: t(`sites.status.${site.status}`),
          });
          return (
            <a
              key={site.siteId}
              href={sitePath(site.code)}
              aria-label={label}
              onClick={(event) => open(event, site.code)}
              onKeyDown={(event) => {
                // Enter follows the link whether or not the browser activates links inside a drawing.
                if (event.key !== 'Enter') return;
                event.preventDefault();
                navigate(sitePath(site.code));
              }}
              data-status={site.status}
            >
              <title>{label}</title>
              <g transform={`translate(${String(x(site.longitude))} ${String(y(site.latitude))})`}>
                <StatusShape status={site.status} size={5} />
                <text className="site-label" x={8} y={3} aria-hidden="true">
                  {site.code}
                </text>
              </g>
            </a>
          );
        })}
      </svg>
      <figcaption>
        <ul className="sites-legend" aria-label={t('sites.map.legend')}>
          {SITE_STATUSES.map((status) => (
            <li key={status}>
              <svg viewBox="-7 -7 14 14" width="14" height="14" aria-hidden="true" focusable="false">
                <StatusShape status={status} size={5} />
              </svg>{' '}
              {t(`sites.status.${status}`)}
            </li>
          ))}
        </ul>
        {outside > 0 ? <p>{t('sites.map.outside', { count: outside })}</p> : null}
      </figcaption>
    </figure>
  );
}
