package io.warden.benchmarks.casbin;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.TreeSet;

/**
 * One deterministic RBAC-with-domains policy that both Warden and jCasbin are loaded with, so that
 * both answer exactly the same questions.
 *
 * <p>{@value #TENANTS} tenants (domains), {@value #USERS} users (user {@code u} is a member of
 * tenant {@code u % TENANTS}), {@value #ROLES_PER_TENANT} roles per tenant, {@value #PERMISSIONS}
 * permissions. Every user holds {@value #ROLES_PER_USER} roles; every role makes {@value
 * #GRANTS_PER_ROLE} grants (the same in every tenant). Permission {@code k} is an action ({@code
 * read} if {@code k} is even, else {@code write}) on document {@code d = k/2} of folder {@code
 * d/10}: {@code folder_<d/10>.doc_<d>:<action>} in Warden's grammar, object {@code
 * /folder_<d/10>/doc_<d>} and action {@code <action>} for jCasbin. Ten folders of ten documents of
 * two actions: a folder holds twenty permissions, a document two.
 *
 * <p>The grants come in two variants ({@link Grants}), each loaded the same way into every engine:
 *
 * <ul>
 *   <li>{@link Grants#EXACT}: every grant names one permission.
 *   <li>{@link Grants#WILDCARD}: every role grants one whole folder ({@code folder_f.*} in Warden,
 *       {@code (/folder_f/*, *)} for jCasbin: twenty permissions), one whole document of another
 *       folder ({@code folder_g.doc_d:*}, {@code (/folder_g/doc_d, *)}: two) and eighteen exact
 *       names. The number of grants per role, so the number of jCasbin {@code p} rules, is the same
 *       as in the exact variant.
 * </ul>
 *
 * <p>The truth ({@link #allowed}) is computed on the integers above, with neither engine's string
 * matching.
 *
 * <p>Over 300 lines (benchmark code, not shipped) because the policy, its two spellings (Warden's
 * names, jCasbin's rules) and the truth both engines are checked against must stay one definition.
 */
public final class RbacPolicy {
  public static final int TENANTS = 10;
  public static final int USERS = 10_000;
  public static final int ROLES_PER_TENANT = 100;
  public static final int PERMISSIONS = 200;
  public static final int GRANTS_PER_ROLE = 20;
  public static final int ROLES_PER_USER = 3;
  static final int DOCUMENTS_PER_FOLDER = 10;
  static final int FOLDERS = PERMISSIONS / 2 / DOCUMENTS_PER_FOLDER;

  /**
   * jCasbin's model for exact grants: RBAC with domains, the textbook form of its documentation.
   */
  public static final String CASBIN_MODEL = rbacWithDomains("r.obj == p.obj && r.act == p.act");

  /**
   * jCasbin's model for wildcard grants: the same, with the object matched by {@code keyMatch} (a
   * policy object ending in {@code *} covers every object that starts with what precedes the {@code
   * *}: Warden's prefix rule, and the cheapest of jCasbin's matching functions, plain string
   * comparison with neither regular expression nor glob) and {@code *} as the action of every
   * action.
   */
  public static final String CASBIN_WILDCARD_MODEL =
      rbacWithDomains("keyMatch(r.obj, p.obj) && (r.act == p.act || p.act == \"*\")");

  /** RBAC with domains; {@code objectAndAction} is the matcher's part for the object and action. */
  private static String rbacWithDomains(String objectAndAction) {
    return """
        [request_definition]
        r = sub, dom, obj, act

        [policy_definition]
        p = sub, dom, obj, act

        [role_definition]
        g = _, _, _

        [policy_effect]
        e = some(where (p.eft == allow))

        [matchers]
        m = g(r.sub, p.sub, r.dom) && r.dom == p.dom && %s
        """
        .formatted(objectAndAction);
  }

  /** The two variants of the roles' grants. */
  public enum Grants {
    /** Every grant names one permission. */
    EXACT,
    /** Every role grants a folder wildcard, a document wildcard and eighteen exact names. */
    WILDCARD;

    /** The JMH parameter's value ({@code exact}, {@code wildcard}) as a variant. */
    public static Grants of(String parameter) {
      return valueOf(parameter.toUpperCase(Locale.ROOT));
    }

    /** The jCasbin model that understands these grants. */
    public String casbinModel() {
      return this == EXACT ? CASBIN_MODEL : CASBIN_WILDCARD_MODEL;
    }
  }

  /**
   * One grant of a role: one permission ({@link Kind#PERMISSION}), every permission of one document
   * ({@link Kind#DOCUMENT}) or of one folder ({@link Kind#FOLDER}).
   */
  public record Grant(Kind kind, int index) {
    /** What a grant covers. */
    public enum Kind {
      PERMISSION,
      DOCUMENT,
      FOLDER
    }

    /** Whether this grant covers permission {@code permission}, decided on integers. */
    public boolean covers(int permission) {
      return switch (kind) {
        case PERMISSION -> index == permission;
        case DOCUMENT -> index == documentOf(permission);
        case FOLDER -> index == documentOf(permission) / DOCUMENTS_PER_FOLDER;
      };
    }

    public boolean isWildcard() {
      return kind != Kind.PERMISSION;
    }

    /** The grant in Warden's grammar: a permission's name or a wildcard. */
    public String wardenName() {
      return switch (kind) {
        case PERMISSION -> RbacPolicy.wardenName(index);
        case DOCUMENT -> folder(index / DOCUMENTS_PER_FOLDER) + ".doc_" + index + ":*";
        case FOLDER -> folder(index) + ".*";
      };
    }

    /** The grant as jCasbin's object and action: {@code *} where it covers more than one. */
    public List<String> casbinObjectAndAction() {
      return switch (kind) {
        case PERMISSION -> List.of(object(index), action(index));
        case DOCUMENT -> List.of(object(index * 2), "*");
        case FOLDER -> List.of("/" + folder(index) + "/*", "*");
      };
    }
  }

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

  private static String folder(int folder) {
    return "folder_" + folder;
  }

  private static int documentOf(int permission) {
    return permission / 2;
  }

  /** The permission's object for jCasbin: {@code /folder_f/doc_d}. */
  public static String object(int permission) {
    int document = documentOf(permission);
    return "/" + folder(document / DOCUMENTS_PER_FOLDER) + "/doc_" + document;
  }

  public static String action(int permission) {
    return permission % 2 == 0 ? "read" : "write";
  }

  /** The permission's name in Warden's grammar: {@code folder_f.doc_d:action}. */
  public static String wardenName(int permission) {
    int document = documentOf(permission);
    return folder(document / DOCUMENTS_PER_FOLDER) + ".doc_" + document + ":" + action(permission);
  }

  /** The permissions role {@code role} grants by name in the exact variant. */
  public static int[] permissionsOfRole(int role) {
    int[] granted = new int[GRANTS_PER_ROLE];
    for (int i = 0; i < GRANTS_PER_ROLE; i++) {
      granted[i] = (role * 7 + i * 10) % PERMISSIONS;
    }
    return granted;
  }

  /**
   * The grants of role {@code role} (the same in every tenant). Wildcard variant: folder {@code
   * role % 10}, one document of the folder five further on, and the first eighteen names of the
   * exact variant (some of which a wildcard covers as well, as happens when a role is widened).
   */
  public static List<Grant> grantsOfRole(Grants grants, int role) {
    List<Grant> made = new ArrayList<>(GRANTS_PER_ROLE);
    int[] names = permissionsOfRole(role);
    int exact = GRANTS_PER_ROLE;
    if (grants == Grants.WILDCARD) {
      int folder = role % FOLDERS;
      int otherFolder = (folder + FOLDERS / 2) % FOLDERS;
      made.add(new Grant(Grant.Kind.FOLDER, folder));
      made.add(
          new Grant(
              Grant.Kind.DOCUMENT,
              otherFolder * DOCUMENTS_PER_FOLDER + (role / FOLDERS) % DOCUMENTS_PER_FOLDER));
      exact -= 2;
    }
    for (int i = 0; i < exact; i++) {
      made.add(new Grant(Grant.Kind.PERMISSION, names[i]));
    }
    return made;
  }

  /** The roles user {@code user} holds in its tenant. */
  public static int[] rolesOfUser(int user) {
    return new int[] {
      (user * 13) % ROLES_PER_TENANT,
      (user * 13 + 37) % ROLES_PER_TENANT,
      (user * 13 + 71) % ROLES_PER_TENANT
    };
  }

  /**
   * What the user was granted, as Warden's names (wildcards as themselves, as Warden loads them).
   */
  public static List<String> wardenPermissionsOf(Grants grants, int user) {
    TreeSet<String> names = new TreeSet<>();
    for (int role : rolesOfUser(user)) {
      for (Grant grant : grantsOfRole(grants, role)) {
        names.add(grant.wardenName());
      }
    }
    return new ArrayList<>(names);
  }

  /** The truth, computed without either engine. */
  public static boolean allowed(Grants grants, int user, int permission) {
    for (int role : rolesOfUser(user)) {
      for (Grant grant : grantsOfRole(grants, role)) {
        if (grant.covers(permission)) {
          return true;
        }
      }
    }
    return false;
  }

  /** Whether the user holds {@code permission} only through a wildcard (no grant names it). */
  public static boolean onlyThroughWildcard(Grants grants, int user, int permission) {
    boolean covered = false;
    for (int role : rolesOfUser(user)) {
      for (Grant grant : grantsOfRole(grants, role)) {
        if (grant.covers(permission)) {
          if (!grant.isWildcard()) {
            return false;
          }
          covered = true;
        }
      }
    }
    return covered;
  }

  /** Every {@code p} rule: (role, domain, object, action). */
  public static List<List<String>> casbinPolicies(Grants grants) {
    List<List<String>> rules = new ArrayList<>(TENANTS * ROLES_PER_TENANT * GRANTS_PER_ROLE);
    for (int tenant = 0; tenant < TENANTS; tenant++) {
      for (int role = 0; role < ROLES_PER_TENANT; role++) {
        for (Grant grant : grantsOfRole(grants, role)) {
          List<String> objectAndAction = grant.casbinObjectAndAction();
          rules.add(
              List.of(role(role), domain(tenant), objectAndAction.get(0), objectAndAction.get(1)));
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

  /**
   * A question: may {@code user} do {@code permission} in its tenant; the true answer, and whether
   * only a wildcard allows it.
   */
  public record Probe(int user, int permission, boolean expected, boolean onlyThroughWildcard) {}

  /**
   * {@code count} probes over random users, half of them allowed and half denied, so that no engine
   * is measured on one kind of answer only. With wildcard grants, some of the allowed ones are
   * allowed only through a wildcard (it fails otherwise).
   */
  public static Probe[] probes(Grants grants, int count, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    Probe[] probes = new Probe[count];
    int made = 0;
    int throughWildcard = 0;
    while (made < count) {
      int user = random.nextInt(USERS);
      int permission = random.nextInt(PERMISSIONS);
      boolean allowed = allowed(grants, user, permission);
      if (allowed == (made % 2 == 0)) {
        boolean onlyWildcard = onlyThroughWildcard(grants, user, permission);
        throughWildcard += onlyWildcard ? 1 : 0;
        probes[made++] = new Probe(user, permission, allowed, onlyWildcard);
      }
    }
    if (grants == Grants.WILDCARD && throughWildcard == 0) {
      throw new IllegalStateException("no probe is allowed only through a wildcard");
    }
    return probes;
  }
}
