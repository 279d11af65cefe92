package io.warden.adapter.driven.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import io.warden.domain.model.role.Role;
import io.warden.domain.model.role.RoleId;
import io.warden.domain.model.tenant.Tenant;
import io.warden.domain.model.tenant.TenantId;
import io.warden.domain.model.user.Email;
import io.warden.domain.model.user.User;
import io.warden.domain.model.user.UserId;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * The listing statements on PostgreSQL: pages by id visit every row once, a prefix search finds
 * exactly the rows that start with it (its own {@code %} and {@code _} matching themselves), and
 * the searches are served by the prefix indexes of changeset 033.
 */
class ListingQueriesTest extends PostgresTestBase {

  private static String unique() {
    return "l" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
  }

  private UserId user(String email) {
    User user = User.create(new Email(email), "Someone", "hash", false, clock.instant());
    acrossDo(() -> db.users().insert(user));
    return user.id();
  }

  private TenantId tenant(String slug, String name) {
    Tenant tenant = Tenant.create(slug, name);
    acrossDo(() -> db.tenants().insert(tenant));
    return tenant.id();
  }

  /** Every page of {@code fetch} (limit {@code size}, keyset by id) in order. */
  private static <T, I> List<T> walk(
      Function<Optional<I>, List<T>> fetch, Function<T, I> id, int size) {
    List<T> all = new ArrayList<>();
    Optional<I> after = Optional.empty();
    while (true) {
      List<T> page = fetch.apply(after);
      assertThat(page.size()).isLessThanOrEqualTo(size);
      all.addAll(page);
      if (page.size() < size) {
        return all;
      }
      after = Optional.of(id.apply(page.get(page.size() - 1)));
    }
  }

  @Test
  void user_pages_by_email_prefix_visit_every_match_once_in_id_order() {
    String prefix = unique();
    List<UserId> created = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      created.add(user(prefix + "-" + i + "@example.com"));
    }
    user("other-" + prefix + "@example.com");

    List<User> found =
        walk(after -> across(() -> db.users().page(Optional.of(prefix), after, 3)), User::id, 3);

    assertThat(found).extracting(User::id).containsExactlyInAnyOrderElementsOf(created);
    assertThat(found).extracting(u -> u.id().toString()).isSorted();
  }

  @Test
  void percent_and_underscore_in_the_search_match_only_themselves() {
    String prefix = unique();
    UserId underscore = user(prefix + "_a@example.com");
    user(prefix + "xa@example.com");
    UserId percent = user(prefix + "%b@example.com");
    user(prefix + "yb@example.com");

    assertThat(across(() -> db.users().page(Optional.of(prefix + "_"), Optional.empty(), 10)))
        .extracting(User::id)
        .containsExactly(underscore);
    assertThat(across(() -> db.users().page(Optional.of(prefix + "%"), Optional.empty(), 10)))
        .extracting(User::id)
        .containsExactly(percent);
    assertThat(across(() -> db.users().page(Optional.of(prefix + "\\"), Optional.empty(), 10)))
        .isEmpty();
  }

  @Test
  void tenants_match_by_slug_or_by_name_ignoring_case() {
    String prefix = unique();
    TenantId bySlug = tenant(prefix + "-one", "Something Else");
    TenantId byName = tenant(unique(), prefix.toUpperCase() + " Corp");
    tenant(unique(), "Unrelated " + prefix);

    List<Tenant> found =
        walk(
            after -> across(() -> db.tenants().page(Optional.of(prefix), after, 1)), Tenant::id, 1);

    assertThat(found).extracting(Tenant::id).containsExactlyInAnyOrder(bySlug, byName);
  }

  @Test
  void every_tenant_appears_once_when_nothing_is_searched() {
    List<TenantId> created = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      created.add(newTenant());
    }

    List<Tenant> all =
        walk(after -> across(() -> db.tenants().page(Optional.empty(), after, 2)), Tenant::id, 2);

    assertThat(all).extracting(Tenant::id).doesNotHaveDuplicates().containsAll(created);
    assertThat(all).hasSize((int) adminCount("SELECT count(*) FROM tenants"));
  }

  @Test
  void roles_page_by_id_inside_their_tenant_only() {
    TenantId tenant = newTenant();
    TenantId other = newTenant();
    List<RoleId> created = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      created.add(newRole(tenant).id());
    }
    newRole(other);

    List<Role> found =
        walk(after -> inTenant(tenant, () -> db.roles().page(after, 2)), Role::id, 2);

    assertThat(found).extracting(Role::id).containsExactlyInAnyOrderElementsOf(created);
  }

  @Test
  void the_prefix_searches_use_the_prefix_indexes() throws SQLException {
    try (Connection connection = database.connectAsAdmin();
        Statement statement = connection.createStatement()) {
      // The tables are tiny: make a sequential scan look as dear as it is on a big one.
      statement.execute("SET enable_seqscan = off");
      assertThat(plan(statement, "SELECT id FROM users WHERE email LIKE 'ab\\_c%' ESCAPE '\\'"))
          .contains("users_email_prefix");
      assertThat(
              plan(
                  statement,
                  "SELECT id FROM tenants WHERE slug LIKE 'ab%' ESCAPE '\\'"
                      + " OR lower(name) LIKE 'ab%' ESCAPE '\\'"))
          .contains("tenants_slug_prefix")
          .contains("tenants_name_prefix");
    }
  }

  private static String plan(Statement statement, String query) throws SQLException {
    StringBuilder plan = new StringBuilder();
    try (ResultSet rows = statement.executeQuery("EXPLAIN " + query)) {
      while (rows.next()) {
        plan.append(rows.getString(1)).append('\n');
      }
    }
    return plan.toString();
  }
}
