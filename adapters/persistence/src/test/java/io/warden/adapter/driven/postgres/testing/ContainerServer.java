package io.warden.adapter.driven.postgres.testing;

import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.PostgreSQLContainer;

/**
 * The Testcontainers half of {@link TestPostgres}, in a class of its own so that a module without
 * Testcontainers on its test classpath never loads it.
 */
final class ContainerServer {
  private ContainerServer() {}

  static boolean dockerAvailable() {
    try {
      return DockerClientFactory.instance().isDockerAvailable();
    } catch (RuntimeException | LinkageError e) {
      return false;
    }
  }

  /** Starts one container for the whole JVM (Testcontainers' reaper removes it afterwards). */
  @SuppressWarnings("resource")
  static TestPostgres.Server start() {
    PostgreSQLContainer<?> container = new PostgreSQLContainer<>("postgres:16-alpine");
    container.start();
    return new TestPostgres.Server(
        container.getHost(),
        container.getMappedPort(PostgreSQLContainer.POSTGRESQL_PORT),
        container.getUsername(),
        container.getPassword(),
        "container " + container.getDockerImageName());
  }
}
