import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';

const STORAGE_KEY = 'qf.region';

interface RegionState {
  /** The region chosen in the header; lists use it as their default filter. Undefined: all. */
  regionCode: string | undefined;
  /** True while the region is the one a link named (`?region=`), not one chosen here. */
  fromLink: boolean;
  setRegionCode: (code: string | undefined) => void;
}

const RegionContext = createContext<RegionState>({
  regionCode: undefined,
  fromLink: false,
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

function linkedRegion(): string | undefined {
  const code = new URLSearchParams(window.location.search).get('region');
  return code && /^\d{12}$/.test(code) ? code : undefined;
}

/** A shared link names its region (`?region=339901101201`); otherwise the last choice here. */
function readInitial(): string | undefined {
  const linked = linkedRegion();
  if (linked) return linked;
  try {
    return window.localStorage.getItem(STORAGE_KEY) ?? undefined;
  } catch {
    return undefined;
  }
}

export function RegionProvider({ children }: { children: ReactNode }) {
  const [regionCode, setState] = useState<string | undefined>(readInitial);
  const [fromLink, setFromLink] = useState(() => linkedRegion() !== undefined);
  const setRegionCode = useCallback((code: string | undefined) => {
    setState(code);
    setFromLink(false);
    try {
      if (code) window.localStorage.setItem(STORAGE_KEY, code);
      else window.localStorage.removeItem(STORAGE_KEY);
    } catch {
      // Without storage the choice lasts for this visit.
    }
  }, []);
  const value = useMemo(
    () => ({ regionCode, fromLink, setRegionCode }),
    [regionCode, fromLink, setRegionCode],
  );
  return <RegionContext.Provider value={value}>{children}</RegionContext.Provider>;
}

export function useRegion(): RegionState {
  return useContext(RegionContext);
}
