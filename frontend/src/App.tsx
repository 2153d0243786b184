import type { ReactElement } from 'react';
import { Link, Navigate, Route, Routes } from 'react-router-dom';
import { useAuth } from './auth';
import { ErrorList } from './components/ErrorList';
import { Footer } from './components/Footer';
import { Header } from './components/Header';
import { RouteFocus } from './components/RouteFocus';
import { LinesSkeleton } from './components/Skeleton';
import { ArticlePage } from './pages/ArticlePage';
import { AuthPage } from './pages/AuthPage';
import { Editor } from './pages/Editor';
import { Home } from './pages/Home';
import { ProfilePage } from './pages/ProfilePage';
import { Settings } from './pages/Settings';
import { useTitle } from './title';

function NotFound() {
  useTitle('Page not found');
  return (
    <div className="container page not-found">
      <h1>Page not found</h1>
      <p>There is nothing at this address.</p>
      <p>
        <Link to="/">Go to the home page</Link>
      </p>
    </div>
  );
}

export function App() {
  const { user, status, errors, recheck } = useAuth();
  // A page for signed-in users: sign in first, unless the session could not be checked (then say so).
  const signedIn = (page: ReactElement) =>
    user ? page : status === 'unknown' ? <SessionUnknown /> : <Navigate to="/login" replace />;

  return (
    <>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <Header />
      <main id="main" tabIndex={-1}>
        {errors && (
          <div className="container">
            <ErrorList errors={errors} onRetry={recheck} />
          </div>
        )}
        {status !== 'checking' ? (
          // Pages show what depends on who is signed in, so they start afresh when that changes.
          <Routes key={user?.username ?? ''}>
            <Route path="/" element={<Home />} />
            <Route path="/login" element={<AuthPage mode="login" />} />
            <Route path="/register" element={<AuthPage mode="register" />} />
            <Route path="/settings" element={signedIn(<Settings user={user!} />)} />
            <Route path="/editor" element={signedIn(<Editor />)} />
            <Route path="/editor/:slug" element={signedIn(<Editor />)} />
            <Route path="/article/:slug" element={<ArticlePage />} />
            <Route path="/profile/:username" element={<ProfilePage tab="articles" />} />
            <Route path="/profile/:username/favorites" element={<ProfilePage tab="favorites" />} />
            <Route path="*" element={<NotFound />} />
          </Routes>
        ) : (
          <div className="container page">
            <LinesSkeleton lines={6} label="Checking your session" />
          </div>
        )}
      </main>
      <RouteFocus />
      <Footer />
    </>
  );
}

function SessionUnknown() {
  useTitle('Session not checked');
  return (
    <div className="container page">
      <h1>Your session could not be checked</h1>
      <p>This page needs you to be signed in. Try again once the server answers.</p>
    </div>
  );
}
