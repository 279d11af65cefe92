package io.warden.benchmarks.casbin;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeSet;

/**
 * One deterministic RBAC-with-domains policy that both Warden and jCasbin are loaded with, so that
 * both answer exactly the same questions.
 *
 * <p>{@value #TENANTS} tenants (domains), {@value #USERS} users (user {@code u} is a member of
 * tenant {@code u % TENANTS}), {@value #ROLES_PER_TENANT} roles per tenant, {@value #PERMISSIONS}
 * permissions. Role {@code r} grants {@value #PERMISSIONS_PER_ROLE} permissions, every user holds
 * {@value #ROLES_PER_USER} roles. Permission {@code k} is {@code doc_<k/2>:read} or {@code
 * doc_<k/2>:write} in Warden's grammar and {@code (doc_<k/2>, read|write)} as jCasbin's object and
 * action.
 *
 * <p>Wildcard permissions ({@code doc_1:*}) are not in this policy: Warden does not have them yet,
 * and a variant that only one side understands would compare nothing.
 */
public final class RbacPolicy {
  public static final int TENANTS = 10;
  public static final int USERS = 10_000;
  public static final int ROLES_PER_TENANT = 100;
  public static final int PERMISSIONS = 200;
  public static final int PERMISSIONS_PER_ROLE = 20;
  public static final int ROLES_PER_USER = 3;

  /** jCasbin's model: RBAC with domains, the textbook form of its documentation. */
  public static final String CASBIN_MODEL =
      """
      [request_definition]
      r = sub, dom, obj, act

      [policy_definition]
      p = sub, dom, obj, act

      [role_definition]
      g = _, _, _

      [policy_effect]
      e = some(where (p.eft == allow))

      [matchers]
      m = g(r.sub, p.sub, r.dom) && r.dom == p.dom && r.obj == p.obj && r.act == p.act
      """;

  private RbacPolicy() {}

  public static int tenantOf(int user) {
    return user % TENANTS;
  }

  public static String domain(int tenant) {
    return "tenant_" + tenant;
  }

  public static String subject(int user) {
    return "user_" + user;
  }

  public static String role(int role) {
    return "role_" + role;
  }

  public static String object(int permission) {
    return "doc_" + (permission / 2);
  }

  public static String action(int permission) {
    return permission % 2 == 0 ? "read" : "write";
  }

  /** The permission's name in Warden's grammar. */
  public static String wardenName(int permission) {
    return object(permission) + ":" + action(permission);
  }

  /** The permissions role {@code role} grants (the same in every tenant). */
  public static int[] permissionsOfRole(int role) {
    int[] granted = new int[PERMISSIONS_PER_ROLE];
    for (int i = 0; i < PERMISSIONS_PER_ROLE; i++) {
      granted[i] = (role * 7 + i * 10) % PERMISSIONS;
    }
    return granted;
  }

  /** The roles user {@code user} holds in its tenant. */
  public static int[] rolesOfUser(int user) {
    return new int[] {
      (user * 13) % ROLES_PER_TENANT,
      (user * 13 + 37) % ROLES_PER_TENANT,
      (user * 13 + 71) % ROLES_PER_TENANT
    };
  }

  /** The user's effective permissions, as Warden's names. */
  public static List<String> wardenPermissionsOf(int user) {
    TreeSet<String> names = new TreeSet<>();
    for (int role : rolesOfUser(user)) {
      for (int permission : permissionsOfRole(role)) {
        names.add(wardenName(permission));
      }
    }
    return new ArrayList<>(names);
  }

  /** The truth, computed without either engine. */
  public static boolean allowed(int user, int permission) {
    for (int role : rolesOfUser(user)) {
      for (int granted : permissionsOfRole(role)) {
        if (granted == permission) {
          return true;
        }
      }
    }
    return false;
  }

  /** Every {@code p} rule: (role, domain, object, action). */
  public static List<List<String>> casbinPolicies() {
    List<List<String>> rules = new ArrayList<>(TENANTS * ROLES_PER_TENANT * PERMISSIONS_PER_ROLE);
    for (int tenant = 0; tenant < TENANTS; tenant++) {
      for (int role = 0; role < ROLES_PER_TENANT; role++) {
        for (int permission : permissionsOfRole(role)) {
          rules.add(List.of(role(role), domain(tenant), object(permission), action(permission)));
        }
      }
    }
    return rules;
  }

  /** Every {@code g} rule: (user, role, domain). */
  public static List<List<String>> casbinGroupings() {
    List<List<String>> rules = new ArrayList<>(USERS * ROLES_PER_USER);
    for (int user = 0; user < USERS; user++) {
      for (int role : rolesOfUser(user)) {
        rules.add(List.of(subject(user), role(role), domain(tenantOf(user))));
      }
    }
    return rules;
  }

  /** A question: may {@code user} do {@code permission} in its tenant; and the true answer. */
  public record Probe(int user, int permission, boolean expected) {}

  /**
   * {@code count} probes over random users, half of them allowed and half denied, so that neither
   * engine is measured on one kind of answer only.
   */
  public static Probe[] probes(int count, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    Probe[] probes = new Probe[count];
    int made = 0;
    while (made < count) {
      int user = random.nextInt(USERS);
      int permission = random.nextInt(PERMISSIONS);
      boolean allowed = allowed(user, permission);
      if (allowed == (made % 2 == 0)) {
        probes[made++] = new Probe(user, permission, allowed);
      }
    }
    return probes;
  }
}
