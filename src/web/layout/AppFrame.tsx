import { App as AntApp } from 'antd';
import { useEffect, type ReactNode } from 'react';
import { setNotifier } from '../api/errors.js';

/** Hands antd's context-aware message API to the one error handler. */
function NotifierBridge() {
  const { message } = AntApp.useApp();
  useEffect(() => {
    setNotifier(message);
    return () => setNotifier(null);
  }, [message]);
  return null;
}

/**
 * antd's App context (message, modal, notification) for the staff pages. The public site
 * does without it and shows its few errors in place, so phones load less.
 */
export function AppFrame({ children }: { children: ReactNode }) {
  return (
    <AntApp>
      <NotifierBridge />
      {children}
    </AntApp>
  );
}
