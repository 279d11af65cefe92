package io.warden.adapter.driven.security;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;

/**
 * Makes threads that lower their own operating-system scheduling priority as they start: before any
 * work, each raises its Linux nice value by {@link #NICE_INCREMENT} (to {@value #LOWEST} at most).
 *
 * <p>Why: the password hashes run on platform threads beside the carrier threads that run every
 * request's virtual thread. At equal priority Linux shares a core equally between a carrier and a
 * hashing thread, so under a login flood a warm check waits its turn behind Argon2. The scheduler
 * (CFS, and EEVDF since Linux 6.6) gives each runnable thread a share of the CPU in proportion to
 * the weight of its nice value: 1024 at nice 0, 110 at nice 10. A carrier with work to do thus gets
 * about nine times a hashing thread's share and the cores when it needs them, while on an idle
 * machine nothing competes and a hash still gets a whole core: logins slow down only when requests
 * need the CPU, and still progress then.
 *
 * <p>How, without privilege and without a JVM flag: raising one's own nice value needs no privilege
 * (only lowering it again would), and on Linux {@code setpriority(PRIO_PROCESS, tid, ..)} with a
 * thread id changes that one thread. Java reaches it no other way: {@link Thread#setPriority} does
 * nothing on Linux unless the JVM runs with {@code -XX:ThreadPriorityPolicy=1}, which prints a
 * warning at every start when not root and renices the JVM's own threads as root; the foreign
 * function API that could call {@code setpriority(2)} is a preview in Java 21; JNI would need a
 * native library per platform; {@code /proc} has no writable per-thread nice. So each thread reads
 * its own thread id from {@code /proc/thread-self} and runs {@code renice} on it once, when it
 * starts: one short process per thread (the hashing pool has one per core), never one per login.
 * The process is started before the thread lowers itself, so nothing the JDK creates for it (the
 * process reaper) inherits the low priority. A lowered thread's own children would inherit it; the
 * hashing threads start none.
 *
 * <p>Where this cannot be done (not Linux, no {@code /proc}, no {@code renice}, a sandbox that
 * forbids it) the threads keep the JVM's priority, as before: the first failure is logged once at
 * INFO, later threads no longer try, and the work always runs.
 */
final class LowPriorityThreads implements ThreadFactory {
  /** How much nicer than the thread that creates it a thread becomes. */
  static final int NICE_INCREMENT = 10;

  /** The highest nice value, the lowest priority, Linux knows. */
  static final int LOWEST = 19;

  /** The nice value's field in {@code /proc/<pid>/task/<tid>/stat}, counting from 1 (proc(5)). */
  private static final int NICE_FIELD = 19;

  /** Fields before the one after the thread's name: pid, (name). */
  private static final int FIELDS_BEFORE_STATE = 2;

  private static final long RENICE_TIMEOUT_MILLIS = 2_000;
  private static final System.Logger LOG = System.getLogger(LowPriorityThreads.class.getName());

  private final ThreadFactory threads;
  private final Path threadSelf;
  private final String reniceCommand;
  private final AtomicBoolean successLogged = new AtomicBoolean();
  private final AtomicBoolean failureLogged = new AtomicBoolean();
  private volatile boolean gaveUp;

  /** Threads of {@code threads} that lower themselves through {@code /proc} and {@code renice}. */
  LowPriorityThreads(ThreadFactory threads) {
    this(threads, Path.of("/proc"), "renice");
  }

  /**
   * @param proc where procfs is mounted
   * @param renice the command that sets a thread's nice value, as {@code renice <nice> -p <tid>}
   */
  LowPriorityThreads(ThreadFactory threads, Path proc, String renice) {
    this.threads = threads;
    this.threadSelf = proc.resolve("thread-self");
    this.reniceCommand = renice;
  }

  @Override
  public Thread newThread(Runnable work) {
    return threads.newThread(
        () -> {
          lowerThisThread();
          work.run();
        });
  }

  /** Raises the calling thread's nice value; never throws, logs its first failure once. */
  void lowerThisThread() {
    if (gaveUp) {
      return;
    }
    try {
      int before = niceOfThisThread();
      int target = Math.min(LOWEST, before + NICE_INCREMENT);
      if (target == before) {
        return;
      }
      renice(threadId(), target);
      int after = niceOfThisThread();
      if (after != target) {
        throw new IOException(
            reniceCommand + " left the nice value at " + after + ", not " + target);
      }
      if (successLogged.compareAndSet(false, true)) {
        LOG.log(
            System.Logger.Level.DEBUG,
            "{0} lowered itself to nice {1} (from {2}), as will the threads after it",
            Thread.currentThread().getName(),
            target,
            before);
      }
    } catch (IOException | RuntimeException e) {
      giveUp(e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      giveUp("interrupted while " + reniceCommand + " ran");
    }
  }

  private void giveUp(@Nullable String why) {
    gaveUp = true;
    if (failureLogged.compareAndSet(false, true)) {
      LOG.log(
          System.Logger.Level.INFO,
          "{0} and the threads after it keep the priority of the thread that started them: {1}",
          Thread.currentThread().getName(),
          why);
    }
  }

  /** The kernel's id of the calling thread: {@code /proc/thread-self} links to pid/task/tid. */
  private String threadId() throws IOException {
    Path target = Files.readSymbolicLink(threadSelf);
    String tid = String.valueOf(target.getFileName());
    if (tid.isEmpty() || !tid.chars().allMatch(Character::isDigit)) {
      throw new IOException(threadSelf + " links to " + target + ", not to a thread's directory");
    }
    return tid;
  }

  private int niceOfThisThread() throws IOException {
    if (!Files.isSymbolicLink(threadSelf)) {
      throw new IOException("no " + threadSelf + " (not Linux, or procfs not mounted there)");
    }
    return niceIn(Files.readString(threadSelf.resolve("stat"), StandardCharsets.US_ASCII));
  }

  /**
   * The nice value in a {@code stat} line. The thread's name, in parentheses, may itself hold
   * spaces and parentheses, so the fields are counted from its closing parenthesis, the last one.
   */
  static int niceIn(String stat) {
    String[] afterName = stat.substring(stat.lastIndexOf(')') + 1).strip().split(" ");
    return Integer.parseInt(afterName[NICE_FIELD - FIELDS_BEFORE_STATE - 1]);
  }

  private void renice(String tid, int nice) throws IOException, InterruptedException {
    // The absolute form (no -n): util-linux and BusyBox both read it as the value to set, where
    // -n means an increment to some and not to others. The result is read back either way.
    Process process =
        new ProcessBuilder(reniceCommand, Integer.toString(nice), "-p", tid)
            .redirectErrorStream(true)
            .start();
    try (InputStream output = process.getInputStream()) {
      process.getOutputStream().close();
      if (!process.waitFor(RENICE_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS)) {
        throw new IOException(
            reniceCommand + " did not finish within " + RENICE_TIMEOUT_MILLIS + " ms");
      }
      if (process.exitValue() != 0) {
        String said = new String(output.readAllBytes(), StandardCharsets.UTF_8).strip();
        throw new IOException(reniceCommand + " exited with " + process.exitValue() + ": " + said);
      }
    } finally {
      if (process.isAlive()) {
        process.destroyForcibly();
      }
    }
  }
}
