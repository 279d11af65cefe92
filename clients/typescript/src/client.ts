// WardenClient: the session (login, tenant selection, refresh with rotation), the caller's
// permission set (kept fresh by the event stream of ./watch.ts), check passthroughs and revision
// propagation.
import type { components } from './generated/openapi.js';
import { networkError, problemOf, signedOut, WardenUnauthorizedError } from './errors.js';
import { grants } from './permissions.js';
import { PermissionWatch } from './watch.js';

type Schemas = components['schemas'];
export type User = Schemas['User'];
export type Tenant = Schemas['Tenant'];
export type LoginResponse = Schemas['LoginResponse'];
export type TokenResponse = Schemas['TokenResponse'];
export type Me = Schemas['Me'];
export type CheckRequest = Schemas['CheckRequest'];
export type CheckResponse = Schemas['CheckResponse'];
export type CheckBatchResponse = Schemas['CheckBatchResponse'];
export type Explanation = Schemas['Explanation'];
export type EventTicket = Schemas['EventTicket'];

export interface Tokens {
  accessToken: string;
  refreshToken: string;
}

export interface WardenClientOptions {
  /** Where Warden answers, e.g. `https://warden.example.com`; `''` for the page's own origin. */
  baseUrl: string;
  /** The fetch to use (default: the global one). */
  fetch?: typeof fetch;
  /**
   * How to hold the event stream: `eventsource` (a ticket, for browsers), `fetch` (the
   * Authorization header; Node.js) or `auto` (EventSource where it exists, else fetch).
   */
  events?: 'auto' | 'eventsource' | 'fetch';
  /** Pause before reopening a lost event stream (default 1000 ms). */
  reconnectDelayMs?: number;
  /** Tokens of an earlier session to resume. */
  tokens?: Tokens;
}

/** What listeners of `onChange` see. */
export interface PermissionState {
  signedIn: boolean;
  me: Me | null;
  permissions: ReadonlySet<string>;
  revision: number;
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
const REVISION = 'warden-revision';
const MIN_REVISION = 'Warden-Min-Revision';

export class WardenClient {
  private readonly baseUrl: string;
  private readonly fetchFn: typeof fetch;
  private tokens: Tokens | null;
  private refreshing: Promise<TokenResponse> | null = null;
  private latestRevision = 0;
  private current: Me | null = null;
  private granted: ReadonlySet<string> = new Set();
  private readonly watcher: PermissionWatch;
  private readonly listeners = new Set<(state: PermissionState) => void>();

  constructor(options: WardenClientOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    const fetchFn = options.fetch ?? globalThis.fetch;
    this.fetchFn = (input, init) => fetchFn(input, init); // never called as a method of this
    this.tokens = options.tokens ?? null;
    const mode = options.events ?? 'auto';
    this.watcher = new PermissionWatch(
      this.baseUrl + '/api/me/events',
      mode === 'auto' ? (typeof EventSource === 'function' ? 'eventsource' : 'fetch') : mode,
      this.fetchFn,
      options.reconnectDelayMs ?? 1000,
      {
        accessToken: () => this.tokens?.accessToken ?? null,
        ticket: async () =>
          (await this.send<EventTicket>('POST', '/api/me/events/ticket')).ticket,
        refresh: () => this.refresh(),
        me: () => this.me(),
        observe: (revision) => this.observe(revision),
      },
    );
  }

  /** The largest `Warden-Revision` seen (0: none yet); sent as `Warden-Min-Revision`. */
  get revision(): number {
    return this.latestRevision;
  }

  get signedIn(): boolean {
    return this.tokens !== null;
  }

  /** The current token pair (to persist a session), or null when signed out. */
  get session(): Tokens | null {
    return this.tokens === null ? null : { ...this.tokens };
  }

  /** The caller as `/api/me` last answered, or null before `watch()`/`me()`. */
  get caller(): Me | null {
    return this.current;
  }

  async login(email: string, password: string): Promise<LoginResponse> {
    const body = await this.call<LoginResponse>('POST', '/api/auth/login', { email, password }, null);
    this.tokens = { accessToken: body.accessToken, refreshToken: body.refreshToken };
    return body;
  }

  async tenants(): Promise<Tenant[]> {
    return this.send<Tenant[]>('GET', '/api/auth/tenants');
  }

  /** Exchanges the token for one scoped to `tenantId`; a running watch() follows the new tenant. */
  async selectTenant(tenantId: string): Promise<TokenResponse> {
    const body = await this.send<TokenResponse>('POST', '/api/auth/select-tenant', { tenantId });
    this.tokens = { accessToken: body.accessToken, refreshToken: body.refreshToken };
    this.watcher.restart();
    return body;
  }

  /**
   * Rotates the refresh token: the new pair replaces the old one. Concurrent calls share one
   * request (a refresh token is single use: a second request with it would end the session).
   * A 401 (expired, reused or revoked) signs the client out.
   */
  refresh(): Promise<TokenResponse> {
    if (this.refreshing) return this.refreshing;
    const tokens = this.tokens;
    if (!tokens) return Promise.reject(signedOut());
    this.refreshing = this.call<TokenResponse>(
      'POST',
      '/api/auth/refresh',
      { refreshToken: tokens.refreshToken },
      null,
    )
      .then((body) => {
        if (this.tokens === tokens) {
          this.tokens = { accessToken: body.accessToken, refreshToken: body.refreshToken };
        }
        return body;
      })
      .catch((error: unknown) => {
        if (error instanceof WardenUnauthorizedError && this.tokens === tokens) this.signOut();
        throw error;
      })
      .finally(() => {
        this.refreshing = null;
      });
    return this.refreshing;
  }

  /** Ends the session at Warden (every instance) and here. */
  async logout(): Promise<void> {
    if (!this.tokens) return;
    try {
      await this.send<void>('POST', '/api/auth/logout');
    } finally {
      this.signOut();
    }
  }

  /** Forgets the session here: tokens, permissions, the event stream. Listeners hear of it. */
  signOut(): void {
    const wasSignedIn = this.tokens !== null || this.current !== null;
    this.tokens = null;
    this.watcher.stop();
    this.current = null;
    this.granted = new Set();
    if (wasSignedIn) this.emit();
  }

  /** `GET /api/me`, at least as fresh as the latest revision seen; updates the local set. */
  async me(): Promise<Me> {
    const me = await this.send<Me>('GET', '/api/me', undefined, true);
    this.current = me;
    this.granted = new Set(me.permissions);
    this.emit();
    return me;
  }

  /** Whether the caller holds `permission`, from the local set (wildcards honoured). */
  can(permission: string): boolean {
    return grants(this.granted, permission);
  }

  /** The local permission set, as `/api/me` listed it (wildcards included). */
  get permissions(): ReadonlySet<string> {
    return this.granted;
  }

  /** Calls `listener` whenever the local permission set or the session changes. */
  onChange(listener: (state: PermissionState) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async check(permission: string, userId?: string): Promise<CheckResponse> {
    const request: CheckRequest = userId === undefined ? { permission } : { permission, userId };
    return this.send<CheckResponse>('POST', '/api/authz/check', request, true);
  }

  async checkBatch(checks: CheckRequest[]): Promise<CheckBatchResponse> {
    return this.send<CheckBatchResponse>('POST', '/api/authz/check-batch', { checks }, true);
  }

  async explain(permission: string, userId?: string): Promise<Explanation> {
    const query = new URLSearchParams({ permission });
    if (userId !== undefined) query.set('userId', userId);
    return this.send<Explanation>('GET', '/api/authz/explain?' + query, undefined, true);
  }

  /**
   * Keeps the local permission set fresh: opens the event stream, then reads `/api/me` (so no
   * change after the read is missed), re-reads it on every `permissions-changed` (at least as
   * fresh as the event's revision) and signs out on `session-ended` when a refresh cannot save
   * the session. Resolves once the first `/api/me` answered.
   */
  async watch(): Promise<Me> {
    return this.watcher.start();
  }

  /** Closes the event stream; the local set stays as it was. */
  unwatch(): void {
    this.watcher.stop();
  }

  /**
   * Any authenticated call of the API (administration, listing, ...): JSON in, JSON out, problem
   * details as typed exceptions, one refresh-and-retry on a 401. `fresh` sends the latest
   * revision as `Warden-Min-Revision`.
   */
  async send<T>(method: Method, path: string, body?: unknown, fresh = false): Promise<T> {
    const tokens = this.tokens;
    if (!tokens) throw signedOut();
    try {
      return await this.call<T>(method, path, body, tokens.accessToken, fresh);
    } catch (error) {
      if (!(error instanceof WardenUnauthorizedError) || !this.tokens) throw error;
      if (this.tokens.accessToken === tokens.accessToken) await this.refresh();
      if (!this.tokens) throw error;
      return this.call<T>(method, path, body, this.tokens.accessToken, fresh);
    }
  }

  private async call<T>(
    method: Method,
    path: string,
    body: unknown,
    accessToken: string | null,
    fresh = false,
  ): Promise<T> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (accessToken !== null) headers.authorization = 'Bearer ' + accessToken;
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (fresh && this.latestRevision > 0) headers[MIN_REVISION] = String(this.latestRevision);
    let response: Response;
    try {
      response = await this.fetchFn(this.baseUrl + path, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        cache: 'no-store',
      });
    } catch (e) {
      throw networkError(e);
    }
    this.observe(response.headers.get(REVISION));
    if (!response.ok) throw await problemOf(response);
    const text = await response.text();
    return (text ? JSON.parse(text) : undefined) as T;
  }

  private observe(revision: string | number | null | undefined): void {
    const n = typeof revision === 'number' ? revision : Number(revision ?? NaN);
    if (Number.isSafeInteger(n) && n > this.latestRevision) this.latestRevision = n;
  }

  private emit(): void {
    const state: PermissionState = {
      signedIn: this.tokens !== null,
      me: this.current,
      permissions: this.granted,
      revision: this.latestRevision,
    };
    for (const listener of this.listeners) listener(state);
  }
}
