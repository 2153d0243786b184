/** The one client for the Conduit API. Every call goes to the same origin under /api. */
import type {
  Article,
  ArticleInput,
  ArticlePage,
  ArticleQuery,
  Comment,
  Credentials,
  ErrorMap,
  NewUser,
  Profile,
  User,
  UserUpdate,
} from './types';

/** A failed call. `errors` is what the forms show, one "key message" line per entry. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly errors: ErrorMap,
  ) {
    super(formatErrors(errors).join('; '));
    this.name = 'ApiError';
  }
}

export function formatErrors(errors: ErrorMap): string[] {
  return Object.entries(errors).flatMap(([key, messages]) => messages.map((m) => `${key} ${m}`));
}

/** Whatever a call threw, as the error map a page can display. */
export function errorsOf(e: unknown): ErrorMap {
  if (e instanceof ApiError) return e.errors;
  return { error: [e instanceof Error ? e.message : String(e)] };
}

export interface TokenStore {
  get(): string | null;
  set(token: string): void;
  clear(): void;
}

const TOKEN_KEY = 'jwt';

export const localTokenStore: TokenStore = {
  get: () => localStorage.getItem(TOKEN_KEY),
  set: (token) => localStorage.setItem(TOKEN_KEY, token),
  clear: () => localStorage.removeItem(TOKEN_KEY),
};

/** `?tag=…&limit=…` from the set fields of a query, or '' when none is set. */
export function articleQuery(query: ArticleQuery): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== '') params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

/** Reads the API's `{"errors":{…}}` body; anything else gives undefined. */
function errorMapOf(data: unknown): ErrorMap | undefined {
  if (typeof data !== 'object' || data === null) return undefined;
  const errors = (data as { errors?: unknown }).errors;
  if (typeof errors !== 'object' || errors === null) return undefined;
  const map: ErrorMap = {};
  for (const [key, value] of Object.entries(errors)) {
    map[key] = (Array.isArray(value) ? value : [value]).map(String);
  }
  return Object.keys(map).length > 0 ? map : undefined;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

const path = encodeURIComponent;

export interface ApiOptions {
  tokens: TokenStore;
  baseUrl?: string;
  fetch?: typeof fetch;
}

export function createApi({ tokens, baseUrl = '/api', fetch: fetchFn = (input, init) => fetch(input, init) }: ApiOptions) {
  async function request<T>(method: string, url: string, body?: unknown): Promise<T> {
    const headers: Record<string, string> = { Accept: 'application/json' };
    const token = tokens.get();
    if (token) headers.Authorization = `Token ${token}`;
    if (body !== undefined) headers['Content-Type'] = 'application/json';

    let response: Response;
    try {
      response = await fetchFn(baseUrl + url, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch {
      throw new ApiError(0, { server: ['could not be reached'] });
    }
    if (response.status === 204) return undefined as T;

    const data = parseJson(await response.text());
    if (!response.ok) {
      throw new ApiError(
        response.status,
        errorMapOf(data) ?? { server: [`answered ${response.status} ${response.statusText}`.trim()] },
      );
    }
    if (data === undefined) throw new ApiError(response.status, { server: ['answered with invalid JSON'] });
    return data as T;
  }

  const get = <T>(url: string) => request<T>('GET', url);
  const del = <T>(url: string) => request<T>('DELETE', url);
  const post = <T>(url: string, body?: unknown) => request<T>('POST', url, body);
  const put = <T>(url: string, body: unknown) => request<T>('PUT', url, body);

  type UserBody = { user: User };
  type ProfileBody = { profile: Profile };
  type ArticleBody = { article: Article };

  return {
    login: async (credentials: Credentials) => (await post<UserBody>('/users/login', { user: credentials })).user,
    register: async (user: NewUser) => (await post<UserBody>('/users', { user })).user,
    currentUser: async () => (await get<UserBody>('/user')).user,
    updateUser: async (user: UserUpdate) => (await put<UserBody>('/user', { user })).user,

    profile: async (username: string) => (await get<ProfileBody>(`/profiles/${path(username)}`)).profile,
    follow: async (username: string) => (await post<ProfileBody>(`/profiles/${path(username)}/follow`)).profile,
    unfollow: async (username: string) => (await del<ProfileBody>(`/profiles/${path(username)}/follow`)).profile,

    articles: (query: ArticleQuery = {}) => get<ArticlePage>(`/articles${articleQuery(query)}`),
    feed: (query: Pick<ArticleQuery, 'limit' | 'offset'> = {}) =>
      get<ArticlePage>(`/articles/feed${articleQuery(query)}`),
    article: async (slug: string) => (await get<ArticleBody>(`/articles/${path(slug)}`)).article,
    createArticle: async (article: ArticleInput) => (await post<ArticleBody>('/articles', { article })).article,
    updateArticle: async (slug: string, article: Partial<ArticleInput>) =>
      (await put<ArticleBody>(`/articles/${path(slug)}`, { article })).article,
    deleteArticle: (slug: string) => del<void>(`/articles/${path(slug)}`),
    favorite: async (slug: string) => (await post<ArticleBody>(`/articles/${path(slug)}/favorite`)).article,
    unfavorite: async (slug: string) => (await del<ArticleBody>(`/articles/${path(slug)}/favorite`)).article,

    comments: async (slug: string) => (await get<{ comments: Comment[] }>(`/articles/${path(slug)}/comments`)).comments,
    addComment: async (slug: string, body: string) =>
      (await post<{ comment: Comment }>(`/articles/${path(slug)}/comments`, { comment: { body } })).comment,
    deleteComment: (slug: string, id: number) => del<void>(`/articles/${path(slug)}/comments/${id}`),

    tags: async () => (await get<{ tags: string[] }>('/tags')).tags,
  };
}

export type Api = ReturnType<typeof createApi>;

export const api = createApi({ tokens: localTokenStore });
