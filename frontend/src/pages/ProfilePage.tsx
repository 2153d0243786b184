import { useState } from 'react';
import { Link, NavLink, useParams } from 'react-router-dom';
import { api } from '../api';
import { useAuth } from '../auth';
import { ArticleList } from '../components/ArticleList';
import { Avatar } from '../components/Avatar';
import { ErrorList } from '../components/ErrorList';
import { FollowButton } from '../components/FollowButton';
import type { ErrorMap } from '../types';
import { useLoad } from '../useLoad';

/** `/profile/:username` lists their articles, `/profile/:username/favorites` the ones they favorited. */
export function ProfilePage({ tab }: { tab: 'articles' | 'favorites' }) {
  const { username = '' } = useParams();
  const { user } = useAuth();
  const [profile, setProfile] = useLoad(() => api.profile(username), [username]);
  const [errors, setErrors] = useState<ErrorMap | null>(null);
  const base = `/profile/${encodeURIComponent(username)}`;

  if (!profile.data) {
    return (
      <div className="profile-page">
        <div className="container page">
          {profile.loading ? <p>Loading profile...</p> : <ErrorList errors={profile.errors} />}
        </div>
      </div>
    );
  }

  const { image, bio } = profile.data;
  const source = tab === 'articles' ? { author: username } : { favorited: username };
  return (
    <div className="profile-page">
      <div className="user-info">
        <div className="container">
          <div className="row">
            <div className="col-xs-12 col-md-10 offset-md-1">
              <Avatar image={image} className="user-img" />
              <h4>{username}</h4>
              {bio && <p>{bio}</p>}
              <ErrorList errors={errors} />
              {user?.username === username ? (
                <Link to="/settings" className="btn btn-sm btn-outline-secondary action-btn">
                  ⚙ Edit Profile Settings
                </Link>
              ) : (
                <FollowButton profile={profile.data} onChange={setProfile} onError={setErrors} />
              )}
            </div>
          </div>
        </div>
      </div>
      <div className="container">
        <div className="row">
          <div className="col-xs-12 col-md-10 offset-md-1">
            <div className="articles-toggle">
              <ul className="nav nav-pills outline-active">
                <li className="nav-item">
                  <NavLink to={base} end className="nav-link">
                    My Articles
                  </NavLink>
                </li>
                <li className="nav-item">
                  <NavLink to={`${base}/favorites`} className="nav-link">
                    Favorited Articles
                  </NavLink>
                </li>
              </ul>
            </div>
            <ArticleList key={`${tab}:${username}`} source={source} />
          </div>
        </div>
      </div>
    </div>
  );
}
