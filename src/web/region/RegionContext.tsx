import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';

const STORAGE_KEY = 'qf.region';

interface RegionState {
  /** The region chosen in the header; lists use it as their default filter. Undefined: all. */
  regionCode: string | undefined;
  setRegionCode: (code: string | undefined) => void;
}

const RegionContext = createContext<RegionState>({
  regionCode: undefined,
  setRegionCode: () => undefined,
});

/** Forget the region chosen on this device (at logout: the next user may see other regions). */
export function forgetRegion(): void {
  try {
    window.localStorage.removeItem(STORAGE_KEY);
  } catch {
    // Nothing stored.
  }
}

function readStored(): string | undefined {
  try {
    return window.localStorage.getItem(STORAGE_KEY) ?? undefined;
  } catch {
    return undefined;
  }
}

export function RegionProvider({ children }: { children: ReactNode }) {
  const [regionCode, setState] = useState<string | undefined>(readStored);
  const setRegionCode = useCallback((code: string | undefined) => {
    setState(code);
    try {
      if (code) window.localStorage.setItem(STORAGE_KEY, code);
      else window.localStorage.removeItem(STORAGE_KEY);
    } catch {
      // Without storage the choice lasts for this visit.
    }
  }, []);
  const value = useMemo(() => ({ regionCode, setRegionCode }), [regionCode, setRegionCode]);
  return <RegionContext.Provider value={value}>{children}</RegionContext.Provider>;
}

export function useRegion(): RegionState {
  return useContext(RegionContext);
}
