/** Who is signed in. The JWT lives in localStorage; the user is fetched once at startup. */
import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import { api, ApiError, errorsOf, localTokenStore } from './api';
import type { ErrorMap, User } from './types';

interface Auth {
  user: User | null;
  /** False until the stored token, if any, has been checked. */
  ready: boolean;
  /** Why the stored token could not be checked (other than a 401, which just signs out). */
  errors: ErrorMap | null;
  signIn(user: User): void;
  signOut(): void;
}

const AuthContext = createContext<Auth | null>(null);

export function AuthProvider({ children }: { children: ReactNode }) {
  const [user, setUser] = useState<User | null>(null);
  const [ready, setReady] = useState(() => localTokenStore.get() === null);
  const [errors, setErrors] = useState<ErrorMap | null>(null);

  useEffect(() => {
    if (localTokenStore.get() === null) return;
    api
      .currentUser()
      .then(setUser, (e) => {
        if (e instanceof ApiError && e.status === 401) localTokenStore.clear();
        else setErrors(errorsOf(e));
      })
      .finally(() => setReady(true));
  }, []);

  const signIn = (signedIn: User) => {
    localTokenStore.set(signedIn.token);
    setUser(signedIn);
    setErrors(null);
  };
  const signOut = () => {
    localTokenStore.clear();
    setUser(null);
  };

  return <AuthContext.Provider value={{ user, ready, errors, signIn, signOut }}>{children}</AuthContext.Provider>;
}

export function useAuth(): Auth {
  const auth = useContext(AuthContext);
  if (!auth) throw new Error('useAuth outside AuthProvider');
  return auth;
}
