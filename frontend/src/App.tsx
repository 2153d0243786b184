import type { ReactElement } from 'react';
import { Navigate, Route, Routes } from 'react-router-dom';
import { useAuth } from './auth';
import { ErrorList } from './components/ErrorList';
import { Footer } from './components/Footer';
import { Header } from './components/Header';
import { ArticlePage } from './pages/ArticlePage';
import { AuthPage } from './pages/AuthPage';
import { Editor } from './pages/Editor';
import { Home } from './pages/Home';
import { ProfilePage } from './pages/ProfilePage';
import { Settings } from './pages/Settings';

function NotFound() {
  return (
    <div className="container page">
      <ErrorList errors={{ page: ['not found'] }} />
    </div>
  );
}

export function App() {
  const { user, ready, errors } = useAuth();
  const signedIn = (page: ReactElement) => (user ? page : <Navigate to="/login" replace />);

  return (
    <>
      <Header />
      {errors && (
        <div className="container">
          <ErrorList errors={errors} />
        </div>
      )}
      {ready ? (
        // Pages show what depends on who is signed in, so they start afresh when that changes.
        <Routes key={user?.username ?? ''}>
          <Route path="/" element={<Home />} />
          <Route path="/login" element={<AuthPage mode="login" />} />
          <Route path="/register" element={<AuthPage mode="register" />} />
          <Route path="/settings" element={user ? <Settings user={user} /> : <Navigate to="/login" replace />} />
          <Route path="/editor" element={signedIn(<Editor />)} />
          <Route path="/editor/:slug" element={signedIn(<Editor />)} />
          <Route path="/article/:slug" element={<ArticlePage />} />
          <Route path="/profile/:username" element={<ProfilePage tab="articles" />} />
          <Route path="/profile/:username/favorites" element={<ProfilePage tab="favorites" />} />
          <Route path="*" element={<NotFound />} />
        </Routes>
      ) : (
        <div className="container page">Loading...</div>
      )}
      <Footer />
    </>
  );
}
