import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { createContext, useCallback, useContext } from 'react';
import type { Locale } from '../../../shared/messages.js';
import type { Permission } from '../../../shared/permissions.js';
import type { Me, Session } from '../../../shared/schemas/auth.js';
import { ApiError, setCsrfToken } from '../../api/client.js';
import { showError } from '../../api/errors.js';
import { queryClient, SESSION_KEY } from '../../api/queryClient.js';
import { changeLocale } from '../../i18n/index.js';
import { forgetRegion } from '../../region/RegionContext.js';
import { authApi } from './auth.api.js';

async function fetchSession(): Promise<Session | null> {
  try {
    const session = await authApi.me();
    setCsrfToken(session.csrfToken);
    return session;
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) {
      setCsrfToken(null);
      return null;
    }
    throw error;
  }
}

/** The logged-in session, or null when nobody is logged in. */
export function useSession() {
  return useQuery({ queryKey: SESSION_KEY, queryFn: fetchSession, staleTime: 5 * 60_000 });
}

/** Store a session the server just handed out (after login). */
export function acceptSession(session: Session): void {
  setCsrfToken(session.csrfToken);
  queryClient.setQueryData<Session | null>(SESSION_KEY, session);
}

export function useLogout() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => authApi.logout(),
    onSettled: () => {
      setCsrfToken(null);
      forgetRegion();
      client.clear();
      client.setQueryData<Session | null>(SESSION_KEY, null);
    },
    meta: { silent: true },
  });
}

/** The logged-in user, provided by the admin layout once the session is known. */
export const MeContext = createContext<Me | null>(null);

export function useMe(): Me {
  const me = useContext(MeContext);
  if (!me) throw new Error('useMe() is only available inside the admin layout');
  return me;
}

/** True when the user holds the permission over at least one region. */
export function can(me: Me, permission: Permission): boolean {
  return (me.permissions[permission]?.length ?? 0) > 0;
}

/** Switch the language; a logged-in user's choice is also saved on the server. */
export function useChangeLocale(): (locale: Locale) => void {
  const client = useQueryClient();
  return useCallback(
    (locale: Locale) => {
      void changeLocale(locale);
      const session = client.getQueryData<Session | null>(SESSION_KEY);
      if (session) authApi.setLocale(locale).catch((error: unknown) => showError(error));
    },
    [client],
  );
}
