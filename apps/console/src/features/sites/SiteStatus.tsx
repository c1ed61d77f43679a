import type { MineSiteStatus } from '../../gql/graphql';
import { useT } from '../../i18n/i18n';
import './sites.css';

/**
 * A status said in words, with its colour and its shape beside them: never the colour alone. The shape
 * is the map's marker for the same status.
 */
export function SiteStatus({ status }: { readonly status: MineSiteStatus }) {
  const t = useT();
  return (
    <span className={`site-status site-status-${status.toLowerCase()}`} data-status={status}>
      <svg viewBox="-6 -6 12 12" width="12" height="12" aria-hidden="true" focusable="false">
        <StatusShape status={status} size={5} />
      </svg>{' '}
      <strong>{t(`sites.status.${status}`)}</strong>
    </span>
  );
}

/** The marker of a status, centred on 0,0: RED a square, YELLOW a triangle, GREEN a circle, BLUE a diamond. */
export function StatusShape({ status, size }: { readonly status: MineSiteStatus; readonly size: number }) {
  const className = `site-marker site-marker-${status.toLowerCase()}`;
  switch (status) {
    case 'RED':
      return <rect className={className} x={-size} y={-size} width={size * 2} height={size * 2} />;
    case 'YELLOW':
      return (
        <polygon
          className={className}
          points={`0,${String(-size * 1.2)} ${String(size * 1.1)},${String(size * 0.9)} ${String(-size * 1.1)},${String(size * 0.9)}`}
        />
      );
    case 'GREEN':
      return <circle className={className} r={size} />;
    case 'BLUE':
      return (
        <polygon
          className={className}
          points={`0,${String(-size * 1.3)} ${String(size * 1.3)},0 0,${String(size * 1.3)} ${String(-size * 1.3)},0`}
        />
      );
  }
}
