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

export function Header() {
  const { user } = useAuth();
  return (
    <nav className="navbar navbar-light">
      <div className="container">
        <Link className="navbar-brand" to="/">
          conduit
        </Link>
        <ul className="nav navbar-nav pull-xs-right">
          <Item to="/">Home</Item>
          {user ? (
            <>
              <Item to="/editor">
                <span className="icon">✎</span> New Article
              </Item>
              <Item to="/settings">
                <span className="icon">⚙</span> Settings
              </Item>
              <Item to={`/profile/${encodeURIComponent(user.username)}`}>
                <Avatar image={user.image} className="user-pic" />
                {user.username}
              </Item>
            </>
          ) : (
            <>
              <Item to="/login">Sign in</Item>
              <Item to="/register">Sign up</Item>
            </>
          )}
        </ul>
      </div>
    </nav>
  );
}
