import { useCallback, useEffect, useRef, useState } from 'react';
import { request } from '../../api/client';
import { ApiError, OfflineError } from '../../api/errors';
import type { ConsoleAssistancePersonalQuery } from '../../gql/graphql';
import { AssistancePersonalQuery } from './operations';

export type PersonalData = ConsoleAssistancePersonalQuery['assistanceCase'];

export interface PersonalState {
  readonly data: PersonalData | undefined;
  readonly error: ApiError | undefined;
  readonly offline: boolean;
  readonly loading: boolean;
  readonly show: () => void;
  readonly hide: () => void;
}

/**
 * The victim's personal data, read only when the person asks for it and held in this page's memory only:
 * unlike `useQuery`, nothing is written to the device (a lost or seized phone holds no name, phone number
 * or whereabouts), nothing is logged, and leaving the page or pressing "hide" forgets it. Each read is
 * audited by the platform, so it is never read without a reason.
 */
export function usePersonalData(assistanceId: string): PersonalState {
  const [data, setData] = useState<PersonalData>();
  const [error, setError] = useState<ApiError>();
  const [offline, setOffline] = useState(false);
  const [loading, setLoading] = useState(false);
  const controller = useRef<AbortController | undefined>(undefined);

  const hide = useCallback(() => {
    controller.current?.abort();
    controller.current = undefined;
    setData(undefined);
    setError(undefined);
    setOffline(false);
    setLoading(false);
  }, []);

  const show = useCallback(() => {
    controller.current?.abort();
    const current = new AbortController();
    controller.current = current;
    setLoading(true);
    setError(undefined);
    setOffline(false);
    request(AssistancePersonalQuery, { id: assistanceId }, { signal: current.signal }).then(
      (answer) => {
        if (current.signal.aborted) return;
        setData(answer.assistanceCase);
        setLoading(false);
      },
      (failure: unknown) => {
        if (current.signal.aborted) return;
        setLoading(false);
        if (failure instanceof OfflineError) setOffline(true);
        else setError(failure instanceof ApiError ? failure : new ApiError('error', 'INTERNAL_SERVER_ERROR'));
      },
    );
  }, [assistanceId]);

  // Gone with the page: nothing of it outlives the screen it was shown on.
  useEffect(() => () => controller.current?.abort(), []);

  return { data, error, offline, loading, show, hide };
}
