import type { ReactNode } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { api } from '../api';
import { useAuth } from '../auth';
import { ArticleList, type ListSource } from '../components/ArticleList';
import { ErrorList } from '../components/ErrorList';
import { useLoad } from '../useLoad';

function Tab({ to, active, children }: { to: string; active: boolean; children: ReactNode }) {
  return (
    <li className="nav-item">
      <Link to={to} className={`nav-link${active ? ' active' : ''}`}>
        {children}
      </Link>
    </li>
  );
}

function PopularTags() {
  const [tags] = useLoad(() => api.tags(), []);
  return (
    <div className="sidebar">
      <p>Popular Tags</p>
      <ErrorList errors={tags.errors} />
      {tags.loading && <div>Loading tags...</div>}
      {tags.data?.length === 0 && <div>No tags are here... yet.</div>}
      <div className="tag-list">
        {tags.data?.map((tag) => (
          <Link key={tag} to={`/?${new URLSearchParams({ tag })}`} className="tag-pill tag-default">
            {tag}
          </Link>
        ))}
      </div>
    </div>
  );
}

/** The tab lives in the URL: `/` is the Global Feed, `/?feed=following` Your Feed, `/?tag=x` a tag. */
export function Home() {
  const { user } = useAuth();
  const [params] = useSearchParams();
  const tag = params.get('tag');
  const yourFeed = user !== null && tag === null && params.get('feed') === 'following';
  const source: ListSource = yourFeed ? { feed: true } : { tag: tag ?? undefined };

  return (
    <div className="home-page">
      {!user && (
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
                  <Tab to={`/?${params}`} active>
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
