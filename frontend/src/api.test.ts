import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ApiError, articleQuery, createApi, errorsOf, formatErrors, type TokenStore } from './api';

interface Seen {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}
interface Reply {
  status: number;
  body?: string;
  contentType?: string;
}

/** A real HTTP server: records each request and answers with the reply queued for it. */
let server: Server;
let baseUrl: string;
let seen: Seen[];
let reply: Reply;

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      seen.push({ method: req.method!, url: req.url!, headers: req.headers, body });
      res.statusCode = reply.status;
      if (reply.body !== undefined) {
        res.setHeader('Content-Type', reply.contentType ?? 'application/json');
        res.end(reply.body);
      } else {
        res.end();
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

function memoryTokens(initial: string | null = null): TokenStore {
  let token = initial;
  return { get: () => token, set: (t) => (token = t), clear: () => (token = null) };
}

const user = { email: 'jake@jake.jake', token: 'jwt.jwt.jwt', username: 'jake', bio: null, image: null };
const profile = { username: 'jake', bio: null, image: null, following: true };

beforeEach(() => {
  seen = [];
  reply = { status: 200, body: '{}' };
});

describe('auth header', () => {
  it('sends "Authorization: Token <jwt>" when a token is stored', async () => {
    reply = { status: 200, body: JSON.stringify({ user }) };
    const api = createApi({ baseUrl, tokens: memoryTokens('abc.def.ghi') });
    expect(await api.currentUser()).toEqual(user);
    expect(seen[0].method).toBe('GET');
    expect(seen[0].url).toBe('/api/user');
    expect(seen[0].headers.authorization).toBe('Token abc.def.ghi');
  });

  it('sends no Authorization header without a token', async () => {
    reply = { status: 200, body: JSON.stringify({ tags: ['a', 'b'] }) };
    const api = createApi({ baseUrl, tokens: memoryTokens() });
    expect(await api.tags()).toEqual(['a', 'b']);
    expect(seen[0].headers.authorization).toBeUndefined();
  });

  it('reads the token at call time, so a sign-in or sign-out applies at once', async () => {
    const tokens = memoryTokens();
    const api = createApi({ baseUrl, tokens });
    reply = { status: 200, body: JSON.stringify({ tags: [] }) };
    tokens.set('first');
    await api.tags();
    tokens.clear();
    await api.tags();
    expect(seen.map((s) => s.headers.authorization)).toEqual(['Token first', undefined]);
  });
});

describe('requests', () => {
  it('posts the wrapped JSON body and unwraps the user', async () => {
    reply = { status: 201, body: JSON.stringify({ user }) };
    const api = createApi({ baseUrl, tokens: memoryTokens() });
    const created = await api.register({ username: 'jake', email: 'jake@jake.jake', password: 'pw' });
    expect(created.token).toBe('jwt.jwt.jwt');
    expect(seen[0].method).toBe('POST');
    expect(seen[0].url).toBe('/api/users');
    expect(seen[0].headers['content-type']).toBe('application/json');
    expect(JSON.parse(seen[0].body)).toEqual({ user: { username: 'jake', email: 'jake@jake.jake', password: 'pw' } });
  });

  it('builds list queries from the set filters only', async () => {
    reply = { status: 200, body: JSON.stringify({ articles: [], articlesCount: 0 }) };
    const api = createApi({ baseUrl, tokens: memoryTokens() });
    await api.articles({ tag: 'c++ & go', limit: 10, offset: 20 });
    await api.articles({ author: 'jake', favorited: undefined });
    await api.articles();
    await api.feed({ limit: 10, offset: 0 });
    expect(seen.map((s) => s.url)).toEqual([
      '/api/articles?tag=c%2B%2B+%26+go&limit=10&offset=20',
      '/api/articles?author=jake',
      '/api/articles',
      '/api/articles/feed?limit=10&offset=0',
    ]);
  });

  it('encodes usernames and slugs as single path segments', async () => {
    reply = { status: 200, body: JSON.stringify({ profile }) };
    const api = createApi({ baseUrl, tokens: memoryTokens('t') });
    expect(await api.follow('a/b c?')).toEqual(profile);
    expect(seen[0].method).toBe('POST');
    expect(seen[0].url).toBe('/api/profiles/a%2Fb%20c%3F/follow');
    expect(seen[0].body).toBe('');
  });

  it('resolves a 204 DELETE with no body', async () => {
    reply = { status: 204 };
    const api = createApi({ baseUrl, tokens: memoryTokens('t') });
    await expect(api.deleteComment('my-slug', 42)).resolves.toBeUndefined();
    expect(seen[0].method).toBe('DELETE');
    expect(seen[0].url).toBe('/api/articles/my-slug/comments/42');
  });

  it('sends the comment wrapper and accepts the 200 answer', async () => {
    const comment = { id: 1, body: 'hi', createdAt: '', updatedAt: '', author: profile };
    reply = { status: 200, body: JSON.stringify({ comment }) };
    const api = createApi({ baseUrl, tokens: memoryTokens('t') });
    expect(await api.addComment('s', 'hi')).toEqual(comment);
    expect(JSON.parse(seen[0].body)).toEqual({ comment: { body: 'hi' } });
  });
});

describe('errors', () => {
  it('turns a 422 error body into an ApiError with the field messages', async () => {
    reply = {
      status: 422,
      body: JSON.stringify({ errors: { email: ['has already been taken'], username: ["can't be blank", 'is invalid'] } }),
    };
    const api = createApi({ baseUrl, tokens: memoryTokens() });
    const error = await api.register({ username: '', email: 'x@y', password: 'p' }).catch((e) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error.status).toBe(422);
    expect(formatErrors(error.errors)).toEqual([
      'email has already been taken',
      "username can't be blank",
      'username is invalid',
    ]);
  });

  it('keeps the status of a 401 so callers can drop the token', async () => {
    reply = { status: 401, body: JSON.stringify({ errors: { token: ['is invalid'] } }) };
    const api = createApi({ baseUrl, tokens: memoryTokens('stale') });
    const error = await api.currentUser().catch((e) => e);
    expect(error).toMatchObject({ status: 401, errors: { token: ['is invalid'] } });
  });

  it('reports a non-JSON error page by its status', async () => {
    reply = { status: 502, body: '<html>Bad Gateway</html>', contentType: 'text/html' };
    const api = createApi({ baseUrl, tokens: memoryTokens() });
    const error = await api.tags().catch((e) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error.errors).toEqual({ server: ['answered 502 Bad Gateway'] });
  });

  it('reports an unreachable server instead of throwing a bare TypeError', async () => {
    const api = createApi({ baseUrl: 'http://127.0.0.1:1/api', tokens: memoryTokens() });
    const error = await api.tags().catch((e) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error.status).toBe(0);
    expect(formatErrors(error.errors)).toEqual(['server could not be reached']);
  });

  it('rejects a 200 whose body is not JSON', async () => {
    reply = { status: 200, body: 'not json', contentType: 'text/plain' };
    const api = createApi({ baseUrl, tokens: memoryTokens() });
    await expect(api.tags()).rejects.toMatchObject({ errors: { server: ['answered with invalid JSON'] } });
  });

  it('errorsOf gives a displayable map for any thrown value', () => {
    expect(errorsOf(new ApiError(404, { article: ['not found'] }))).toEqual({ article: ['not found'] });
    expect(errorsOf(new Error('boom'))).toEqual({ error: ['boom'] });
  });
});

describe('articleQuery', () => {
  it('skips empty values and is empty without filters', () => {
    expect(articleQuery({})).toBe('');
    expect(articleQuery({ tag: '', author: 'a b' })).toBe('?author=a+b');
    expect(articleQuery({ offset: 0 })).toBe('?offset=0');
  });
});
