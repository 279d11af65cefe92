package io.warden.bootstrap.cache;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Iterator;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A Server-Sent Events client for tests: opens {@code GET /api/me/events}, then a virtual thread
 * parses the frames into a queue. Comments (heartbeats) are frames named {@code ":"}; the end of
 * the stream is a frame named {@link #END}.
 */
final class EventStreamReader implements AutoCloseable {
  static final String END = "(end)";
  static final String COMMENT = ":";

  /** One frame: its event name ({@code message} when unnamed) and data. */
  record Frame(String event, String data) {}

  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private final HttpResponse<Stream<String>> response;
  private final BlockingQueue<Frame> frames = new LinkedBlockingQueue<>();
  private final Thread reader;

  private EventStreamReader(HttpResponse<Stream<String>> response) {
    this.response = response;
    this.reader = Thread.ofVirtual().name("sse-reader").start(this::read);
  }

  /** Opens a stream with a bearer token (or none when null). */
  static EventStreamReader open(String baseUrl, String query, String token) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(baseUrl + "/api/me/events" + query))
            .header("Accept", "text/event-stream")
            .GET();
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    try {
      return new EventStreamReader(HTTP.send(request.build(), HttpResponse.BodyHandlers.ofLines()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  int status() {
    return response.statusCode();
  }

  String contentType() {
    return response.headers().firstValue("Content-Type").orElse("");
  }

  /** The body of a refusal (read whole: a refusal is not a stream). */
  String body() throws InterruptedException {
    StringBuilder body = new StringBuilder();
    Frame frame;
    while ((frame = frames.poll(10, TimeUnit.SECONDS)) != null && !frame.event().equals(END)) {
      body.append(frame.data());
    }
    return body.toString();
  }

  private void read() {
    String event = "message";
    StringBuilder data = new StringBuilder();
    try (Stream<String> lines = response.body()) {
      Iterator<String> it = lines.iterator();
      while (it.hasNext()) {
        String line = it.next();
        if (response.statusCode() != 200) {
          frames.add(new Frame("body", line));
        } else if (line.isEmpty()) {
          if (!data.isEmpty() || !event.equals("message")) {
            frames.add(new Frame(event, data.toString()));
          }
          event = "message";
          data.setLength(0);
        } else if (line.startsWith(":")) {
          frames.add(new Frame(COMMENT, line.substring(1).strip()));
        } else if (line.startsWith("event:")) {
          event = line.substring(6).strip();
        } else if (line.startsWith("data:")) {
          data.append(line.substring(5).strip());
        }
      }
    } catch (RuntimeException e) {
      // the stream was closed
    } finally {
      frames.add(new Frame(END, ""));
    }
  }

  /** The next frame that is not a comment, waiting up to {@code timeout}; null if none came. */
  Frame nextEvent(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      Frame frame = frames.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
      if (frame == null || !frame.event().equals(COMMENT)) {
        return frame;
      }
    }
  }

  /** The next frame of any kind (comments included). */
  Frame nextFrame(Duration timeout) throws InterruptedException {
    return frames.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
  }

  @Override
  public void close() {
    reader.interrupt();
    try {
      response.body().close();
    } catch (RuntimeException e) {
      // already closed
    }
  }
}
