import { useState, type ReactNode } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { api } from '../api';
import { useAuth } from '../auth';
import { ArticleList, type ListSource } from '../components/ArticleList';
import { ErrorList } from '../components/ErrorList';
import { useTitle } from '../title';
import { useLoad } from '../useLoad';

function Tab({ to, active, children }: { to: string; active: boolean; children: ReactNode }) {
  return (
    <li className="nav-item">
      <Link to={to} className={`nav-link${active ? ' active' : ''}`} aria-current={active ? 'page' : undefined}>
        {children}
      </Link>
    </li>
  );
}

/** How many tags the sidebar shows before "Show all tags". */
export const POPULAR_TAGS = 20;

/** The most used tags (the API lists them most popular first); the rest one click away. */
function PopularTags() {
  const [tags, , retry] = useLoad(() => api.tags(), []);
  const [all, setAll] = useState(false);
  const list = tags.data ?? [];
  const shown = all ? list : list.slice(0, POPULAR_TAGS);
  return (
    <nav className="sidebar" aria-labelledby="popular-tags">
      <h2 id="popular-tags">Popular Tags</h2>
      <ErrorList errors={tags.errors} onRetry={retry} />
      {tags.loading && (
        <div className="tag-list" role="status" aria-label="Loading tags">
          {Array.from({ length: 8 }, (_, i) => (
            <span key={i} className="skeleton tag-pill" style={{ width: `${3 + (i % 3)}rem`, height: '1.3rem' }} />
          ))}
        </div>
      )}
      {tags.data?.length === 0 && <p>No tags are here... yet.</p>}
      {shown.length > 0 && (
        <ul className="tag-list" id="tag-cloud">
          {shown.map((tag) => (
            <li key={tag}>
              <Link to={`/?${new URLSearchParams({ tag })}`} className="tag-pill tag-default">
                {tag}
              </Link>
            </li>
          ))}
        </ul>
      )}
      {list.length > POPULAR_TAGS && (
        <p className="more">
          <button type="button" className="btn-link" aria-expanded={all} aria-controls="tag-cloud" onClick={() => setAll(!all)}>
            {all ? `Show the ${POPULAR_TAGS} most popular` : `Show all ${list.length} tags`}
          </button>
        </p>
      )}
    </nav>
  );
}

/** The tab lives in the URL: `/` is the Global Feed, `/?feed=following` Your Feed, `/?tag=x` a tag. */
export function Home() {
  const { user } = useAuth();
  const [params] = useSearchParams();
  const tag = params.get('tag');
  const yourFeed = user !== null && tag === null && params.get('feed') === 'following';
  const source: ListSource = yourFeed ? { feed: true } : { tag: tag ?? undefined };
  useTitle(tag !== null ? `#${tag}` : yourFeed ? 'Your Feed' : null);

  return (
    <div className="home-page">
      {user ? (
        <h1 className="sr-only">Conduit</h1>
      ) : (
        <div className="banner">
          <div className="container">
            <h1 className="logo-font">conduit</h1>
            <p>A place to share your knowledge.</p>
          </div>
        </div>
      )}
      <div className="container page">
        <div className="row">
          <div className="col-md-9">
            <div className="feed-toggle">
              <h2 className="sr-only">Articles</h2>
              <ul className="nav nav-pills outline-active">
                {user && (
                  <Tab to="/?feed=following" active={yourFeed}>
                    Your Feed
                  </Tab>
                )}
                <Tab to="/" active={!yourFeed && tag === null}>
                  Global Feed
                </Tab>
                {tag !== null && (
                  <Tab to={`/?${new URLSearchParams({ tag })}`} active>
                    # {tag}
                  </Tab>
                )}
              </ul>
            </div>
            <ArticleList key={JSON.stringify(source)} source={source} />
          </div>
          <div className="col-md-3">
            <PopularTags />
          </div>
        </div>
      </div>
    </div>
  );
}
