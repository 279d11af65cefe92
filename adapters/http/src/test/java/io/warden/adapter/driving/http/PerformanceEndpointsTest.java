package io.warden.adapter.driving.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.testing.junit5.ServerTest;
import io.helidon.webserver.testing.junit5.SetUpRoute;
import io.warden.adapter.driving.http.ApiClient.Reply;
import io.warden.application.fake.InMemoryStore.JournalEntry;
import io.warden.application.fake.RecordingCacheInvalidation.Invalidation;
import io.warden.application.port.driving.CacheWarmingUseCase.State;
import io.warden.application.port.driving.CacheWarmingUseCase.WarmJob;
import io.warden.domain.event.InvalidationScope;
import io.warden.domain.event.RbacEvent;
import io.warden.domain.model.tenant.TenantId;
import jakarta.json.JsonObject;
import java.net.URI;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Cache warming and flushing through the production routing. The in-memory world runs a warming job
 * on the requesting thread, so a job has finished by the time its 202 arrives.
 */
@ServerTest
class PerformanceEndpointsTest extends ApiTest {
  private static final TestWorld WORLD = new TestWorld();
  private static final String WARM = "/api/performance/cache/warm/";
  private static final String JOBS = "/api/performance/cache/jobs/";
  private static final String FLUSH = "/api/performance/cache/tenant/";

  PerformanceEndpointsTest(URI uri) {
    super(uri, WORLD);
  }

  @SetUpRoute
  static void routing(HttpRouting.Builder routing) {
    WardenHttp.routing(routing, WORLD.useCases());
  }

  @Test
  void a_tenant_administrator_warms_the_tenant_and_follows_the_job() {
    int members =
        api.get("/api/members?limit=500", WORLD.acmeAdminToken)
            .object()
            .getJsonArray("items")
            .size();

    Reply started = api.json("POST", WARM + WORLD.acme.id(), WORLD.acmeAdminToken, null);

    assertThat(started.status()).isEqualTo(202);
    assertThat(started.contentType()).startsWith("application/json");
    assertThat(started.object().keySet()).containsExactly("jobId");
    String jobId = started.object().getString("jobId");
    assertThat(UUID.fromString(jobId).toString()).isEqualTo(jobId);

    Reply job = api.get(JOBS + jobId, WORLD.acmeAdminToken);

    assertThat(job.status()).isEqualTo(200);
    assertThat(job.header("Cache-Control")).contains("no-store");
    JsonObject progress = job.object();
    assertThat(progress.keySet()).containsExactlyInAnyOrder("state", "done", "total");
    assertThat(progress.getString("state")).isEqualTo("done");
    assertThat(progress.getJsonNumber("done").longValueExact()).isEqualTo(members);
    assertThat(progress.getJsonNumber("total").longValueExact()).isEqualTo(members);
  }

  @Test
  void a_system_administrator_warms_any_tenant_and_only_its_tenant_sees_the_job() {
    Reply started = api.json("POST", WARM + WORLD.globex.id(), WORLD.rootToken, null);
    assertThat(started.status()).isEqualTo(202);
    String job = JOBS + started.object().getString("jobId");

    assertThat(api.get(job, WORLD.rootToken).status()).isEqualTo(200);
    assertThat(api.get(job, WORLD.globexAdminToken).status()).isEqualTo(200);
    assertProblem(api.get(job, WORLD.acmeAdminToken), 404);
  }

  @Test
  void a_flush_is_204_and_evicts_the_tenant_everywhere_after_commit() {
    Reply reply = api.delete(FLUSH + WORLD.acme.id(), WORLD.acmeAdminToken);

    assertThat(reply.status()).isEqualTo(204);
    assertThat(reply.body()).isEmpty();
    List<JournalEntry> journal = WORLD.warden.store().journal();
    JournalEntry last = journal.get(journal.size() - 1);
    assertThat(last.event()).isEqualTo(new RbacEvent.CacheFlushed(WORLD.acme.id()));
    assertThat(WORLD.warden.invalidation().invalidations())
        .contains(
            new Invalidation(
                new InvalidationScope.WholeTenant(WORLD.acme.id()), last.version(), false, true));
  }

  @Test
  void a_system_administrator_flushes_any_tenant() {
    assertThat(api.delete(FLUSH + WORLD.globex.id(), WORLD.rootToken).status()).isEqualTo(204);
  }

  @Test
  void another_or_an_unknown_tenant_or_job_is_404_and_changes_nothing() {
    String before = WORLD.snapshot(api);
    String unknown = UUID.randomUUID().toString();

    assertProblem(api.json("POST", WARM + WORLD.globex.id(), WORLD.acmeAdminToken, null), 404);
    assertProblem(api.delete(FLUSH + WORLD.globex.id(), WORLD.acmeAdminToken), 404);
    assertProblem(api.json("POST", WARM + unknown, WORLD.acmeAdminToken, null), 404);
    assertProblem(api.json("POST", WARM + unknown, WORLD.rootToken, null), 404);
    assertProblem(api.delete(FLUSH + unknown, WORLD.rootToken), 404);
    assertProblem(api.get(JOBS + unknown, WORLD.rootToken), 404);
    assertProblem(api.get(JOBS + unknown, WORLD.acmeAdminToken), 404);

    assertThat(WORLD.snapshot(api)).isEqualTo(before);
  }

  @Test
  void without_cache_manage_it_is_403_whatever_tenant_is_named() {
    String job =
        JOBS
            + api.json("POST", WARM + WORLD.acme.id(), WORLD.rootToken, null)
                .object()
                .getString("jobId");
    // After the root's warming, which is audited: the refusals below must change nothing.
    String before = WORLD.snapshot(api);

    for (String token : List.of(WORLD.acmeMemberToken, WORLD.inBothToken)) {
      assertProblem(api.json("POST", WARM + WORLD.acme.id(), token, null), 403);
      assertProblem(api.json("POST", WARM + WORLD.globex.id(), token, null), 403);
      assertProblem(api.delete(FLUSH + WORLD.acme.id(), token), 403);
      assertProblem(api.get(job, token), 403);
    }
    assertThat(WORLD.snapshot(api)).isEqualTo(before);
  }

  @Test
  void bad_ids_are_400_naming_the_parameter() {
    String before = WORLD.snapshot(api);
    List<Reply> tenantIds =
        List.of(
            api.json("POST", WARM + "not-a-uuid", WORLD.rootToken, null),
            api.json("POST", WARM + "1-1-1-1-1", WORLD.rootToken, null),
            api.delete(FLUSH + "12345", WORLD.rootToken),
            api.delete(FLUSH + WORLD.acme.id() + "0", WORLD.rootToken));
    for (Reply reply : tenantIds) {
      assertProblem(reply, 400);
      assertThat(reply.object().getJsonArray("errors").getJsonObject(0).getString("field"))
          .isEqualTo("tenantId");
    }
    Reply badJob = api.get(JOBS + "zzzzzzzz-zzzz-zzzz-zzzz-zzzzzzzzzzzz", WORLD.rootToken);
    assertProblem(badJob, 400);
    assertThat(badJob.object().getJsonArray("errors").getJsonObject(0).getString("field"))
        .isEqualTo("jobId");
    assertThat(WORLD.snapshot(api)).isEqualTo(before);
  }

  @Test
  void no_token_is_401_and_other_methods_are_405() {
    assertProblem(api.json("POST", WARM + WORLD.acme.id(), null, null), 401);
    assertProblem(api.get(JOBS + UUID.randomUUID(), null), 401);
    assertProblem(api.delete(FLUSH + WORLD.acme.id(), null), 401);

    Reply wrongMethod = api.get(WARM + WORLD.acme.id(), WORLD.rootToken);
    assertProblem(wrongMethod, 405);
    assertThat(wrongMethod.header("Allow")).contains("POST");
  }

  @Test
  void every_state_of_a_job_is_shown_in_lower_case() {
    TenantId tenant = WORLD.acme.id();
    UUID id = UUID.randomUUID();

    assertThat(JsonViews.warmJob(new WarmJob(id, tenant, State.RUNNING, 3, 10)).toString())
        .isEqualTo("{\"state\":\"running\",\"done\":3,\"total\":10}");
    assertThat(JsonViews.warmJob(new WarmJob(id, tenant, State.FAILED, 3, 10)).getString("state"))
        .isEqualTo("failed");
    assertThat(JsonViews.warmJob(new WarmJob(id, tenant, State.DONE, 10, 10)).getString("state"))
        .isEqualTo("done");
  }
}
