package io.warden.adapter.driven.redis.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * A real Redis Cluster of three masters owned by one test: three {@link RedisProcess}es with {@code
 * --cluster-enabled yes}, joined and given the 16384 slots by {@code redis-cli --cluster create},
 * on free ports. {@link #uri()} is the {@code redis-cluster://} URI Warden reads.
 */
public final class RedisCluster implements AutoCloseable {
  private final List<RedisProcess> nodes;

  private RedisCluster(List<RedisProcess> nodes) {
    this.nodes = nodes;
  }

  /** Starts three masters and waits until every node reports {@code cluster_state:ok}. */
  public static RedisCluster start() {
    List<RedisProcess> nodes = new ArrayList<>();
    try {
      for (int i = 0; i < 3; i++) {
        nodes.add(
            RedisProcess.start(
                "--cluster-enabled",
                "yes",
                "--cluster-config-file",
                "nodes.conf",
                "--cluster-node-timeout",
                "2000",
                "--cluster-announce-ip",
                "127.0.0.1"));
      }
      List<String> command = new ArrayList<>(List.of(cli(), "--cluster", "create"));
      for (RedisProcess node : nodes) {
        command.add(node.host() + ":" + node.port());
      }
      command.addAll(List.of("--cluster-replicas", "0", "--cluster-yes"));
      Process create = new ProcessBuilder(command).redirectErrorStream(true).start();
      String output = new String(create.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!create.waitFor(60, TimeUnit.SECONDS) || create.exitValue() != 0) {
        throw new IllegalStateException("redis-cli --cluster create failed:\n" + output);
      }
      RedisCluster cluster = new RedisCluster(nodes);
      cluster.awaitOk();
      return cluster;
    } catch (IOException e) {
      nodes.forEach(RedisProcess::close);
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      nodes.forEach(RedisProcess::close);
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (RuntimeException | Error e) {
      nodes.forEach(RedisProcess::close);
      throw e;
    }
  }

  /** {@code redis-cluster://127.0.0.1:p1,127.0.0.1:p2,127.0.0.1:p3}. */
  public String uri() {
    return "redis-cluster://"
        + nodes.stream().map(n -> n.host() + ":" + n.port()).collect(Collectors.joining(","));
  }

  public List<RedisProcess> nodes() {
    return List.copyOf(nodes);
  }

  /** The number of masters that own slots and are up, as node 1 sees the cluster. */
  public long mastersWithSlots() {
    String info = (String) nodes.get(0).command("CLUSTER", "NODES");
    return info.lines().filter(l -> l.contains("master") && l.split(" ").length > 8).count();
  }

  private void awaitOk() throws InterruptedException {
    for (int i = 0; i < 400; i++) {
      boolean ok = true;
      for (RedisProcess node : nodes) {
        ok &= ((String) node.command("CLUSTER", "INFO")).contains("cluster_state:ok");
      }
      if (ok) {
        return;
      }
      Thread.sleep(50);
    }
    throw new IllegalStateException("the three-master cluster never became ok");
  }

  private static String cli() {
    String configured = System.getenv("WARDEN_REDIS_CLI");
    return configured == null || configured.isBlank() ? "redis-cli" : configured;
  }

  @Override
  public void close() {
    nodes.forEach(RedisProcess::close);
  }
}
