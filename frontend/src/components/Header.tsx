import type { ReactNode } from 'react';
import { Link, NavLink } from 'react-router-dom';
import { useAuth } from '../auth';
import { Avatar } from './Avatar';

function Item({ to, children }: { to: string; children: ReactNode }) {
  return (
    <li className="nav-item">
      <NavLink to={to} end className="nav-link">
        {children}
      </NavLink>
    </li>
  );
}

/** The site header. While a stored session is being checked it says so, rather than offering to sign in. */
export function Header() {
  const { user, status, recheck } = useAuth();
  return (
    <header>
      <nav className="navbar navbar-light" aria-label="Site">
        <div className="container">
          <Link className="navbar-brand" to="/">
            conduit
          </Link>
          <ul className="nav navbar-nav">
            <Item to="/">Home</Item>
            {user ? (
              <>
                <Item to="/editor">
                  <span className="icon" aria-hidden="true">
                    ✎
                  </span>
                  <span className="label">&nbsp;New Article</span>
                </Item>
                <Item to="/settings">
                  <span className="icon" aria-hidden="true">
                    ⚙
                  </span>
                  <span className="label">&nbsp;Settings</span>
                </Item>
                <Item to={`/profile/${encodeURIComponent(user.username)}`}>
                  <Avatar image={user.image} className="user-pic" size={26} />
                  <span className="label name">{user.username}</span>
                </Item>
              </>
            ) : status === 'checking' ? (
              <li className="nav-item checking" role="status">
                Checking your session…
              </li>
            ) : status === 'unknown' ? (
              <li className="nav-item">
                <button type="button" className="btn-link nav-link" onClick={recheck}>
                  Session not checked: retry
                </button>
              </li>
            ) : (
              <>
                <Item to="/login">Sign in</Item>
                <Item to="/register">Sign up</Item>
              </>
            )}
          </ul>
        </div>
      </nav>
    </header>
  );
}
