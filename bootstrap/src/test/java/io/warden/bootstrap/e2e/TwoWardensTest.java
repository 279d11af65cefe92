package io.warden.bootstrap.e2e;

import io.warden.bootstrap.testing.WardenClient;
import io.warden.bootstrap.testing.WardenInstance;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The set-up of an end-to-end test class that proves a change on one instance reaches another:
 * {@link #warden}, the writer (whose {@link #client} and {@link #api} make the changes), and {@link
 * #other} on the same database and Redis, both started once for the class and closed after it.
 */
abstract class TwoWardensTest extends OneWardenTest {
  WardenInstance other;
  WardenClient otherClient;

  @BeforeAll
  void startOther() {
    other = WardenInstance.start(shared, WardenApi.GENEROUS_LIMITS);
    otherClient = other.client();
  }

  @AfterAll
  void stopOther() {
    if (other != null) {
      other.close();
    }
  }
}
