package io.warden.application.service;

import io.warden.application.port.driven.EffectivePermissions;
import io.warden.application.port.driven.PermissionSnapshot;
import io.warden.application.port.driven.Revisions;
import io.warden.application.port.driven.RoleRepository;
import io.warden.application.port.driven.Transactions;
import io.warden.application.port.driven.UserContexts;
import io.warden.application.port.driving.AuthorizationUseCase;
import io.warden.application.port.driving.AuthorizationUseCase.Grant;
import io.warden.application.port.driving.Caller;
import io.warden.application.port.driving.NotFound;
import io.warden.domain.model.InvalidValueException;
import io.warden.domain.model.organization.Organization;
import io.warden.domain.model.organization.OrganizationId;
import io.warden.domain.model.organization.OrganizationTree;
import io.warden.domain.model.organization.UserOrganizations;
import io.warden.domain.model.permission.BuiltInPermissions;
import io.warden.domain.model.permission.PermissionName;
import io.warden.domain.model.permission.PermissionSet;
import io.warden.domain.model.tenant.TenantId;
import io.warden.domain.model.user.UserId;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;
import org.jspecify.annotations.Nullable;

/**
 * Answers permission checks and permission queries inside the caller's tenant, from {@link
 * EffectivePermissions} (the cached hot path): a check opens no transaction of its own. A request
 * asking for at least a revision ({@link #atLeast}) is answered by the same service over the source
 * behind the caches when this instance's caches cannot vouch for the revision in time. It is one
 * class of some 300 lines because {@code atLeast} hands out the same service over other ports:
 * every question of the use case must be answered by it, through the rules of {@link CheckPolicy},
 * {@link OrganizationScope} and {@link GrantFinder}.
 */
public final class AuthorizationService implements AuthorizationUseCase {
  static final String FORBIDDEN_ITEM = "forbidden";
  static final String INVALID_PERMISSION_ITEM = "invalid permission name";

  /** How a bad revision is named in the answer: the header that carries it. */
  static final String MIN_REVISION = "Warden-Min-Revision";

  private final Transactions transactions;
  private final EffectivePermissions effectivePermissions;
  private final AccessGuard guard;
  private final UserContexts userContexts;
  private final RoleRepository roles;
  private final OrganizationScope organizations;
  private final Clock clock;
  private final Revisions revisions;

  /** This service over the source behind the caches; itself when it already reads the source. */
  private final AuthorizationService readThrough;

  /**
   * @param revisions how fresh {@code effectivePermissions} and {@code userContexts} are
   * @param readThrough this service over the source behind the caches, for a revision the caches
   *     cannot vouch for in time; null when this service reads the source itself
   */
  AuthorizationService(
      Transactions transactions,
      EffectivePermissions effectivePermissions,
      UserContexts userContexts,
      RoleRepository roles,
      Clock clock,
      Revisions revisions,
      @Nullable AuthorizationService readThrough) {
    this.transactions = transactions;
    this.effectivePermissions = effectivePermissions;
    this.guard = new AccessGuard(effectivePermissions);
    this.userContexts = userContexts;
    this.roles = roles;
    this.organizations = new OrganizationScope(userContexts);
    this.clock = clock;
    this.revisions = revisions;
    this.readThrough = readThrough == null ? this : readThrough;
  }

  /**
   * The caches when the feed has applied {@code revision} (they evicted everything it changed, and
   * a load begun before its commit cannot refill them), else the source once the revision is known
   * to be committed: a revision above the newest committed one is refused after the wait, so a
   * client can neither hang a request on it nor pass it off as honoured.
   */
  @Override
  public AuthorizationUseCase atLeast(long revision) {
    InvalidValueException.require(revision >= 0, MIN_REVISION, "must not be negative");
    if (readThrough == this || revisions.awaitApplied(revision)) {
      return this;
    }
    long committed = revisions.committed();
    InvalidValueException.require(
        revision <= committed,
        MIN_REVISION,
        "is ahead of the newest committed change (" + committed + ")");
    return readThrough;
  }

  @Override
  public boolean check(Caller caller, Optional<UserId> userId, String permission) {
    TenantId tenant = caller.requireTenant();
    UserId subject = userId.orElse(caller.userId());
    return CheckPolicy.answerOrThrow(
        CheckPolicy.decide(
            caller.userId(),
            subject,
            permission,
            mayCheckOthers(caller, tenant),
            () -> effectivePermissions.of(tenant, subject).permissions()));
  }

  @Override
  public boolean check(
      Caller caller, Optional<UserId> userId, String permission, OrganizationId organizationId) {
    TenantId tenant = caller.requireTenant();
    InvalidValueException.requirePresent(organizationId, "organizationId");
    UserId subject = userId.orElse(caller.userId());
    return CheckPolicy.answerOrThrow(
        CheckPolicy.decideInOrganization(
            caller.userId(),
            subject,
            permission,
            mayCheckOthers(caller, tenant),
            p ->
                OrganizationScope.holds(
                    effectivePermissions.of(tenant, subject),
                    organizations.chainOf(tenant, organizationId),
                    p)));
  }

  /** Whether the caller may ask about another user: asked only when the subject is not them. */
  private BooleanSupplier mayCheckOthers(Caller caller, TenantId tenant) {
    return () -> guard.permissionsOf(caller, tenant).allows(BuiltInPermissions.AUTHZ_CHECK);
  }

  @Override
  public List<CheckResult> checkBatch(Caller caller, List<CheckItem> checks) {
    TenantId tenant = caller.requireTenant();
    CheckPolicy.requireBatchSize(checks);
    Set<UserId> others = new LinkedHashSet<>();
    for (CheckItem item : checks) {
      InvalidValueException.require(item != null, "checks", "must not hold null items");
      UserId subject = subjectOf(caller, item);
      if (!subject.equals(caller.userId()) && PermissionName.isWellFormed(item.permission())) {
        others.add(subject);
      }
    }
    // Authorize before loading: the caller's own set decides whether they may ask about others,
    // and only then are the others' sets loaded (one round trip for all of them). A caller without
    // authz.check makes no other user's set be read, let alone cached.
    Map<UserId, PermissionSnapshot> snapshots = new LinkedHashMap<>();
    snapshots.put(caller.userId(), effectivePermissions.of(tenant, caller.userId()));
    boolean mayCheckOthers =
        permissionsIn(snapshots, caller.userId()).allows(BuiltInPermissions.AUTHZ_CHECK);
    if (mayCheckOthers && !others.isEmpty()) {
      snapshots.putAll(effectivePermissions.ofAll(tenant, others));
    }

    List<CheckResult> results = new ArrayList<>(checks.size());
    Map<OrganizationId, List<OrganizationId>> chains = new HashMap<>();
    for (CheckItem item : checks) {
      UserId subject = subjectOf(caller, item);
      Optional<OrganizationId> organization =
          item.organizationId() == null ? Optional.empty() : item.organizationId();
      CheckPolicy.Decision decision =
          organization.isEmpty()
              ? CheckPolicy.decide(
                  caller.userId(),
                  subject,
                  item.permission(),
                  () -> mayCheckOthers,
                  () -> permissionsIn(snapshots, subject))
              : CheckPolicy.decideInOrganization(
                  caller.userId(),
                  subject,
                  item.permission(),
                  () -> mayCheckOthers,
                  p ->
                      snapshots.containsKey(subject)
                          && OrganizationScope.holds(
                              snapshots.get(subject),
                              chains.computeIfAbsent(
                                  organization.get(), o -> organizations.chainOf(tenant, o)),
                              p));
      results.add(
          switch (decision) {
            case CheckPolicy.Decision.Answered answered ->
                new CheckResult(item.permission(), subject, answered.allowed(), Optional.empty());
            case CheckPolicy.Decision.NotPermitted notPermitted ->
                refused(item, subject, FORBIDDEN_ITEM);
            case CheckPolicy.Decision.Malformed malformed ->
                refused(item, subject, INVALID_PERMISSION_ITEM);
          });
    }
    return Collections.unmodifiableList(results);
  }

  private static UserId subjectOf(Caller caller, CheckItem item) {
    return item.userId() == null ? caller.userId() : item.userId().orElse(caller.userId());
  }

  private static CheckResult refused(CheckItem item, UserId subject, String error) {
    return new CheckResult(item.permission(), subject, false, Optional.of(error));
  }

  @Override
  public PermissionSet permissionsOf(Caller caller, UserId userId) {
    TenantId tenant = caller.requireTenant();
    InvalidValueException.requirePresent(userId, "userId");
    if (!userId.equals(caller.userId())) {
      guard.requirePermission(caller, BuiltInPermissions.USERS_VIEW);
    }
    return effectivePermissions.of(tenant, userId).permissions();
  }

  @Override
  public Map<UserId, PermissionSet> permissionsOf(Caller caller, List<UserId> userIds) {
    TenantId tenant = guard.requirePermission(caller, BuiltInPermissions.USERS_VIEW);
    AuthorizationUseCase.requireBatchOfUsers(userIds == null ? 0 : userIds.size());
    InvalidValueException.require(
        userIds.stream().allMatch(Objects::nonNull), "userIds", "must not hold null ids");
    Set<UserId> distinct = new LinkedHashSet<>(userIds);
    Map<UserId, PermissionSnapshot> snapshots = effectivePermissions.ofAll(tenant, distinct);
    Map<UserId, PermissionSet> result = new LinkedHashMap<>();
    for (UserId userId : distinct) {
      result.put(userId, permissionsIn(snapshots, userId));
    }
    return Collections.unmodifiableMap(result);
  }

  @Override
  public Explanation explain(
      Caller caller, UserId userId, String permission, Optional<OrganizationId> organizationId) {
    TenantId tenant = caller.requireTenant();
    UserId subject = userId == null ? caller.userId() : userId;
    Optional<OrganizationId> organization =
        organizationId == null ? Optional.empty() : organizationId;
    if (!subject.equals(caller.userId())) {
      guard.requirePermission(caller, BuiltInPermissions.AUTHZ_CHECK);
    }
    requireWellFormed(permission, "permission");
    // The snapshot says which tier answered and when its set was read: labelled when a tier kept
    // it, so the check path itself never pays for the label.
    PermissionSnapshot snapshot = effectivePermissions.of(tenant, subject);
    List<OrganizationId> chain =
        organization.map(o -> organizations.chainOf(tenant, o)).orElse(List.of());
    boolean allowed =
        organization.isEmpty()
            ? snapshot.permissions().allows(permission)
            : OrganizationScope.holds(snapshot, chain, permission);
    // Roles of an inactive membership still exist but grant nothing: name them only when allowed.
    // A system administrator is allowed without any role, so grantedBy may be empty.
    List<Grant> grantedBy =
        allowed
            ? transactions.readInTenant(
                tenant,
                () -> GrantFinder.grantsOf(roles, clock.instant(), subject, permission, chain))
            : List.of();
    return new Explanation(
        subject, permission, allowed, grantedBy, snapshot.servedBy(), snapshot.computedAt());
  }

  @Override
  public Me me(Caller caller) {
    TenantId tenant = caller.requireTenant();
    UserContexts.UserContext context =
        userContexts
            .of(tenant, caller.userId())
            .orElseThrow(() -> new NotFound("user or tenant not found"));
    PermissionSet permissions = guard.permissionsOf(caller, tenant);
    // The context knows which organizations the caller joined; names and reach come from the
    // tenant's tree as cached now, so a tree change needs to make no context stale. A deleted
    // organization (its memberships went with it) is no longer in the tree and shows nowhere.
    OrganizationTree tree =
        context.organizations().direct().isEmpty()
            ? OrganizationTree.of(List.of())
            : userContexts.organizationTree(tenant);
    List<Organization> direct =
        context.organizations().direct().stream()
            .map(o -> tree.find(o.id()))
            .flatMap(Optional::stream)
            .toList();
    return new Me(
        context.user(),
        context.tenant(),
        context.roles(),
        permissions,
        UserOrganizations.of(tree, direct));
  }

  private static PermissionSet permissionsIn(
      Map<UserId, PermissionSnapshot> snapshots, UserId userId) {
    PermissionSnapshot snapshot = snapshots.get(userId);
    return snapshot == null ? PermissionSet.empty() : snapshot.permissions();
  }

  private static void requireWellFormed(String permission, String field) {
    InvalidValueException.requirePresent(permission, field);
    InvalidValueException.require(
        PermissionName.isWellFormed(permission), field, "is not a permission name");
  }
}
