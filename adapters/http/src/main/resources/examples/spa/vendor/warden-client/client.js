import { networkError, problemOf, WardenError, WardenUnauthorizedError } from './errors.js';
import { eventSourceStream, fetchStream } from './events.js';
import { grants } from './permissions.js';
const REVISION = 'warden-revision';
const MIN_REVISION = 'Warden-Min-Revision';
export class WardenClient {
    baseUrl;
    fetchFn;
    eventMode;
    reconnectDelayMs;
    tokens;
    refreshing = null;
    latestRevision = 0;
    current = null;
    granted = new Set();
    stream = null;
    watching = false;
    resumeTimer = null;
    listeners = new Set();
    constructor(options) {
        this.baseUrl = options.baseUrl.replace(/\/+$/, '');
        const fetchFn = options.fetch ?? globalThis.fetch;
        this.fetchFn = (input, init) => fetchFn(input, init); // never called as a method of this
        const mode = options.events ?? 'auto';
        this.eventMode =
            mode === 'auto' ? (typeof EventSource === 'function' ? 'eventsource' : 'fetch') : mode;
        this.reconnectDelayMs = options.reconnectDelayMs ?? 1000;
        this.tokens = options.tokens ?? null;
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
        if (this.watching)
            this.restartStream();
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
        this.unwatch();
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
        this.watching = true;
        try {
            return await this.openStream();
        }
        catch (error) {
            this.unwatch();
            throw error;
        }
    }
    /** Closes the event stream; the local set stays as it was. */
    unwatch() {
        this.watching = false;
        if (this.resumeTimer !== null)
            clearTimeout(this.resumeTimer);
        this.resumeTimer = null;
        this.stream?.close();
        this.stream = null;
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
    /** Opens the stream; once it is open, reads `/api/me`. */
    async openStream() {
        const tokens = this.tokens;
        if (!tokens)
            throw signedOut();
        let opened = () => { };
        const open = new Promise((resolve) => (opened = resolve));
        const handlers = {
            onOpen: () => opened(),
            onEvent: (name, data) => this.onEvent(name, data),
        };
        const url = this.baseUrl + '/api/me/events';
        let stream;
        if (this.eventMode === 'fetch') {
            stream = fetchStream(this.fetchFn, url, tokens.accessToken, handlers);
        }
        else {
            const ticket = await this.send('POST', '/api/me/events/ticket');
            stream = eventSourceStream(url + '?ticket=' + encodeURIComponent(ticket.ticket), handlers);
        }
        this.stream?.close();
        this.stream = stream;
        const ended = stream.ended.then(() => {
            this.reconnect(stream);
            throw new Error('the event stream ended before it opened');
        }, (error) => {
            this.reconnect(stream, true);
            throw error;
        });
        ended.catch(() => { }); // after the stream opened, an end only means: reconnect
        await Promise.race([open, ended]);
        return this.me();
    }
    onEvent(name, data) {
        if (name === 'permissions-changed') {
            try {
                this.observe(JSON.parse(data).revision);
            }
            catch {
                // an unreadable revision still means: read again
            }
            this.me().catch(() => { });
        }
        else if (name === 'session-ended') {
            this.stream?.close();
        }
    }
    restartStream() {
        this.stream?.close(); // ends cleanly: reconnect() opens it again with the new token
    }
    /**
     * The stream ended: on session-ended, an expired token, a lost connection or a new tenant. A
     * refresh tells whether the session lives on (its 401 signs out); then the stream reopens.
     */
    reconnect(ended, failed = false) {
        if (this.stream !== ended)
            return;
        this.stream = null;
        this.resume(failed ? this.reconnectDelayMs : 0);
    }
    resume(delayMs) {
        if (this.resumeTimer !== null)
            return;
        this.resumeTimer = setTimeout(() => {
            this.resumeTimer = null;
            if (!this.watching || !this.tokens || this.stream !== null)
                return;
            const retry = (e) => {
                const transient = !(e instanceof WardenError) || e.status === 0 || e.status === 429 || e.status >= 500;
                if (transient && this.stream === null) {
                    const after = e instanceof WardenError && e.retryAfter !== null ? e.retryAfter * 1000 : 0;
                    this.resume(Math.max(this.reconnectDelayMs, after));
                }
            };
            this.refresh().then(() => this.openStream().catch(retry), retry);
        }, delayMs);
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
function signedOut() {
    return new WardenUnauthorizedError({
        type: 'about:blank',
        title: 'Signed out',
        status: 401,
        detail: 'the client holds no session: log in first',
    });
}
