import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { configureClient } from '../api/client';
import { closeOutbox, openOutboxFor } from '../api/outbox';
import { forgetSnapshots } from '../api/snapshots';
import { leaveFor } from '../auth/navigation';
import { endSessionUrl, SignInError } from '../auth/provider';
import { keepFresh } from '../auth/refresh';
import { forgetProviderSignIn, keepProviderSignIn, providerSignIn, sessionOfProviderToken } from '../auth/signed-in';

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
  /** The person's name, as the identity provider gives it (none with the development sign-in). */
  readonly displayName?: string;
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

/**
 * The session kept on the device: a development one in localStorage (eight hours, marked on every page),
 * else the identity provider's, from this tab's tokens (see `keepProviderSignIn` for why not localStorage),
 * while its access token is valid.
 */
function storedSession(): Session | undefined {
  try {
    const text = localStorage.getItem(STORAGE_KEY);
    if (text) {
      const session = JSON.parse(text) as Session;
      if (Date.parse(session.expiresAt) > Date.now()) return session;
    }
  } catch {
    // Unreadable: as if there were none.
  }
  const provider = providerSignIn();
  if (!provider || provider.tokens.expiresAt <= Date.now()) return undefined;
  return sessionOfProviderToken(provider.tokens.accessToken, provider.tokens.idToken);
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
    // The identity provider's tokens are kept by the sign-in that got them (this tab only).
    if (next.development) localStorage.setItem(STORAGE_KEY, JSON.stringify(next));
    setSession(next);
  }, []);
  /** Signs out on this device only (the provider's session, if any, stays: signing in again is one step). */
  const signOutHere = useCallback(() => {
    setSession((current) => {
      if (current) void forgetSnapshots(ownerOf(current));
      return undefined;
    });
    // The signed-out person's waiting commands leave the screen at once (they stay on the device, unsent,
    // until the same person signs in again).
    closeOutbox();
    localStorage.removeItem(STORAGE_KEY);
    forgetProviderSignIn();
  }, []);
  const signOut = useCallback(() => {
    const provider = providerSignIn();
    signOutHere();
    // Signed in at the identity provider: signed out there too, then back to the sign-in page.
    const end = provider ? endSessionUrl(provider.endSession, provider.settings, provider.tokens) : undefined;
    if (end) leaveFor(end);
  }, [signOutHere]);
  // Set while rendering, so that the first requests of the children (their effects run first) carry it.
  // A token the platform refuses ends the session here only.
  configureClient({ token: () => session?.token, unauthenticated: signOutHere });
  useEffect(() => {
    if (session) void openOutboxFor(ownerOf(session));
  }, [session]);
  // The identity provider's access token is renewed before it expires, for as long as the provider allows.
  useEffect(() => {
    const provider = providerSignIn();
    if (!session || session.development || !provider || provider.tokens.accessToken !== session.token) return;
    return keepFresh({
      expiresAt: provider.tokens.expiresAt,
      refresh: async () => {
        // The provider's library comes with the first refresh, not with the console's first load; a link
        // down at that moment is a provider out of reach (tried again), never a reason to sign out.
        const { refreshTokens } = await import('../auth/oidc').catch((cause: unknown) => {
          throw new SignInError('unreachable', { cause });
        });
        const tokens = await refreshTokens(provider.settings, provider.tokens);
        const renewed = sessionOfProviderToken(tokens.accessToken, tokens.idToken);
        if (!renewed || renewed.agencyId !== session.agencyId || renewed.userId !== session.userId) {
          throw new SignInError('refused');
        }
        keepProviderSignIn({ ...provider, tokens });
        setSession(renewed);
      },
      ended: signOutHere,
    });
  }, [session, signOutHere]);
  const value = useMemo(() => ({ session, signIn, signOut }), [session, signIn, signOut]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionState {
  return useContext(SessionContext);
}
