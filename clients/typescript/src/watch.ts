// PermissionWatch: the event stream that keeps a WardenClient's permission set fresh. It opens the
// stream before /api/me is read (so no change after the read is missed), reads it again on every
// `permissions-changed`, and when the stream ends refreshes the session, which tells whether it
// lives on, before opening it again.
import type { components } from './generated/openapi.js';
import { signedOut, WardenError } from './errors.js';
import { eventSourceStream, fetchStream, type OpenStream } from './events.js';

type Me = components['schemas']['Me'];

/** What the watch asks of the client it keeps fresh. */
export interface WatchedClient {
  /** The current access token, or null when signed out. */
  accessToken(): string | null;
  /** A ticket for the stream's URL (EventSource cannot send a header). */
  ticket(): Promise<string>;
  refresh(): Promise<unknown>;
  me(): Promise<Me>;
  /** A revision an event announced. */
  observe(revision: number | undefined): void;
}

export class PermissionWatch {
  private readonly url: string;
  private readonly mode: 'eventsource' | 'fetch';
  private readonly fetchFn: typeof fetch;
  private readonly reconnectDelayMs: number;
  private readonly client: WatchedClient;
  private stream: OpenStream | null = null;
  private watching = false;
  private resumeTimer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    url: string,
    mode: 'eventsource' | 'fetch',
    fetchFn: typeof fetch,
    reconnectDelayMs: number,
    client: WatchedClient,
  ) {
    this.url = url;
    this.mode = mode;
    this.fetchFn = fetchFn;
    this.reconnectDelayMs = reconnectDelayMs;
    this.client = client;
  }

  /** Starts watching; resolves once the first `/api/me` answered. */
  async start(): Promise<Me> {
    this.watching = true;
    try {
      return await this.openStream();
    } catch (error) {
      this.stop();
      throw error;
    }
  }

  /** Closes the event stream and stops reopening it. */
  stop(): void {
    this.watching = false;
    if (this.resumeTimer !== null) clearTimeout(this.resumeTimer);
    this.resumeTimer = null;
    this.stream?.close();
    this.stream = null;
  }

  /** The token changed (another tenant): a running watch reopens its stream with the new one. */
  restart(): void {
    if (this.watching) this.stream?.close(); // ends cleanly: reconnect() opens it again
  }

  /** Opens the stream; once it is open, reads `/api/me`. */
  private async openStream(): Promise<Me> {
    const accessToken = this.client.accessToken();
    if (accessToken === null) throw signedOut();
    let opened: () => void = () => {};
    const open = new Promise<void>((resolve) => (opened = resolve));
    const handlers = {
      onOpen: () => opened(),
      onEvent: (name: string, data: string) => this.onEvent(name, data),
    };
    let stream: OpenStream;
    if (this.mode === 'fetch') {
      stream = fetchStream(this.fetchFn, this.url, accessToken, handlers);
    } else {
      const ticket = await this.client.ticket();
      stream = eventSourceStream(this.url + '?ticket=' + encodeURIComponent(ticket), handlers);
    }
    this.stream?.close();
    this.stream = stream;
    const ended = stream.ended.then(
      () => {
        this.reconnect(stream);
        throw new Error('the event stream ended before it opened');
      },
      (error: unknown) => {
        this.reconnect(stream, true);
        throw error;
      },
    );
    ended.catch(() => {}); // after the stream opened, an end only means: reconnect
    await Promise.race([open, ended]);
    return this.client.me();
  }

  private onEvent(name: string, data: string): void {
    if (name === 'permissions-changed') {
      try {
        this.client.observe((JSON.parse(data) as { revision?: number }).revision);
      } catch {
        // an unreadable revision still means: read again
      }
      this.client.me().catch(() => {});
    } else if (name === 'session-ended') {
      this.stream?.close();
    }
  }

  /**
   * The stream ended: on session-ended, an expired token, a lost connection or a new tenant. A
   * refresh tells whether the session lives on (its 401 signs out); then the stream reopens.
   */
  private reconnect(ended: OpenStream, failed = false): void {
    if (this.stream !== ended) return;
    this.stream = null;
    this.resume(failed ? this.reconnectDelayMs : 0);
  }

  private resume(delayMs: number): void {
    if (this.resumeTimer !== null) return;
    this.resumeTimer = setTimeout(() => {
      this.resumeTimer = null;
      if (!this.watching || this.client.accessToken() === null || this.stream !== null) return;
      const retry = (e: unknown) => {
        const transient =
          !(e instanceof WardenError) || e.status === 0 || e.status === 429 || e.status >= 500;
        if (transient && this.stream === null) {
          const after = e instanceof WardenError && e.retryAfter !== null ? e.retryAfter * 1000 : 0;
          this.resume(Math.max(this.reconnectDelayMs, after));
        }
      };
      this.client.refresh().then(() => this.openStream().catch(retry), retry);
    }, delayMs);
  }
}
