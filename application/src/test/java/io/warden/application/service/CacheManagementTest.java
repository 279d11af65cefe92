package io.warden.application.service;

import static io.warden.application.service.ChangeAssertions.assertJournaledAndAnnouncedAfterCommit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.warden.application.fake.InMemoryStore.JournalEntry;
import io.warden.application.fake.InMemoryWarden;
import io.warden.application.port.driven.EffectivePermissions;
import io.warden.application.port.driven.PermissionSnapshot;
import io.warden.application.port.driving.CacheFlushUseCase;
import io.warden.application.port.driving.CacheWarmingUseCase;
import io.warden.application.port.driving.CacheWarmingUseCase.State;
import io.warden.application.port.driving.CacheWarmingUseCase.WarmJob;
import io.warden.application.port.driving.Caller;
import io.warden.application.port.driving.Forbidden;
import io.warden.application.port.driving.NotFound;
import io.warden.application.port.driving.RoleAdministrationUseCase.CreateRole;
import io.warden.domain.event.InvalidationScope;
import io.warden.domain.event.RbacEvent;
import io.warden.domain.model.role.Role;
import io.warden.domain.model.tenant.Tenant;
import io.warden.domain.model.tenant.TenantId;
import io.warden.domain.model.user.Membership;
import io.warden.domain.model.user.User;
import io.warden.domain.model.user.UserId;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.BiPredicate;
import java.util.function.Consumer;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The two cache use cases, warming and flushing, and the access rule they share. */
class CacheManagementTest {
  private static final int BATCH = 3;

  private final InMemoryWarden warden = new InMemoryWarden();
  private final ManualExecutor executor = new ManualExecutor();
  private final RecordingTier tier = new RecordingTier(warden.effectivePermissions());
  private final CacheUseCases cache = service(executor, BATCH);

  private int usersCreated;
  private Caller root;
  private Tenant acme;
  private Tenant globex;
  private Caller acmeAdmin;
  private Caller acmeMember;
  private Caller globexAdmin;

  @BeforeEach
  void setUp() {
    root = warden.root();
    acme = warden.createTenantWithAdmin("acme");
    globex = warden.createTenantWithAdmin("globex");
    acmeAdmin = warden.login("admin@acme.example");
    acmeMember = warden.loginAsNewMember(acme, "member@acme.example");
    globexAdmin = warden.login("admin@globex.example");
  }

  /** Both use cases over the recording tier, the batch size validated as the assembly does. */
  private CacheUseCases service(Executor jobs, int batchSize) {
    CacheAccess access = new CacheAccess(tier, warden.tenants());
    ChangeTransactions changes =
        new ChangeTransactions(
            warden.transactions(),
            warden.journal(),
            warden.invalidation(),
            warden.auditLog(),
            warden.clock());
    return new CacheUseCases(
        new CacheWarmingService(
            changes,
            warden.tenants(),
            warden.memberships(),
            tier,
            access,
            jobs,
            new ServiceSettings(
                    ServiceSettings.DEFAULT_ACCESS_TOKEN_TTL,
                    ServiceSettings.DEFAULT_REFRESH_TOKEN_TTL,
                    batchSize)
                .warmBatchSize()),
        new CacheFlushService(changes, access));
  }

  /** The two cache use cases, built over one transaction runner and one access rule. */
  private record CacheUseCases(CacheWarmingUseCase warming, CacheFlushUseCase flush) {}

  // ---- who may do what ----

  @Test
  void without_cache_manage_in_the_own_tenant_everything_is_forbidden() {
    UUID acmeJob = cache.warming().warm(root, acme.id());
    User both = warden.createUser("both@example.com");
    warden.addMember(acme, both, "admin");
    warden.addMember(globex, both, "admin");
    Caller tenantLess = warden.login("both@example.com");
    assertThat(tenantLess.tenantId()).isEmpty();
    int journal = warden.store().journal().size();

    for (Caller caller : List.of(acmeMember, tenantLess)) {
      List<ThrowingCallable> operations =
          List.of(
              () -> cache.warming().warm(caller, acme.id()),
              () -> cache.flush().flushTenant(caller, acme.id()),
              () -> cache.warming().job(caller, acmeJob),
              // The answer does not depend on whether the other tenant exists.
              () -> cache.warming().warm(caller, globex.id()),
              () -> cache.warming().warm(caller, TenantId.random()));
      for (ThrowingCallable operation : operations) {
        assertThatThrownBy(operation).isInstanceOf(Forbidden.class);
      }
    }
    assertThat(warden.store().journal()).hasSize(journal);
    assertThat(executor.pending()).isEqualTo(1);
  }

  @Test
  void the_permission_counts_not_the_admin_role() {
    Role operators =
        warden
            .roleAdministration()
            .create(acmeAdmin, new CreateRole("operators", "", List.of("cache.manage")));
    warden
        .memberAdministration()
        .assign(acmeAdmin, operators.id(), acmeMember.userId(), Optional.empty());

    UUID job = cache.warming().warm(acmeMember, acme.id());
    cache.flush().flushTenant(acmeMember, acme.id());

    assertThat(cache.warming().job(acmeMember, job).tenantId()).isEqualTo(acme.id());
    assertThat(warden.store().lastJournalEntry().event())
        .isEqualTo(new RbacEvent.CacheFlushed(acme.id()));
  }

  @Test
  void another_tenant_is_not_found_for_a_tenant_administrator_and_nothing_happens() {
    int journal = warden.store().journal().size();
    warden.invalidation().clear();
    List<ThrowingCallable> operations =
        List.of(
            () -> cache.warming().warm(acmeAdmin, globex.id()),
            () -> cache.flush().flushTenant(acmeAdmin, globex.id()),
            () -> cache.warming().warm(acmeAdmin, TenantId.random()),
            () -> cache.flush().flushTenant(acmeAdmin, TenantId.random()));
    for (ThrowingCallable operation : operations) {
      assertThatThrownBy(operation).isInstanceOf(NotFound.class);
    }
    assertThat(warden.store().journal()).hasSize(journal);
    assertThat(warden.invalidation().invalidations()).isEmpty();
    assertThat(executor.pending()).isZero();
  }

  @Test
  void a_system_administrator_may_name_any_existing_tenant() {
    int journal = warden.store().journal().size();
    assertThatThrownBy(() -> cache.warming().warm(root, TenantId.random()))
        .isInstanceOf(NotFound.class);
    assertThatThrownBy(() -> cache.flush().flushTenant(root, TenantId.random()))
        .isInstanceOf(NotFound.class);
    assertThat(warden.store().journal()).hasSize(journal);
    assertThat(executor.pending()).isZero();

    UUID job = cache.warming().warm(root, globex.id());
    cache.flush().flushTenant(root, acme.id());

    assertThat(cache.warming().job(root, job).tenantId()).isEqualTo(globex.id());
    assertThat(warden.store().lastJournalEntry().event())
        .isEqualTo(new RbacEvent.CacheFlushed(acme.id()));
  }

  @Test
  void a_job_is_seen_only_by_its_tenant_and_system_administrators() {
    UUID acmeJob = cache.warming().warm(acmeAdmin, acme.id());
    UUID globexJob = cache.warming().warm(root, globex.id());

    assertThat(cache.warming().job(acmeAdmin, acmeJob).id()).isEqualTo(acmeJob);
    assertThat(cache.warming().job(root, acmeJob).id()).isEqualTo(acmeJob);
    assertThat(cache.warming().job(globexAdmin, globexJob).id()).isEqualTo(globexJob);
    assertThatThrownBy(() -> cache.warming().job(globexAdmin, acmeJob))
        .isInstanceOf(NotFound.class);
    assertThatThrownBy(() -> cache.warming().job(acmeAdmin, globexJob))
        .isInstanceOf(NotFound.class);
    assertThatThrownBy(() -> cache.warming().job(acmeAdmin, UUID.randomUUID()))
        .isInstanceOf(NotFound.class);
    assertThatThrownBy(() -> cache.warming().job(root, UUID.randomUUID()))
        .isInstanceOf(NotFound.class);
  }

  // ---- warming ----

  @Test
  void a_job_runs_in_the_background_and_walks_every_member_in_batches() {
    addMembers(acme, 5); // 7 members: batches of 3, 3, 1
    List<Long> doneSeenByTheTier = new ArrayList<>();
    UUID[] id = new UUID[1];
    tier.onBatch = batch -> doneSeenByTheTier.add(cache.warming().job(root, id[0]).done());

    id[0] = cache.warming().warm(acmeAdmin, acme.id());

    assertThat(cache.warming().job(acmeAdmin, id[0]))
        .isEqualTo(new WarmJob(id[0], acme.id(), State.RUNNING, 0, 7));
    assertThat(tier.batches).isEmpty();

    executor.runAll();

    assertThat(cache.warming().job(acmeAdmin, id[0]))
        .isEqualTo(new WarmJob(id[0], acme.id(), State.DONE, 7, 7));
    assertThat(doneSeenByTheTier).containsExactly(0L, 3L, 6L);
    assertThat(tier.batches).extracting(Batch::size).containsExactly(3, 3, 1);
    assertThat(tier.batches).extracting(Batch::tenantId).containsOnly(acme.id());
    assertThat(tier.batches.stream().flatMap(b -> b.userIds().stream()))
        .doesNotHaveDuplicates()
        .containsExactlyInAnyOrderElementsOf(memberIds(acme));
  }

  @Test
  void a_tenant_of_whole_batches_needs_no_empty_last_call() {
    addMembers(acme, 4); // 6 members

    UUID id = cache.warming().warm(root, acme.id());
    executor.runAll();

    assertThat(tier.batches).extracting(Batch::size).containsExactly(3, 3);
    assertThat(cache.warming().job(root, id).state()).isEqualTo(State.DONE);
  }

  @Test
  void the_batch_size_is_the_configured_one() {
    addMembers(acme, 10); // 12 members
    CacheUseCases fives = service(executor, 5);

    fives.warming().warm(root, acme.id());
    executor.runAll();

    assertThat(tier.batches).extracting(Batch::size).containsExactly(5, 5, 2);
    assertThatThrownBy(() -> service(executor, 0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> service(executor, ServiceSettings.MAX_WARM_BATCH_SIZE + 1))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void warming_fills_the_tier_it_is_given_not_the_database_one_by_one() {
    addMembers(acme, 5);
    int singleLoads = warden.effectivePermissions().singleLoads();
    int batchLoads = warden.effectivePermissions().batchLoads();

    cache.warming().warm(root, acme.id());
    executor.runAll();

    assertThat(warden.effectivePermissions().singleLoads()).isEqualTo(singleLoads);
    assertThat(warden.effectivePermissions().batchLoads()).isEqualTo(batchLoads + 3);
  }

  @Test
  void a_failing_tier_marks_the_job_failed_and_a_new_warm_can_start() {
    addMembers(acme, 5);
    tier.failWhen = (tenant, call) -> call == 2;

    UUID failed = cache.warming().warm(root, acme.id());
    executor.runAll();

    assertThat(cache.warming().job(root, failed))
        .isEqualTo(new WarmJob(failed, acme.id(), State.FAILED, 3, 7));

    tier.failWhen = (tenant, call) -> false;
    UUID retried = cache.warming().warm(root, acme.id());
    executor.runAll();

    assertThat(retried).isNotEqualTo(failed);
    assertThat(cache.warming().job(root, retried).state()).isEqualTo(State.DONE);
  }

  @Test
  void a_running_warm_of_the_tenant_is_answered_instead_of_a_second_one() {
    UUID first = cache.warming().warm(acmeAdmin, acme.id());
    UUID again = cache.warming().warm(root, acme.id());
    UUID other = cache.warming().warm(root, globex.id());

    assertThat(again).isEqualTo(first);
    assertThat(other).isNotEqualTo(first);
    assertThat(executor.pending()).isEqualTo(2);

    executor.runAll();
    UUID afterwards = cache.warming().warm(acmeAdmin, acme.id());
    assertThat(afterwards).isNotEqualTo(first);
  }

  @Test
  void a_job_the_executor_refuses_is_failed_not_lost() {
    CacheUseCases refusing =
        service(
            task -> {
              throw new RejectedExecutionException("shutting down");
            },
            BATCH);

    UUID id = refusing.warming().warm(root, acme.id());

    assertThat(refusing.warming().job(root, id).state()).isEqualTo(State.FAILED);
    assertThat(tier.batches).isEmpty();
  }

  @Test
  void job_ids_are_random_and_only_the_newest_jobs_are_kept() {
    CacheUseCases direct = service(Runnable::run, BATCH);
    Set<UUID> ids = new HashSet<>();
    UUID first = direct.warming().warm(root, globex.id());
    ids.add(first);
    for (int i = 0; i < CacheWarmingService.MAX_JOBS_KEPT; i++) {
      ids.add(direct.warming().warm(root, globex.id()));
    }

    assertThat(ids).hasSize(CacheWarmingService.MAX_JOBS_KEPT + 1);
    assertThat(ids).allMatch(id -> id.version() == 4);
    assertThatThrownBy(() -> direct.warming().job(root, first)).isInstanceOf(NotFound.class);
    ids.remove(first);
    assertThat(ids).allMatch(id -> direct.warming().job(root, id).state() == State.DONE);
  }

  @Test
  void members_who_join_during_a_warm_leave_a_consistent_final_count() {
    addMembers(acme, 1); // 3 members: batches of 3 and an empty page
    UUID id = cache.warming().warm(root, acme.id());
    addMembers(acme, 2); // joined after the count: the walk sees 5

    executor.runAll();

    assertThat(cache.warming().job(root, id))
        .isEqualTo(new WarmJob(id, acme.id(), State.DONE, 5, 5));
  }

  // ---- warming at start ----

  @Test
  void at_start_every_small_active_tenant_is_warmed_in_the_background() {
    Tenant big = warden.createTenant("big");
    addMembers(big, 4);
    Tenant dormant = warden.createTenant("dormant");
    addMembers(dormant, 1);
    warden
        .systemAdministration()
        .updateTenant(root, dormant.id(), Optional.empty(), Optional.of(false));
    addMembers(globex, 2); // globex 3, acme 2, big 4, dormant 1 (inactive)

    cache.warming().warmOnStart(3);

    assertThat(tier.batches).isEmpty();
    assertThat(executor.pending()).isEqualTo(1);
    executor.runAll();
    assertThat(tier.batches.stream().map(Batch::tenantId).distinct())
        .containsExactlyInAnyOrder(acme.id(), globex.id());
    assertThat(tier.batches.stream().mapToInt(Batch::size).sum()).isEqualTo(5);
  }

  @Test
  void at_start_a_failing_tenant_is_logged_and_the_others_are_still_warmed() {
    tier.failWhen = (tenant, call) -> tenant.equals(acme.id());

    cache.warming().warmOnStart(100);
    assertThatCode(executor::runAll).doesNotThrowAnyException();

    assertThat(tier.batches).extracting(Batch::tenantId).contains(globex.id());
  }

  @Test
  void at_start_a_database_that_cannot_list_tenants_is_logged_not_thrown() {
    warden.transactions().failNextCommit(() -> new IllegalStateException("database down"));

    cache.warming().warmOnStart(100);
    assertThatCode(executor::runAll).doesNotThrowAnyException();

    assertThat(tier.batches).isEmpty();
    assertThatThrownBy(() -> cache.warming().warmOnStart(-1))
        .isInstanceOf(IllegalArgumentException.class);
  }

  // ---- flushing ----

  @Test
  void a_flush_is_journaled_and_evicts_the_whole_tenant_after_commit() {
    warden.invalidation().clear();

    cache.flush().flushTenant(acmeAdmin, acme.id());

    JournalEntry last =
        assertJournaledAndAnnouncedAfterCommit(
            warden,
            new RbacEvent.CacheFlushed(acme.id()),
            new InvalidationScope.WholeTenant(acme.id()));
    assertThat(last.event().type()).isEqualTo("cache.flushed");
  }

  @Test
  void a_flush_that_does_not_commit_announces_nothing() {
    int journal = warden.store().journal().size();
    warden.invalidation().clear();
    // A system administrator's authorization reads nothing: the next transaction is the flush.
    warden.transactions().failNextCommit(() -> new IllegalStateException("commit failed"));

    assertThatThrownBy(() -> cache.flush().flushTenant(root, acme.id()))
        .isInstanceOf(IllegalStateException.class);

    assertThat(warden.store().journal()).hasSize(journal);
    assertThat(warden.invalidation().invalidations()).isEmpty();
  }

  // ---- helpers ----

  private void addMembers(Tenant tenant, int count) {
    for (int i = 0; i < count; i++) {
      User user = warden.createUser("m" + usersCreated++ + "@" + tenant.slug() + ".example");
      warden.addMember(tenant, user);
    }
  }

  private List<UserId> memberIds(Tenant tenant) {
    return warden
        .transactions()
        .readInTenant(
            tenant.id(),
            () ->
                warden.memberships().page(Optional.empty(), 10_000).stream()
                    .map(Membership::userId)
                    .toList());
  }

  /** Runs what was handed to it only when the test says so. */
  private static final class ManualExecutor implements Executor {
    private final Queue<Runnable> tasks = new ArrayDeque<>();

    @Override
    public void execute(Runnable task) {
      tasks.add(task);
    }

    int pending() {
      return tasks.size();
    }

    void runAll() {
      Runnable task;
      while ((task = tasks.poll()) != null) {
        task.run();
      }
    }
  }

  private record Batch(TenantId tenantId, List<UserId> userIds) {
    int size() {
      return userIds.size();
    }
  }

  /** The outermost tier as the service sees it: records every batch, fails when told to. */
  private static final class RecordingTier implements EffectivePermissions {
    private final EffectivePermissions next;
    final List<Batch> batches = new CopyOnWriteArrayList<>();
    volatile Consumer<Batch> onBatch = batch -> {};

    /** Given the tenant and the 1-based number of the call for it. */
    volatile BiPredicate<TenantId, Integer> failWhen = (tenant, call) -> false;

    RecordingTier(EffectivePermissions next) {
      this.next = next;
    }

    @Override
    public PermissionSnapshot of(TenantId tenantId, UserId userId) {
      return next.of(tenantId, userId);
    }

    @Override
    public Map<UserId, PermissionSnapshot> ofAll(TenantId tenantId, Collection<UserId> userIds) {
      Batch batch = new Batch(tenantId, List.copyOf(userIds));
      onBatch.accept(batch);
      int call = (int) batches.stream().filter(b -> b.tenantId().equals(tenantId)).count() + 1;
      if (failWhen.test(tenantId, call)) {
        throw new IllegalStateException("the tier is down");
      }
      batches.add(batch);
      return next.ofAll(tenantId, userIds);
    }
  }
}
