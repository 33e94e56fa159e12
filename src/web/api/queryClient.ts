import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query';
import type { Session } from '../../shared/schemas/auth.js';
import { ApiError, setCsrfToken } from './client.js';
import { isSessionLost, showError, type FieldSink } from './errors.js';

declare module '@tanstack/react-query' {
  interface Register {
    queryMeta: { silent?: boolean };
    mutationMeta: { form?: FieldSink; silent?: boolean };
  }
}

/** Key of the logged-in session; its data is null when nobody is logged in. */
export const SESSION_KEY = ['session'] as const;

function onError(error: unknown, silent: boolean | undefined, form?: FieldSink): void {
  if (isSessionLost(error)) {
    setCsrfToken(null);
    queryClient.setQueryData<Session | null>(SESSION_KEY, null);
    return;
  }
  if (!silent) showError(error, form);
}

export const queryClient: QueryClient = new QueryClient({
  queryCache: new QueryCache({
    onError: (error, query) => onError(error, query.meta?.silent),
  }),
  mutationCache: new MutationCache({
    onError: (error, _variables, _context, mutation) =>
      onError(error, mutation.meta?.silent, mutation.meta?.form),
  }),
  defaultOptions: {
    queries: {
      retry: (count, error) =>
        count < 2 && (!(error instanceof ApiError) || error.code === 'NETWORK'),
      staleTime: 30_000,
      refetchOnWindowFocus: false,
    },
  },
});
