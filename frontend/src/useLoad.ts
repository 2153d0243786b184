import { useCallback, useEffect, useState, type DependencyList } from 'react';
import { errorsOf } from './api';
import type { ErrorMap } from './types';

export interface Loaded<T> {
  loading: boolean;
  data?: T;
  errors?: ErrorMap;
}

/**
 * Runs `load` whenever `deps` change; a stale answer never overwrites a newer one. Returns the state, a setter for
 * the data (after an action changed it) and `retry`, which loads again.
 */
export function useLoad<T>(load: () => Promise<T>, deps: DependencyList): [Loaded<T>, (data: T) => void, () => void] {
  const [state, setState] = useState<Loaded<T>>({ loading: true });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let current = true;
    setState({ loading: true });
    load().then(
      (data) => current && setState({ loading: false, data }),
      (e) => current && setState({ loading: false, errors: errorsOf(e) }),
    );
    return () => {
      current = false;
    };
    // The caller lists what `load` depends on.
  }, [...deps, attempt]);

  const setData = useCallback((data: T) => setState({ loading: false, data }), []);
  const retry = useCallback(() => setAttempt((n) => n + 1), []);
  return [state, setData, retry];
}
