package io.warden.testing;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Waits for a Warden started in a process of its own ({@link LaunchedWarden}, bootstrap's {@code
 * WardenProcess}): first its port, from the line it logs once it listens, then an answer of {@code
 * /ping}. A process that exits, or does not get there in time, fails the test with its log.
 */
public final class WardenStartup {
  private static final Pattern LISTENING = Pattern.compile("Warden listening on port (\\d+)");
  private static final Duration POLL = Duration.ofMillis(100);

  private WardenStartup() {}

  /** The port {@code process} listens on, read from {@code log}; kills it after {@code timeout}. */
  public static int awaitListening(Process process, Path log, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      String text = read(log);
      Matcher matcher = LISTENING.matcher(text);
      if (matcher.find()) {
        return Integer.parseInt(matcher.group(1));
      }
      if (!process.isAlive()) {
        throw new IllegalStateException("Warden exited at start-up:\n" + text);
      }
      pause();
    }
    process.destroyForcibly();
    throw new IllegalStateException("Warden did not start within " + timeout + ":\n" + read(log));
  }

  /** Waits until {@code baseUrl/ping} answers 200, for at most {@code timeout}. */
  public static void awaitPing(String baseUrl, Duration timeout, Path log) {
    HttpClient http = HttpClient.newHttpClient();
    HttpRequest ping = HttpRequest.newBuilder(URI.create(baseUrl + "/ping")).build();
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      try {
        if (http.send(ping, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
          return;
        }
      } catch (IOException e) {
        // not yet
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
      pause();
    }
    throw new IllegalStateException("no /ping answer from " + baseUrl + ":\n" + read(log));
  }

  /** Everything in {@code log} so far; empty when it cannot be read (yet). */
  public static String read(Path log) {
    try {
      return Files.readString(log);
    } catch (IOException e) {
      return "";
    }
  }

  private static void pause() {
    try {
      Thread.sleep(POLL.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
