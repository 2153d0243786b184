import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { api, errorsOf } from '../api';
import { useAuth } from '../auth';
import type { ErrorMap, Profile } from '../types';

interface Props {
  profile: Profile;
  onChange(profile: Profile): void;
  onError(errors: ErrorMap): void;
}

export function FollowButton({ profile, onChange, onError }: Props) {
  const { user } = useAuth();
  const navigate = useNavigate();
  const [busy, setBusy] = useState(false);

  const toggle = async () => {
    if (!user) return navigate('/login');
    setBusy(true);
    try {
      onChange(await (profile.following ? api.unfollow(profile.username) : api.follow(profile.username)));
    } catch (e) {
      onError(errorsOf(e));
    } finally {
      setBusy(false);
    }
  };

  const style = profile.following ? 'btn-secondary' : 'btn-outline-secondary';
  return (
    <button type="button" className={`btn btn-sm action-btn ${style}`} disabled={busy} onClick={toggle}>
      <span aria-hidden="true">{profile.following ? '−' : '+'}</span> {profile.following ? 'Unfollow' : 'Follow'}{' '}
      {profile.username}
    </button>
  );
}
