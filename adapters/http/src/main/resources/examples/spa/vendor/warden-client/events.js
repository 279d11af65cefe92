// The two ways to hold GET /api/me/events open: fetch streaming with the Authorization header
// (Node.js 20, which has no EventSource, and any browser), or the browser's EventSource with a
// single-use ticket (EventSource cannot send headers).
import { networkError, problemOf } from './errors.js';
/** Reads text/event-stream from fetch's body; `Authorization: Bearer` authenticates. */
export function fetchStream(fetchFn, url, accessToken, handlers) {
    const abort = new AbortController();
    // Aborting the fetch does not settle a read already waiting on the decoded body (the socket is
    // gone, the read waits for ever): close() cancels the reader too, which ends that read.
    let reader = null;
    const ended = (async () => {
        let response;
        try {
            response = await fetchFn(url, {
                headers: { accept: 'text/event-stream', authorization: 'Bearer ' + accessToken },
                signal: abort.signal,
                cache: 'no-store',
            });
        }
        catch (e) {
            if (abort.signal.aborted)
                return;
            throw networkError(e);
        }
        if (!response.ok)
            throw await problemOf(response);
        if (!response.body)
            throw networkError(new Error('the event stream has no body'));
        handlers.onOpen();
        const parser = new EventParser(handlers);
        reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
        if (abort.signal.aborted)
            return;
        try {
            for (;;) {
                const { value, done } = await reader.read();
                if (done)
                    return;
                parser.push(value);
            }
        }
        catch (e) {
            if (abort.signal.aborted)
                return;
            throw networkError(e);
        }
    })();
    return {
        close: () => {
            abort.abort();
            reader?.cancel().catch(() => { });
        },
        ended,
    };
}
/** The browser's EventSource on `?ticket=`; it never reconnects by itself (a ticket is single use). */
export function eventSourceStream(url, handlers) {
    const source = new EventSource(url);
    let finish = () => { };
    const ended = new Promise((resolve, reject) => {
        finish = (error) => {
            source.close();
            if (error)
                reject(error);
            else
                resolve();
        };
    });
    source.addEventListener('open', () => handlers.onOpen());
    for (const name of ['permissions-changed', 'session-ended']) {
        source.addEventListener(name, (event) => handlers.onEvent(name, event.data));
    }
    // EventSource reports neither the status nor the body of a refused request: the caller
    // re-authenticates (a fresh ticket needs a working token) to learn why.
    source.addEventListener('error', () => finish(networkError(new Error('event stream lost'))));
    return { close: () => finish(), ended };
}
/** The text/event-stream format (WHATWG HTML §9.2.6), fed in arbitrary chunks. */
export class EventParser {
    handlers;
    buffer = '';
    event = '';
    data = [];
    constructor(handlers) {
        this.handlers = handlers;
    }
    push(chunk) {
        this.buffer += chunk;
        let match;
        const eol = /\r\n|\r|\n/g;
        let start = 0;
        while ((match = eol.exec(this.buffer)) !== null) {
            // A lone \r at the very end may be the first half of \r\n: wait for more.
            if (match[0] === '\r' && match.index === this.buffer.length - 1)
                break;
            this.line(this.buffer.slice(start, match.index));
            start = match.index + match[0].length;
        }
        this.buffer = this.buffer.slice(start);
    }
    line(line) {
        if (line === '') {
            if (this.data.length > 0) {
                this.handlers.onEvent(this.event || 'message', this.data.join('\n'));
            }
            this.event = '';
            this.data = [];
            return;
        }
        if (line.startsWith(':'))
            return; // a comment: the heartbeat
        const colon = line.indexOf(':');
        const field = colon < 0 ? line : line.slice(0, colon);
        let value = colon < 0 ? '' : line.slice(colon + 1);
        if (value.startsWith(' '))
            value = value.slice(1);
        if (field === 'event')
            this.event = value;
        else if (field === 'data')
            this.data.push(value);
    }
}
