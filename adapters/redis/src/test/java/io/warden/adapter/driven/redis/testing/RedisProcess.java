package io.warden.adapter.driven.redis.testing;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real {@code redis-server} owned by one test, on a free port, without persistence ({@code --save
 * "" --appendonly no}): it can be stopped, killed, frozen and restarted on the same port, which is
 * what fault tests need and a shared server must never be subjected to.
 *
 * <p>The binary is {@code WARDEN_REDIS_SERVER} if set, else {@code redis-server} on the {@code
 * PATH}. Without one, {@link #start} skips the test (fails it when {@code CI=true}).
 */
public final class RedisProcess implements AutoCloseable {
  private static final String HOST = "127.0.0.1";

  private final Path binary;
  private final Path directory;
  private final int port;
  private final List<String> extraArgs;
  private Process process;

  private RedisProcess(Path binary, Path directory, int port, List<String> extraArgs) {
    this.binary = binary;
    this.directory = directory;
    this.port = port;
    this.extraArgs = List.copyOf(extraArgs);
  }

  /** Whether a {@code redis-server} binary is available. */
  public static boolean available() {
    return findBinary() != null;
  }

  /**
   * Starts a server on a free port and waits until it answers {@code PING}.
   *
   * @param extraArgs further {@code redis-server} options, e.g. {@code "--cluster-enabled", "yes"}
   */
  public static RedisProcess start(String... extraArgs) {
    Path binary = findBinary();
    if (binary == null) {
      TestRedis.unavailable("no redis-server binary (PATH or WARDEN_REDIS_SERVER)");
    }
    try {
      RedisProcess redis =
          new RedisProcess(
              binary, Files.createTempDirectory("warden-redis-"), freePort(), List.of(extraArgs));
      redis.launch();
      return redis;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public int port() {
    return port;
  }

  public String host() {
    return HOST;
  }

  public String uri() {
    return "redis://" + HOST + ":" + port;
  }

  /** Whether the process is alive (it may still be frozen). */
  public boolean running() {
    return process != null && process.isAlive();
  }

  /** Graceful stop ({@code SIGTERM}); waits until the process is gone. */
  public void stop() {
    end(false);
  }

  /** Abrupt death ({@code SIGKILL}), like a crashed host; waits until the process is gone. */
  public void kill() {
    end(true);
  }

  /** Starts the server again on the same port (empty: nothing was persisted). */
  public void restart() {
    if (running()) {
      throw new IllegalStateException("still running");
    }
    launch();
  }

  /**
   * Suspends the process ({@code SIGSTOP}): connections stay open and connects still succeed, but
   * nothing is answered, like a Redis stuck in a long command or a swapped-out host.
   */
  public void freeze() {
    signal("STOP");
  }

  /** Resumes a frozen process ({@code SIGCONT}). */
  public void thaw() {
    signal("CONT");
  }

  /** Sends one command over a fresh connection and returns the reply. */
  public Object command(String... args) {
    try {
      Object reply = Resp.command(HOST, port, 2000, args);
      if (reply instanceof Resp.Error error) {
        throw new IllegalStateException(String.join(" ", args) + ": " + error.message());
      }
      return reply;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** How often the server ran {@code name} (from {@code INFO commandstats}), e.g. "evalsha". */
  public long calls(String name) {
    String info = (String) command("INFO", "commandstats");
    String prefix = "cmdstat_" + name.toLowerCase() + ":calls=";
    for (String line : info.split("\r\n")) {
      if (line.startsWith(prefix)) {
        String rest = line.substring(prefix.length());
        int comma = rest.indexOf(',');
        return Long.parseLong(comma < 0 ? rest : rest.substring(0, comma));
      }
    }
    return 0;
  }

  /** Forgets the command statistics, so {@link #calls} counts from now on. */
  public void resetStats() {
    command("CONFIG", "RESETSTAT");
  }

  @Override
  public void close() {
    if (process != null && process.isAlive()) {
      signal("CONT");
      process.destroyForcibly();
      waitForExit();
    }
    try (Stream<Path> files = Files.walk(directory)) {
      files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
    } catch (IOException e) {
      // Best effort: a temporary directory left behind harms nothing.
    }
  }

  private void launch() {
    List<String> command = new ArrayList<>();
    command.add(binary.toString());
    command.addAll(
        List.of(
            "--port",
            Integer.toString(port),
            "--bind",
            HOST,
            "--save",
            "",
            "--appendonly",
            "no",
            "--dir",
            directory.toString()));
    command.addAll(extraArgs);
    // A port left in TIME_WAIT by the previous process, or taken meanwhile, fails the bind: retry.
    Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
    while (true) {
      try {
        process =
            new ProcessBuilder(command)
                .directory(directory.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(directory.resolve("log").toFile()))
                .start();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      if (awaitPing(deadline)) {
        return;
      }
      if (Instant.now().isAfter(deadline)) {
        process.destroyForcibly();
        throw new IllegalStateException("redis-server did not start on port " + port + log());
      }
    }
  }

  /** True when the server answers; false when the process died (e.g. could not bind). */
  private boolean awaitPing(Instant deadline) {
    while (Instant.now().isBefore(deadline)) {
      try {
        if ("PONG".equals(Resp.command(HOST, port, 500, "PING"))) {
          return true;
        }
      } catch (IOException e) {
        // Not listening yet.
      }
      if (!process.isAlive()) {
        pause(100);
        return false;
      }
      pause(20);
    }
    return false;
  }

  private void end(boolean forcibly) {
    if (process == null || !process.isAlive()) {
      return;
    }
    signal("CONT");
    if (forcibly) {
      process.destroyForcibly();
    } else {
      process.destroy();
    }
    waitForExit();
  }

  private void waitForExit() {
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void signal(String name) {
    if (process == null || !process.isAlive()) {
      return;
    }
    try {
      Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).start();
      if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
        throw new IllegalStateException("kill -" + name + " failed");
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private String log() {
    try {
      return "\n" + Files.readString(directory.resolve("log"));
    } catch (IOException e) {
      return "";
    }
  }

  private static Path findBinary() {
    String configured = System.getenv("WARDEN_REDIS_SERVER");
    if (configured != null && !configured.isBlank()) {
      Path path = Path.of(configured);
      return Files.isExecutable(path) ? path : null;
    }
    String path = System.getenv().getOrDefault("PATH", "/usr/bin:/usr/local/bin");
    for (String dir : path.split(File.pathSeparator)) {
      Path candidate = Path.of(dir, "redis-server");
      if (Files.isExecutable(candidate)) {
        return candidate;
      }
    }
    return null;
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private static void pause(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
