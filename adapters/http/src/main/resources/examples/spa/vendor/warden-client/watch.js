import { signedOut, WardenError } from './errors.js';
import { eventSourceStream, fetchStream } from './events.js';
export class PermissionWatch {
    url;
    mode;
    fetchFn;
    reconnectDelayMs;
    client;
    stream = null;
    watching = false;
    resumeTimer = null;
    constructor(url, mode, fetchFn, reconnectDelayMs, client) {
        this.url = url;
        this.mode = mode;
        this.fetchFn = fetchFn;
        this.reconnectDelayMs = reconnectDelayMs;
        this.client = client;
    }
    /** Starts watching; resolves once the first `/api/me` answered. */
    async start() {
        this.watching = true;
        try {
            return await this.openStream();
        }
        catch (error) {
            this.stop();
            throw error;
        }
    }
    /** Closes the event stream and stops reopening it. */
    stop() {
        this.watching = false;
        if (this.resumeTimer !== null)
            clearTimeout(this.resumeTimer);
        this.resumeTimer = null;
        this.stream?.close();
        this.stream = null;
    }
    /** The token changed (another tenant): a running watch reopens its stream with the new one. */
    restart() {
        if (this.watching)
            this.stream?.close(); // ends cleanly: reconnect() opens it again
    }
    /** Opens the stream; once it is open, reads `/api/me`. */
    async openStream() {
        const accessToken = this.client.accessToken();
        if (accessToken === null)
            throw signedOut();
        let opened = () => { };
        const open = new Promise((resolve) => (opened = resolve));
        const handlers = {
            onOpen: () => opened(),
            onEvent: (name, data) => this.onEvent(name, data),
        };
        let stream;
        if (this.mode === 'fetch') {
            stream = fetchStream(this.fetchFn, this.url, accessToken, handlers);
        }
        else {
            const ticket = await this.client.ticket();
            stream = eventSourceStream(this.url + '?ticket=' + encodeURIComponent(ticket), handlers);
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
        return this.client.me();
    }
    onEvent(name, data) {
        if (name === 'permissions-changed') {
            try {
                this.client.observe(JSON.parse(data).revision);
            }
            catch {
                // an unreadable revision still means: read again
            }
            this.client.me().catch(() => { });
        }
        else if (name === 'session-ended') {
            this.stream?.close();
        }
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
            if (!this.watching || this.client.accessToken() === null || this.stream !== null)
                return;
            const retry = (e) => {
                const transient = !(e instanceof WardenError) || e.status === 0 || e.status === 429 || e.status >= 500;
                if (transient && this.stream === null) {
                    const after = e instanceof WardenError && e.retryAfter !== null ? e.retryAfter * 1000 : 0;
                    this.resume(Math.max(this.reconnectDelayMs, after));
                }
            };
            this.client.refresh().then(() => this.openStream().catch(retry), retry);
        }, delayMs);
    }
}
