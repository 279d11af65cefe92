import { networkError, problemOf, signedOut, WardenUnauthorizedError } from './errors.js';
import { grants } from './permissions.js';
import { PermissionWatch } from './watch.js';
const REVISION = 'warden-revision';
const MIN_REVISION = 'Warden-Min-Revision';
export class WardenClient {
    baseUrl;
    fetchFn;
    tokens;
    refreshing = null;
    latestRevision = 0;
    current = null;
    granted = new Set();
    watcher;
    listeners = new Set();
    constructor(options) {
        this.baseUrl = options.baseUrl.replace(/\/+$/, '');
        const fetchFn = options.fetch ?? globalThis.fetch;
        this.fetchFn = (input, init) => fetchFn(input, init); // never called as a method of this
        this.tokens = options.tokens ?? null;
        const mode = options.events ?? 'auto';
        this.watcher = new PermissionWatch(this.baseUrl + '/api/me/events', mode === 'auto' ? (typeof EventSource === 'function' ? 'eventsource' : 'fetch') : mode, this.fetchFn, options.reconnectDelayMs ?? 1000, {
            accessToken: () => this.tokens?.accessToken ?? null,
            ticket: async () => (await this.send('POST', '/api/me/events/ticket')).ticket,
            refresh: () => this.refresh(),
            me: () => this.me(),
            observe: (revision) => this.observe(revision),
        });
    }
    /** The largest `Warden-Revision` seen (0: none yet); sent as `Warden-Min-Revision`. */
    get revision() {
        return this.latestRevision;
    }
    get signedIn() {
        return this.tokens !== null;
    }
    /** The current token pair (to persist a session), or null when signed out. */
    get session() {
        return this.tokens === null ? null : { ...this.tokens };
    }
    /** The caller as `/api/me` last answered, or null before `watch()`/`me()`. */
    get caller() {
        return this.current;
    }
    async login(email, password) {
        const body = await this.call('POST', '/api/auth/login', { email, password }, null);
        this.tokens = { accessToken: body.accessToken, refreshToken: body.refreshToken };
        return body;
    }
    async tenants() {
        return this.send('GET', '/api/auth/tenants');
    }
    /** Exchanges the token for one scoped to `tenantId`; a running watch() follows the new tenant. */
    async selectTenant(tenantId) {
        const body = await this.send('POST', '/api/auth/select-tenant', { tenantId });
        this.tokens = { accessToken: body.accessToken, refreshToken: body.refreshToken };
        this.watcher.restart();
        return body;
    }
    /**
     * Rotates the refresh token: the new pair replaces the old one. Concurrent calls share one
     * request (a refresh token is single use: a second request with it would end the session).
     * A 401 (expired, reused or revoked) signs the client out.
     */
    refresh() {
        if (this.refreshing)
            return this.refreshing;
        const tokens = this.tokens;
        if (!tokens)
            return Promise.reject(signedOut());
        this.refreshing = this.call('POST', '/api/auth/refresh', { refreshToken: tokens.refreshToken }, null)
            .then((body) => {
            if (this.tokens === tokens) {
                this.tokens = { accessToken: body.accessToken, refreshToken: body.refreshToken };
            }
            return body;
        })
            .catch((error) => {
            if (error instanceof WardenUnauthorizedError && this.tokens === tokens)
                this.signOut();
            throw error;
        })
            .finally(() => {
            this.refreshing = null;
        });
        return this.refreshing;
    }
    /** Ends the session at Warden (every instance) and here. */
    async logout() {
        if (!this.tokens)
            return;
        try {
            await this.send('POST', '/api/auth/logout');
        }
        finally {
            this.signOut();
        }
    }
    /** Forgets the session here: tokens, permissions, the event stream. Listeners hear of it. */
    signOut() {
        const wasSignedIn = this.tokens !== null || this.current !== null;
        this.tokens = null;
        this.watcher.stop();
        this.current = null;
        this.granted = new Set();
        if (wasSignedIn)
            this.emit();
    }
    /** `GET /api/me`, at least as fresh as the latest revision seen; updates the local set. */
    async me() {
        const me = await this.send('GET', '/api/me', undefined, true);
        this.current = me;
        this.granted = new Set(me.permissions);
        this.emit();
        return me;
    }
    /** Whether the caller holds `permission`, from the local set (wildcards honoured). */
    can(permission) {
        return grants(this.granted, permission);
    }
    /** The local permission set, as `/api/me` listed it (wildcards included). */
    get permissions() {
        return this.granted;
    }
    /** Calls `listener` whenever the local permission set or the session changes. */
    onChange(listener) {
        this.listeners.add(listener);
        return () => this.listeners.delete(listener);
    }
    async check(permission, userId) {
        const request = userId === undefined ? { permission } : { permission, userId };
        return this.send('POST', '/api/authz/check', request, true);
    }
    async checkBatch(checks) {
        return this.send('POST', '/api/authz/check-batch', { checks }, true);
    }
    async explain(permission, userId) {
        const query = new URLSearchParams({ permission });
        if (userId !== undefined)
            query.set('userId', userId);
        return this.send('GET', '/api/authz/explain?' + query, undefined, true);
    }
    /**
     * Keeps the local permission set fresh: opens the event stream, then reads `/api/me` (so no
     * change after the read is missed), re-reads it on every `permissions-changed` (at least as
     * fresh as the event's revision) and signs out on `session-ended` when a refresh cannot save
     * the session. Resolves once the first `/api/me` answered.
     */
    async watch() {
        return this.watcher.start();
    }
    /** Closes the event stream; the local set stays as it was. */
    unwatch() {
        this.watcher.stop();
    }
    /**
     * Any authenticated call of the API (administration, listing, ...): JSON in, JSON out, problem
     * details as typed exceptions, one refresh-and-retry on a 401. `fresh` sends the latest
     * revision as `Warden-Min-Revision`.
     */
    async send(method, path, body, fresh = false) {
        const tokens = this.tokens;
        if (!tokens)
            throw signedOut();
        try {
            return await this.call(method, path, body, tokens.accessToken, fresh);
        }
        catch (error) {
            if (!(error instanceof WardenUnauthorizedError) || !this.tokens)
                throw error;
            if (this.tokens.accessToken === tokens.accessToken)
                await this.refresh();
            if (!this.tokens)
                throw error;
            return this.call(method, path, body, this.tokens.accessToken, fresh);
        }
    }
    async call(method, path, body, accessToken, fresh = false) {
        const headers = { accept: 'application/json' };
        if (accessToken !== null)
            headers.authorization = 'Bearer ' + accessToken;
        if (body !== undefined)
            headers['content-type'] = 'application/json';
        if (fresh && this.latestRevision > 0)
            headers[MIN_REVISION] = String(this.latestRevision);
        let response;
        try {
            response = await this.fetchFn(this.baseUrl + path, {
                method,
                headers,
                body: body === undefined ? undefined : JSON.stringify(body),
                cache: 'no-store',
            });
        }
        catch (e) {
            throw networkError(e);
        }
        this.observe(response.headers.get(REVISION));
        if (!response.ok)
            throw await problemOf(response);
        const text = await response.text();
        return (text ? JSON.parse(text) : undefined);
    }
    observe(revision) {
        const n = typeof revision === 'number' ? revision : Number(revision ?? NaN);
        if (Number.isSafeInteger(n) && n > this.latestRevision)
            this.latestRevision = n;
    }
    emit() {
        const state = {
            signedIn: this.tokens !== null,
            me: this.current,
            permissions: this.granted,
            revision: this.latestRevision,
        };
        for (const listener of this.listeners)
            listener(state);
    }
}
