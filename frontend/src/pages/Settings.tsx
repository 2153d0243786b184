import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router-dom';
import { api, errorsOf } from '../api';
import { useAuth } from '../auth';
import { ErrorList } from '../components/ErrorList';
import { Field, TextField } from '../components/Field';
import { useTitle } from '../title';
import type { ErrorMap, User, UserUpdate } from '../types';

export function Settings({ user }: { user: User }) {
  const { signIn, signOut } = useAuth();
  const navigate = useNavigate();
  const [form, setForm] = useState({
    image: user.image ?? '',
    username: user.username,
    bio: user.bio ?? '',
    email: user.email,
    password: '',
  });
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<ErrorMap | null>(null);
  useTitle('Settings');

  const field = (name: keyof typeof form) => ({
    value: form[name],
    onChange: (e: { target: { value: string } }) => setForm({ ...form, [name]: e.target.value }),
  });

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    // An empty password box means "keep the current password".
    const { password, ...rest } = form;
    const update: UserUpdate = password ? { ...rest, password } : rest;
    try {
      const updated = await api.updateUser(update);
      signIn(updated);
      navigate(`/profile/${encodeURIComponent(updated.username)}`);
    } catch (e) {
      setErrors(errorsOf(e));
      setBusy(false);
    }
  };

  const logOut = () => {
    signOut();
    navigate('/');
  };

  return (
    <div className="settings-page">
      <div className="container page">
        <div className="row">
          <div className="col-md-6 offset-md-3 col-xs-12">
            <h1 className="text-xs-center">Your Settings</h1>
            <ErrorList errors={errors} />
            <form onSubmit={submit}>
              <fieldset disabled={busy}>
                <Field label="URL of profile picture" type="text" placeholder="URL of profile picture" {...field('image')} />
                <Field label="Username" large type="text" placeholder="Your Name" autoComplete="username" {...field('username')} />
                <TextField label="Bio" large rows={8} placeholder="Short bio about you" {...field('bio')} />
                <Field label="Email" large type="text" inputMode="email" placeholder="Email" autoComplete="email" {...field('email')} />
                <Field
                  label="New password (leave empty to keep the current one)"
                  large
                  type="password"
                  placeholder="New Password"
                  autoComplete="new-password"
                  {...field('password')}
                />
                <button type="submit" className="btn btn-lg btn-primary pull-xs-right">
                  Update Settings
                </button>
              </fieldset>
            </form>
            <hr />
            <button type="button" className="btn btn-outline-danger" onClick={logOut}>
              Or click here to logout.
            </button>
          </div>
        </div>
      </div>
    </div>
  );
}
