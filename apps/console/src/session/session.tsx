import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { configureClient } from '../api/client';
import { closeOutbox, openOutboxFor } from '../api/outbox';
import { forgetSnapshots } from '../api/snapshots';

/** Who is signed in, as the token says (the platform verifies it on every request). */
export interface Session {
  readonly token: string;
  readonly userId: string;
  readonly agencyId: string;
  readonly agencyType: string;
  readonly roles: readonly string[];
  readonly expiresAt: string;
  /** Signed by the development issuer: the console says so on every page. */
  readonly development: boolean;
}

const STORAGE_KEY = 'pamoja.session';

export function sessionOfToken(token: string, development: boolean): Session | undefined {
  try {
    const payload = token.split('.')[1];
    if (!payload) return undefined;
    const json = atob(payload.replaceAll('-', '+').replaceAll('_', '/'));
    const claims = JSON.parse(new TextDecoder().decode(Uint8Array.from(json, (c) => c.charCodeAt(0)))) as Record<
      string,
      unknown
    >;
    const { sub, agency_id, agency_type, roles, exp } = claims;
    if (typeof sub !== 'string' || typeof agency_id !== 'string' || typeof agency_type !== 'string') return undefined;
    if (!Array.isArray(roles) || typeof exp !== 'number') return undefined;
    return {
      token,
      userId: sub,
      agencyId: agency_id,
      agencyType: agency_type,
      roles: roles.filter((r): r is string => typeof r === 'string'),
      expiresAt: new Date(exp * 1000).toISOString(),
      development,
    };
  } catch {
    return undefined;
  }
}

function storedSession(): Session | undefined {
  try {
    const text = localStorage.getItem(STORAGE_KEY);
    if (!text) return undefined;
    const session = JSON.parse(text) as Session;
    return Date.parse(session.expiresAt) > Date.now() ? session : undefined;
  } catch {
    return undefined;
  }
}

interface SessionState {
  readonly session: Session | undefined;
  readonly signIn: (session: Session) => void;
  readonly signOut: () => void;
}

const SessionContext = createContext<SessionState>({
  session: undefined,
  signIn: () => undefined,
  signOut: () => undefined,
});

export function ownerOf(session: Session): string {
  return `${session.agencyId}/${session.userId}`;
}

export function SessionProvider({ children, initial }: { children: ReactNode; initial?: Session }) {
  const [session, setSession] = useState<Session | undefined>(() => initial ?? storedSession());
  const signIn = useCallback((next: Session) => {
    localStorage.setItem(STORAGE_KEY, JSON.stringify(next));
    setSession(next);
  }, []);
  const signOut = useCallback(() => {
    setSession((current) => {
      if (current) void forgetSnapshots(ownerOf(current));
      return undefined;
    });
    // The signed-out person's waiting commands leave the screen at once (they stay on the device, unsent,
    // until the same person signs in again).
    closeOutbox();
    localStorage.removeItem(STORAGE_KEY);
  }, []);
  // Set while rendering, so that the first requests of the children (their effects run first) carry it.
  configureClient({ token: () => session?.token, unauthenticated: signOut });
  useEffect(() => {
    if (session) void openOutboxFor(ownerOf(session));
  }, [session]);
  const value = useMemo(() => ({ session, signIn, signOut }), [session, signIn, signOut]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionState {
  return useContext(SessionContext);
}
