import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where the bytes of a JFR recording's TLAB events go, per request, as markdown tables (run as a
 * source file: {@code java AllocationSites.java FILE.jfr REQUESTS [ROWS]}).
 *
 * <p>The recording has {@code jdk.ObjectAllocationInNewTLAB} and {@code
 * jdk.ObjectAllocationOutsideTLAB} with stack traces, of an instance run with small fixed TLABs
 * (run-allocation-sites.sh): a new TLAB's event stands for the TLAB's bytes, an allocation outside
 * one for its own size. Each allocation is attributed to the innermost frame outside the JDK (the
 * code that asked for it) and to that frame's library: Warden, Helidon, Infinispan, Parsson, ...
 * It is a sample (one event per TLAB), so the sites are estimates; the total is close to, not
 * equal to, the JVM's own count of bytes that run-allocation.sh reports.
 */
public class AllocationSites {
  public static void main(String[] args) throws Exception {
    double requests = Double.parseDouble(args[1]);
    int rows = args.length > 2 ? Integer.parseInt(args[2]) : 25;
    Map<String, Long> byLibrary = new HashMap<>();
    Map<String, Long> bySite = new HashMap<>();
    long total = 0;
    try (RecordingFile file = new RecordingFile(Path.of(args[0]))) {
      while (file.hasMoreEvents()) {
        RecordedEvent e = file.readEvent();
        long bytes;
        switch (e.getEventType().getName()) {
          case "jdk.ObjectAllocationInNewTLAB" -> bytes = e.getLong("tlabSize");
          case "jdk.ObjectAllocationOutsideTLAB" -> bytes = e.getLong("allocationSize");
          default -> {
            continue;
          }
        }
        if (e.getStackTrace() == null || e.getStackTrace().getFrames().isEmpty()) {
          continue;
        }
        RecordedFrame site = null;
        for (RecordedFrame f : e.getStackTrace().getFrames()) {
          if (!jdk(name(f))) {
            site = f;
            break;
          }
        }
        String library = site == null ? "JDK" : library(name(site));
        String where =
            site == null
                ? "(JDK only: " + name(e.getStackTrace().getFrames().get(0)) + ")"
                : name(site) + " → " + e.getClass("objectClass").getName();
        total += bytes;
        byLibrary.merge(library, bytes, Long::sum);
        bySite.merge(library + "|" + where, bytes, Long::sum);
      }
    }
    System.out.printf("TLAB samples standing for %.0f B per request.%n%n", total / requests);
    System.out.println("| library (innermost non-JDK frame) | ≈ B per request | share |");
    System.out.println("|---|---|---|");
    print(byLibrary, total, requests, rows, false);
    System.out.println();
    System.out.println("| library | allocating site (innermost non-JDK frame → class) | ≈ B per request | share |");
    System.out.println("|---|---|---|---|");
    print(bySite, total, requests, rows, true);
  }

  private static void print(Map<String, Long> counts, long total, double n, int rows, boolean split) {
    counts.entrySet().stream()
        .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
        .limit(rows)
        .forEach(
            e -> {
              String key = e.getKey();
              String cells =
                  split
                      ? key.substring(0, key.indexOf('|')) + " | `" + key.substring(key.indexOf('|') + 1) + "`"
                      : key;
              System.out.printf(
                  "| %s | %.0f | %.1f%% |%n", cells, e.getValue() / n, 100.0 * e.getValue() / total);
            });
  }

  private static String name(RecordedFrame f) {
    return f.getMethod().getType().getName() + "." + f.getMethod().getName();
  }

  private static boolean jdk(String name) {
    return name.startsWith("java.") || name.startsWith("jdk.") || name.startsWith("sun.");
  }

  private static String library(String name) {
    if (name.startsWith("io.warden.")) return "Warden";
    if (name.startsWith("io.helidon.")) return "Helidon";
    if (name.startsWith("org.infinispan.")) return "Infinispan";
    if (name.startsWith("org.eclipse.parsson.")) return "Parsson";
    if (name.startsWith("io.lettuce.") || name.startsWith("io.netty.")) return "Lettuce/Netty";
    return "other";
  }
}
