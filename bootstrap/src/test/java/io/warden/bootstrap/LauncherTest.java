package io.warden.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher {@code bin/warden}, run by {@code sh} against stand-in JDKs (a {@code release} file
 * and a {@code java} that records its arguments): which options each Java version gets, that
 * overrides come last, that the class-data archive is used only when it matches, and that a missing
 * or old Java is refused with a message saying what to do.
 */
class LauncherTest {
  private static final Path LAUNCHER = Path.of("..", "bin", "warden").toAbsolutePath().normalize();

  @TempDir Path root;
  private Path home;

  @BeforeEach
  void installWarden() throws IOException {
    home = Files.createDirectories(root.resolve("warden"));
    Files.writeString(home.resolve("warden.jar"), "");
  }

  /**
   * A JDK home whose java writes its arguments, one per line, to {@code args.txt} beside it, adds
   * them as one line to {@code calls.txt}, and writes the file an {@code -XX:AOTCacheOutput=}
   * names, as a training run's JVM does when it exits.
   */
  private Path jdk(String version, String runtime) throws IOException {
    Path jdk = Files.createDirectories(root.resolve("jdk-" + runtime));
    Files.writeString(
        jdk.resolve("release"),
        "IMPLEMENTOR=\"Test\"\nJAVA_RUNTIME_VERSION=\""
            + runtime
            + "\"\nJAVA_VERSION=\""
            + version
            + "\"\n");
    Path bin = Files.createDirectories(jdk.resolve("bin"));
    Path java = bin.resolve("java");
    Files.writeString(
        java,
        """
        #!/bin/sh
        printf '%s\\n' "$@" > "$(dirname "$0")/../args.txt"
        echo "$*" >> "$(dirname "$0")/../calls.txt"
        for option in "$@"; do
          case $option in -XX:AOTCacheOutput=*) echo archive > "${option#*=}" ;; esac
        done
        """);
    Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
    return jdk;
  }

  private record Run(int exitCode, List<String> out, String err) {}

  private Run launch(Map<String, String> env, String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of("sh", LAUNCHER.toString()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().clear();
    builder.environment().put("PATH", System.getenv("PATH"));
    builder.environment().put("WARDEN_HOME", home.toString());
    builder.environment().putAll(env);
    Path out = root.resolve("out.txt");
    Path err = root.resolve("err.txt");
    builder.redirectOutput(out.toFile()).redirectError(err.toFile());
    Process process = builder.start();
    assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("the launcher finished").isTrue();
    return new Run(process.exitValue(), Files.readAllLines(out), Files.readString(err));
  }

  private static Map<String, String> javaHome(Path jdk) {
    return Map.of("JAVA_HOME", jdk.toString());
  }

  @Test
  void on_java_21_native_access_is_allowed_without_options_21_does_not_know() throws Exception {
    Path jdk = jdk("21.0.5", "21.0.5+11-LTS");
    Run run = launch(javaHome(jdk), "--dry-run");

    assertThat(run.exitCode()).isZero();
    assertThat(run.err()).isEmpty();
    assertThat(run.out().getFirst()).isEqualTo(jdk.resolve("bin/java").toString());
    assertThat(run.out())
        .contains("--enable-native-access=ALL-UNNAMED", "-XX:+UseSerialGC", "-Xms32m", "-Xmx160m")
        .doesNotContain("--sun-misc-unsafe-memory-access=allow", "-XX:+UseCompactObjectHeaders")
        .endsWith("-jar", home.resolve("warden.jar").toString());
  }

  @Test
  void on_java_25_unsafe_memory_access_is_allowed_and_headers_are_compact() throws Exception {
    Run run = launch(javaHome(jdk("25.0.3", "25.0.3+9-LTS")), "--dry-run");

    assertThat(run.exitCode()).isZero();
    assertThat(run.out())
        .contains(
            "--enable-native-access=ALL-UNNAMED",
            "--sun-misc-unsafe-memory-access=allow",
            "-XX:+UseCompactObjectHeaders");
  }

  @Test
  void freed_native_memory_is_given_back_from_java_22_on_the_first_with_the_option()
      throws Exception {
    assertThat(launch(javaHome(jdk("25.0.3", "25.0.3+9-LTS")), "--dry-run").out())
        .contains("-XX:TrimNativeHeapInterval=5000");
    assertThat(launch(javaHome(jdk("22.0.2", "22.0.2+9")), "--dry-run").out())
        .contains("-XX:TrimNativeHeapInterval=5000");
    // 21 has it only as an experimental option: an unlocked option would be a surprise there.
    assertThat(launch(javaHome(jdk("21.0.5", "21.0.5+11-LTS")), "--dry-run").out())
        .noneMatch(option -> option.contains("TrimNativeHeap"));

    Map<String, String> env = new HashMap<>(javaHome(jdk("25.0.3", "25.0.3+9-LTS")));
    env.put("WARDEN_JAVA_OPTS", "-XX:TrimNativeHeapInterval=0");
    List<String> out = launch(env, "--dry-run").out();
    assertThat(out.lastIndexOf("-XX:TrimNativeHeapInterval=0"))
        .isGreaterThan(out.indexOf("-XX:TrimNativeHeapInterval=5000"));
  }

  @Test
  void training_records_a_second_start_on_the_database_the_first_one_created() throws Exception {
    Path jdk = jdk("25.0.3", "25.0.3+9-LTS");
    Run train = launch(javaHome(jdk), "--train");

    assertThat(train.exitCode()).as(train.err()).isZero();
    List<String> calls = Files.readAllLines(jdk.resolve("calls.txt"));
    assertThat(calls).hasSize(2);
    String scratch = home.resolve("training").toString();
    // First: migrations and provisioning, nothing recorded, so Liquibase stays out of the archive.
    assertThat(calls.get(0))
        .endsWith("io.warden.bootstrap.TrainingRun " + scratch + " prepare")
        .doesNotContain("AOTCache")
        .contains("-XX:+UseSerialGC", "-XX:+UseCompactObjectHeaders");
    // Then the recorded start, on a current schema as every restart finds it.
    assertThat(calls.get(1))
        .endsWith("io.warden.bootstrap.TrainingRun " + scratch)
        .contains("-XX:AOTCacheOutput=" + home.resolve("warden.aot"));
    assertThat(home.resolve("warden.aot.id")).exists();
    assertThat(home.resolve("training")).doesNotExist();

    assertThat(launch(javaHome(jdk), "--dry-run").out())
        .contains("-XX:AOTCache=" + home.resolve("warden.aot"));
  }

  @Test
  void warden_java_opts_come_after_every_default_so_they_win() throws Exception {
    Map<String, String> env = new HashMap<>(javaHome(jdk("25.0.3", "25.0.3+9-LTS")));
    env.put("WARDEN_JAVA_OPTS", "-XX:-UseCompactObjectHeaders -Dwarden.example=1");
    Run run = launch(env, "--dry-run");

    List<String> out = run.out();
    assertThat(out.subList(out.size() - 4, out.size()))
        .containsExactly(
            "-XX:-UseCompactObjectHeaders",
            "-Dwarden.example=1",
            "-jar",
            home.resolve("warden.jar").toString());
    assertThat(out.indexOf("-XX:+UseCompactObjectHeaders"))
        .isLessThan(out.indexOf("-XX:-UseCompactObjectHeaders"));
  }

  @Test
  void a_collector_or_heap_size_of_warden_java_opts_replaces_the_default_instead_of_clashing()
      throws Exception {
    Map<String, String> env = new HashMap<>(javaHome(jdk("25.0.3", "25.0.3+9-LTS")));
    // Two collectors stop the JVM at start, and -Xmx beats a percentage whatever the order.
    env.put("WARDEN_JAVA_OPTS", "-XX:+UseG1GC -XX:MaxRAMPercentage=60");
    List<String> out = launch(env, "--dry-run").out();

    assertThat(out).contains("-XX:+UseG1GC", "-XX:MaxRAMPercentage=60");
    assertThat(out).doesNotContain("-XX:+UseSerialGC");
    assertThat(out).noneMatch(option -> option.startsWith("-Xmx") || option.startsWith("-Xms"));

    env.put("WARDEN_JAVA_OPTS", "-Xmx1g");
    assertThat(launch(env, "--dry-run").out())
        .contains("-XX:+UseSerialGC", "-Xmx1g")
        .doesNotContain("-Xmx160m", "-Xms32m");
  }

  @Test
  void the_heap_starts_small_unless_the_operator_sizes_it() throws Exception {
    Map<String, String> env = new HashMap<>(javaHome(jdk("25.0.3", "25.0.3+9-LTS")));
    env.put("WARDEN_JAVA_OPTS", "-Xms96m");
    // An initial size of the operator's replaces the default one, the default maximum stays.
    assertThat(launch(env, "--dry-run").out())
        .contains("-Xmx160m", "-Xms96m")
        .doesNotContain("-Xms32m");

    env.remove("WARDEN_JAVA_OPTS");
    env.put("WARDEN_HEAP", "32m");
    // A maximum of 32 MiB or less: no initial size above it.
    assertThat(launch(env, "--dry-run").out())
        .contains("-Xmx32m")
        .noneMatch(option -> option.startsWith("-Xms"));

    env.put("WARDEN_HEAP", "lots");
    Run bad = launch(env, "--dry-run");
    assertThat(bad.exitCode()).isNotZero();
    assertThat(bad.err()).contains("WARDEN_HEAP is 'lots'");
  }

  @Test
  void the_young_generation_is_capped_only_in_a_serial_heap_the_launcher_sizes() throws Exception {
    Map<String, String> env = new HashMap<>(javaHome(jdk("25.0.3", "25.0.3+9-LTS")));
    assertThat(launch(env, "--dry-run").out())
        .contains("-Xmx160m", "-XX:MaxNewSize=16m", "-Dio.netty.allocator.maxOrder=7");

    // The operator's own sizing, another collector or a heap too small to split: no cap.
    for (String opts : List.of("-Xmx1g", "-XX:NewRatio=1", "-Xmn64m", "-XX:+UseG1GC")) {
      env.put("WARDEN_JAVA_OPTS", opts);
      assertThat(launch(env, "--dry-run").out())
          .as(opts)
          .noneMatch(option -> option.startsWith("-XX:MaxNewSize"));
    }
    env.remove("WARDEN_JAVA_OPTS");
    env.put("WARDEN_HEAP", "48m");
    assertThat(launch(env, "--dry-run").out())
        .contains("-Xmx48m")
        .noneMatch(option -> option.startsWith("-XX:MaxNewSize"));

    env.remove("WARDEN_HEAP");
    env.put("WARDEN_JAVA_OPTS", "-Dio.netty.allocator.maxOrder=9");
    assertThat(launch(env, "--dry-run").out())
        .doesNotContain("-Dio.netty.allocator.maxOrder=7")
        .contains("-Dio.netty.allocator.maxOrder=9");
  }

  @Test
  void the_launcher_becomes_java_with_exactly_the_options_it_shows() throws Exception {
    Path jdk = jdk("25.0.3", "25.0.3+9-LTS");
    List<String> shown = launch(javaHome(jdk), "--dry-run").out();

    Run run = launch(javaHome(jdk));

    assertThat(run.exitCode()).isZero();
    assertThat(Files.readAllLines(jdk.resolve("args.txt")))
        .isEqualTo(shown.subList(1, shown.size()));
  }

  @Test
  void the_archive_is_used_only_for_the_jdk_build_options_and_jars_it_was_written_with()
      throws Exception {
    Files.createDirectories(home.resolve("lib"));
    Files.writeString(home.resolve("lib/helidon-webserver.jar"), "classes");
    Path jdk = jdk("25.0.3", "25.0.3+9-LTS");
    // What --train writes: the archive and its identity.
    Path archive = home.resolve("warden.aot");
    Files.writeString(archive, "archive");
    String options =
        "-XX:+UseSerialGC --enable-native-access=ALL-UNNAMED"
            + " --sun-misc-unsafe-memory-access=allow -XX:+UseCompactObjectHeaders";
    Files.writeString(
        home.resolve("warden.aot.id"),
        "jdk=25.0.3+9-LTS java="
            + jdk.resolve("bin/java").toRealPath()
            + " options="
            + options
            + " jars="
            + jarsFingerprint());

    Run matching = launch(javaHome(jdk), "--dry-run");
    assertThat(matching.out()).contains("-XX:AOTCache=" + archive);
    assertThat(matching.err()).isEmpty();

    Path newer = jdk("25.0.4", "25.0.4+7-LTS");
    Run otherBuild = launch(javaHome(newer), "--dry-run");
    assertThat(otherBuild.exitCode()).isZero();
    assertThat(otherBuild.out()).noneMatch(option -> option.startsWith("-XX:AOTCache"));
    assertThat(otherBuild.err())
        .contains("another JDK, other options or other jars", "starting without it");

    // A rebuild: a jar of lib/ changed since --train (the archive would hold stale classes).
    Files.writeString(home.resolve("lib/helidon-webserver.jar"), "other classes");
    Run rebuilt = launch(javaHome(jdk), "--dry-run");
    assertThat(rebuilt.out()).noneMatch(option -> option.startsWith("-XX:AOTCache"));
    assertThat(rebuilt.err()).contains("other jars", "starting without it");

    Path older = jdk("21.0.5", "21.0.5+11-LTS");
    assertThat(launch(javaHome(older), "--dry-run").out())
        .noneMatch(option -> option.startsWith("-XX:AOTCache") || option.contains("Shared"));
  }

  @Test
  void a_java_older_than_21_is_refused_with_a_message_naming_it() throws Exception {
    Run run = launch(javaHome(jdk("17.0.15", "17.0.15+6")), "--dry-run");

    assertThat(run.exitCode()).isNotZero();
    assertThat(run.err()).contains("Java 17.0.15", "needs Java 21 or newer", "JAVA_HOME");
  }

  @Test
  void a_java_home_without_java_is_refused_with_a_message_naming_it() throws Exception {
    Path empty = Files.createDirectories(root.resolve("not-a-jdk"));
    Run run = launch(javaHome(empty), "--dry-run");

    assertThat(run.exitCode()).isNotZero();
    assertThat(run.err()).contains("JAVA_HOME is " + empty, "JDK 21 or newer");
  }

  @Test
  void no_java_anywhere_is_refused_with_a_message_saying_what_to_install() throws Exception {
    // A PATH with the tools the launcher needs and no java.
    Path tools = Files.createDirectories(root.resolve("tools"));
    for (String tool : List.of("dirname", "sed", "readlink", "head", "cat", "awk", "rm")) {
      for (String dir : List.of("/usr/bin", "/bin")) {
        Path found = Path.of(dir, tool);
        if (Files.isExecutable(found)) {
          Files.createSymbolicLink(tools.resolve(tool), found);
          break;
        }
      }
    }
    Run run = launch(Map.of("PATH", tools.toString()), "--dry-run");

    assertThat(run.exitCode()).isNotZero();
    assertThat(run.err()).contains("no java found", "JDK 21 or newer", "JAVA_HOME");
  }

  @Test
  void arguments_are_refused_because_configuration_comes_from_the_environment() throws Exception {
    Run run = launch(javaHome(jdk("25.0.3", "25.0.3+9-LTS")), "--port", "8080");

    assertThat(run.exitCode()).isNotZero();
    assertThat(run.err()).contains("unknown argument '--port'", "WARDEN_*");
  }

  /** The launcher's fingerprint of warden.jar and lib/ (names, sizes, times), as it computes it. */
  private String jarsFingerprint() throws Exception {
    Process process =
        new ProcessBuilder(
                "sh",
                "-c",
                "find warden.jar lib -name '*.jar' -printf '%p %s %T@\\n' | sort | cksum"
                    + " | cut -d' ' -f1")
            .directory(home.toFile())
            .redirectErrorStream(true)
            .start();
    String out = new String(process.getInputStream().readAllBytes()).strip();
    assertThat(process.waitFor()).isZero();
    return out;
  }
}
