import { useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { api, errorsOf } from '../api';
import { useAuth } from '../auth';
import { ErrorList } from '../components/ErrorList';
import { Field } from '../components/Field';
import { useTitle } from '../title';
import type { ErrorMap } from '../types';

/** Sign in (`/login`) and sign up (`/register`). */
export function AuthPage({ mode }: { mode: 'login' | 'register' }) {
  const registering = mode === 'register';
  const { signIn } = useAuth();
  const navigate = useNavigate();
  const [username, setUsername] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<ErrorMap | null>(null);
  useTitle(registering ? 'Sign up' : 'Sign in');

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    try {
      signIn(await (registering ? api.register({ username, email, password }) : api.login({ email, password })));
      navigate('/');
    } catch (e) {
      setErrors(errorsOf(e));
      setBusy(false);
    }
  };

  return (
    <div className="auth-page">
      <div className="container page">
        <div className="row">
          <div className="col-md-6 offset-md-3 col-xs-12">
            <h1 className="text-xs-center">{registering ? 'Sign up' : 'Sign in'}</h1>
            <p className="text-xs-center">
              {registering ? <Link to="/login">Have an account?</Link> : <Link to="/register">Need an account?</Link>}
            </p>
            <ErrorList errors={errors} />
            <form onSubmit={submit}>
              {registering && (
                <Field
                  label="Username"
                  large
                  type="text"
                  placeholder="Username"
                  autoComplete="username"
                  value={username}
                  onChange={(e) => setUsername(e.target.value)}
                />
              )}
              <Field
                label="Email"
                large
                type="text"
                inputMode="email"
                placeholder="Email"
                autoComplete="email"
                value={email}
                onChange={(e) => setEmail(e.target.value)}
              />
              <Field
                label="Password"
                large
                type="password"
                placeholder="Password"
                autoComplete={registering ? 'new-password' : 'current-password'}
                value={password}
                onChange={(e) => setPassword(e.target.value)}
              />
              <button type="submit" className="btn btn-lg btn-primary pull-xs-right" disabled={busy}>
                {registering ? 'Sign up' : 'Sign in'}
              </button>
            </form>
          </div>
        </div>
      </div>
    </div>
  );
}
