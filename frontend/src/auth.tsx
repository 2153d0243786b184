/** Who is signed in. The JWT lives in localStorage; the user is fetched once at startup. */
import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from 'react';
import { api, ApiError, errorsOf, localTokenStore } from './api';
import type { ErrorMap, User } from './types';

/**
 * `checking` while a stored token is being verified, `unknown` when that check failed for a reason other than a
 * 401 (the server could not be reached, say): the token is kept and the check can be retried.
 */
export type AuthStatus = 'checking' | 'signed-in' | 'signed-out' | 'unknown';

interface Auth {
  user: User | null;
  status: AuthStatus;
  /** False until the stored token, if any, has been checked. */
  ready: boolean;
  /** Why the stored token could not be checked (other than a 401, which just signs out). */
  errors: ErrorMap | null;
  signIn(user: User): void;
  signOut(): void;
  /** Checks the stored token again (after `unknown`). */
  recheck(): void;
}

const AuthContext = createContext<Auth | null>(null);

export function AuthProvider({ children }: { children: ReactNode }) {
  const [user, setUser] = useState<User | null>(null);
  const [status, setStatus] = useState<AuthStatus>(() => (localTokenStore.get() === null ? 'signed-out' : 'checking'));
  const [errors, setErrors] = useState<ErrorMap | null>(null);
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    if (localTokenStore.get() === null) return;
    let current = true;
    setStatus('checking');
    api.currentUser().then(
      (checked) => {
        if (!current) return;
        setUser(checked);
        setErrors(null);
        setStatus('signed-in');
      },
      (e) => {
        if (!current) return;
        if (e instanceof ApiError && e.status === 401) {
          localTokenStore.clear();
          setStatus('signed-out');
        } else {
          setErrors(errorsOf(e));
          setStatus('unknown');
        }
      },
    );
    return () => {
      current = false;
    };
  }, [attempt]);

  const signIn = useCallback((signedIn: User) => {
    localTokenStore.set(signedIn.token);
    setUser(signedIn);
    setErrors(null);
    setStatus('signed-in');
  }, []);
  const signOut = useCallback(() => {
    localTokenStore.clear();
    setUser(null);
    setErrors(null);
    setStatus('signed-out');
  }, []);
  const recheck = useCallback(() => setAttempt((n) => n + 1), []);

  return (
    <AuthContext.Provider value={{ user, status, ready: status !== 'checking', errors, signIn, signOut, recheck }}>
      {children}
    </AuthContext.Provider>
  );
}

export function useAuth(): Auth {
  const auth = useContext(AuthContext);
  if (!auth) throw new Error('useAuth outside AuthProvider');
  return auth;
}
