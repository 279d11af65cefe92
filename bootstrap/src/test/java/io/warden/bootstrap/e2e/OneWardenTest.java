package io.warden.bootstrap.e2e;

import io.warden.bootstrap.testing.WardenClient;
import io.warden.bootstrap.testing.WardenInstance;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/**
 * The set-up of an end-to-end test class that needs one Warden: started once for the class on a
 * fresh database and Redis prefix, with rate limits far above what a test sends ({@link
 * WardenApi#GENEROUS_LIMITS}) and whatever else the class's {@link #settings()} add, and closed
 * after it. A subclass's own {@code @BeforeAll} runs after this one's, so it can use {@link #api}
 * at once; its {@code @AfterAll} runs before the close.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class OneWardenTest {
  WardenInstance.Shared shared;
  WardenInstance warden;
  WardenClient client;
  WardenApi api;

  /** The instance's settings; a class that needs more adds them to these. */
  Map<String, String> settings() {
    return WardenApi.GENEROUS_LIMITS;
  }

  @BeforeAll
  void startWarden() {
    shared = WardenInstance.Shared.fresh();
    warden = WardenInstance.start(shared, settings());
    client = warden.client();
    api = new WardenApi(client);
  }

  @AfterAll
  void stopWarden() {
    if (warden != null) {
      warden.close();
    }
  }
}
