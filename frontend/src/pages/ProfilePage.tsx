import { useState } from 'react';
import { Link, NavLink, useParams } from 'react-router-dom';
import { api } from '../api';
import { useAuth } from '../auth';
import { ArticleList } from '../components/ArticleList';
import { Avatar } from '../components/Avatar';
import { ErrorList } from '../components/ErrorList';
import { LinesSkeleton } from '../components/Skeleton';
import { FollowButton } from '../components/FollowButton';
import type { ErrorMap } from '../types';
import { useTitle } from '../title';
import { useLoad } from '../useLoad';

/** `/profile/:username` lists their articles, `/profile/:username/favorites` the ones they favorited. */
export function ProfilePage({ tab }: { tab: 'articles' | 'favorites' }) {
  const { username = '' } = useParams();
  const { user } = useAuth();
  const [profile, setProfile, retry] = useLoad(() => api.profile(username), [username]);
  const [errors, setErrors] = useState<ErrorMap | null>(null);
  const base = `/profile/${encodeURIComponent(username)}`;
  useTitle(tab === 'favorites' ? `Articles favorited by ${username}` : username);

  if (!profile.data) {
    if (profile.loading) {
      return (
        <div className="profile-page">
          <div className="user-info" aria-hidden="true">
            <div className="container">
              <span className="skeleton" style={{ width: 100, height: 100, borderRadius: '50%', margin: '0 auto 1rem' }} />
              <span className="skeleton skeleton-title" style={{ width: '12rem', margin: '0 auto 1rem' }} />
              <span className="skeleton skeleton-line" style={{ width: '16rem', margin: '0 auto 3rem' }} />
            </div>
          </div>
          <div className="container">
            <LinesSkeleton lines={4} label="Loading the profile" />
          </div>
        </div>
      );
    }
    const notFound = profile.errors !== undefined && 'profile' in profile.errors;
    return (
      <div className="profile-page">
        <div className="container page">
          <h1>{notFound ? 'Profile not found' : 'The profile could not be loaded'}</h1>
          <ErrorList errors={profile.errors} onRetry={notFound ? undefined : retry} />
          <p>
            <Link to="/">Go to the home page</Link>
          </p>
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
              <Avatar image={image} className="user-img" size={100} />
              <h1>{username}</h1>
              {bio && <p>{bio}</p>}
              <ErrorList errors={errors} />
              <div className="actions">
                {user?.username === username ? (
                  <Link to="/settings" className="btn btn-sm btn-outline-secondary action-btn">
                    <span aria-hidden="true">⚙</span> Edit Profile Settings
                  </Link>
                ) : (
                  <FollowButton profile={profile.data} onChange={setProfile} onError={setErrors} />
                )}
              </div>
            </div>
          </div>
        </div>
      </div>
      <div className="container">
        <div className="row">
          <div className="col-xs-12 col-md-10 offset-md-1">
            <div className="articles-toggle">
              <h2 className="sr-only">Articles</h2>
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
