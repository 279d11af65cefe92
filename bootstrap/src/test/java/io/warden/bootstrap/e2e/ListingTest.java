package io.warden.bootstrap.e2e;

import static io.warden.bootstrap.e2e.WardenApi.assertProblem;
import static io.warden.bootstrap.e2e.WardenApi.expect;
import static io.warden.bootstrap.e2e.WardenApi.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.warden.bootstrap.testing.WardenInstance;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The paged lists over HTTP against a real server and PostgreSQL: the system administrator's
 * tenants and users with prefix search, the tenant's roles (a plain array unless a page is asked
 * for); every row exactly once across the pages; everyone else refused.
 */
class ListingTest extends OneWardenTest {
  private String tenant;
  private String tenantAdmin;
  private String member;

  @BeforeAll
  void start() {
    tenant = api.createTenant("listing").getString("id");
    tenantAdmin = api.token(api.member(tenant, "admin", "admin"));
    member = api.token(api.member(tenant, "plain"));
  }

  private static String unique() {
    return "p" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
  }

  /** Every page of {@code path} (which has a query already), {@code limit} at a time. */
  private List<JsonObject> walk(String path, String token, int limit) {
    List<JsonObject> all = new ArrayList<>();
    String cursor = null;
    int pages = 0;
    do {
      String url = path + "&limit=" + limit + (cursor == null ? "" : "&cursor=" + encode(cursor));
      JsonObject page = expect(client.get(url, token), 200).json();
      List<JsonObject> items = page.getJsonArray("items").getValuesAs(JsonObject.class);
      assertThat(items.size()).isLessThanOrEqualTo(limit);
      all.addAll(items);
      cursor = page.isNull("nextCursor") ? null : page.getString("nextCursor");
      assertThat(++pages).as("pages of %s", path).isLessThan(10_000);
    } while (cursor != null);
    return all;
  }

  private static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }

  private static List<String> ids(List<JsonObject> items, String field) {
    return items.stream().map(item -> item.getString(field)).toList();
  }

  @Test
  void tenants_page_by_prefix_with_every_match_exactly_once() {
    String prefix = unique();
    Set<String> created = new HashSet<>();
    for (int i = 0; i < 7; i++) {
      created.add(
          expect(
                  client.post(
                      "/api/admin/tenants",
                      api.adminToken(),
                      json("slug", prefix + "-" + i, "name", "Listed " + i)),
                  201)
              .json()
              .getString("id"));
    }
    String byName =
        expect(
                client.post(
                    "/api/admin/tenants",
                    api.adminToken(),
                    json("slug", unique(), "name", prefix.toUpperCase() + " by name")),
                201)
            .json()
            .getString("id");
    created.add(byName);

    List<JsonObject> found = walk("/api/admin/tenants?q=" + prefix, api.adminToken(), 3);

    assertThat(ids(found, "id"))
        .doesNotHaveDuplicates()
        .containsExactlyInAnyOrderElementsOf(created);
    assertThat(found).allSatisfy(t -> assertThat(t.getBoolean("active")).isTrue());
    assertThat(found.get(0).keySet()).containsExactlyInAnyOrder("id", "slug", "name", "active");
    // Everything, unfiltered: each tenant once, ours among them.
    List<JsonObject> all = walk("/api/admin/tenants?q=", api.adminToken(), 4);
    assertThat(ids(all, "id")).doesNotHaveDuplicates().containsAll(created).contains(tenant);
  }

  @Test
  void users_page_by_e_mail_prefix_with_their_flags() {
    String prefix = unique();
    Set<String> created = new HashSet<>();
    for (int i = 0; i < 6; i++) {
      created.add(api.createUser(prefix + i + "@list.test", "Listed " + i).getString("id"));
    }
    // An underscore in the search matches an underscore only, not any character.
    String underscored = api.createUser(prefix + "_x@list.test", "Underscored").getString("id");

    List<JsonObject> found =
        walk("/api/admin/users?q=" + prefix.toUpperCase(), api.adminToken(), 4);
    assertThat(ids(found, "id"))
        .doesNotHaveDuplicates()
        .containsExactlyInAnyOrderElementsOf(union(created, underscored));
    assertThat(found.get(0).keySet())
        .containsExactlyInAnyOrder("id", "email", "displayName", "active", "systemAdmin");
    assertThat(found).allSatisfy(u -> assertThat(u.getBoolean("systemAdmin")).isFalse());

    assertThat(ids(walk("/api/admin/users?q=" + prefix + "_", api.adminToken(), 2), "id"))
        .containsExactly(underscored);
    assertThat(walk("/api/admin/users?q=" + prefix + "%25", api.adminToken(), 2)).isEmpty();

    List<JsonObject> admins =
        walk("/api/admin/users?q=" + encode(WardenInstance.ADMIN_EMAIL), api.adminToken(), 5);
    assertThat(admins)
        .singleElement()
        .satisfies(a -> assertThat(a.getBoolean("systemAdmin")).isTrue());
  }

  private static Set<String> union(Set<String> set, String one) {
    Set<String> all = new HashSet<>(set);
    all.add(one);
    return all;
  }

  @Test
  void roles_stay_a_plain_array_and_page_when_asked() {
    for (int i = 0; i < 5; i++) {
      api.createRole(tenantAdmin, api.unique("paged"));
    }
    List<String> plain = new ArrayList<>();
    for (JsonValue role : expect(client.get("/api/roles", tenantAdmin), 200).jsonArray()) {
      plain.add(role.asJsonObject().getString("id"));
    }
    assertThat(plain).hasSizeGreaterThan(5);

    List<JsonObject> paged = walk("/api/roles?", tenantAdmin, 2);

    assertThat(ids(paged, "id")).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(plain);
    assertThat(paged.get(0).keySet()).contains("permissions", "includes", "system");
  }

  @Test
  void only_system_administrators_list_tenants_and_users_and_roles_need_roles_view() {
    for (String path : List.of("/api/admin/tenants", "/api/admin/users")) {
      assertProblem(client.get(path, tenantAdmin), 403);
      assertProblem(client.get(path + "?limit=1", member), 403);
      assertProblem(client.get(path, null), 401);
    }
    assertProblem(client.get("/api/roles?limit=1", member), 403);
    assertProblem(client.get("/api/roles", member), 403);
  }

  @Test
  void a_cursor_carries_an_id_and_anything_else_is_refused() {
    JsonObject page = expect(client.get("/api/admin/users?limit=1", api.adminToken()), 200).json();
    String cursor = page.getString("nextCursor");
    // A well-formed cursor carries only an id: another list accepts it and starts after that id.
    expect(
        client.get("/api/admin/tenants?limit=1&cursor=" + encode(cursor), api.adminToken()), 200);
    assertProblem(
        client.get("/api/admin/tenants?limit=1&cursor=" + encode(cursor + "!"), api.adminToken()),
        400);
  }
}
