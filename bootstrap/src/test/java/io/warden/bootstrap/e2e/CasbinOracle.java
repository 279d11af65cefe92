package io.warden.bootstrap.e2e;

import com.googlecode.aviator.runtime.function.FunctionUtils;
import com.googlecode.aviator.runtime.type.AviatorBoolean;
import com.googlecode.aviator.runtime.type.AviatorObject;
import java.util.Map;
import org.casbin.jcasbin.main.Enforcer;
import org.casbin.jcasbin.model.Model;
import org.casbin.jcasbin.util.function.CustomFunction;

/**
 * jCasbin holding the same RBAC-with-domains policy as Warden, the independent answer the
 * differential test compares Warden's with. The mapping:
 *
 * <ul>
 *   <li>a tenant is a domain; a user and a role are subjects (their ids);
 *   <li>assigning role {@code r} to user {@code u} in tenant {@code t} is {@code g, u, r, t};
 *   <li>role {@code a} including role {@code b} is {@code g, a, b, t}: whoever holds {@code a}
 *       holds {@code b}, transitively, as jCasbin's role manager walks it;
 *   <li>role {@code r} granting permission {@code n} is {@code p, r, t, n}.
 * </ul>
 *
 * <p>Wildcards: Warden's rule (API.md) is that a name whose last segment is exactly {@code *}
 * grants itself and every name that starts with it minus the {@code *}. jCasbin's {@code keyMatch}
 * differs: it treats the first {@code *} anywhere as "anything from here", so {@code docs.*x} or
 * {@code docs.r*} would be wildcards to it and plain names to Warden. The matcher therefore uses
 * {@link WardenMatch}, written here from the contract's words and not from Warden's code; it equals
 * {@code keyMatch} on every name whose only {@code *} is a last segment of its own.
 */
final class CasbinOracle {
  private static final String MODEL =
      """
      [request_definition]
      r = sub, dom, obj

      [policy_definition]
      p = sub, dom, obj

      [role_definition]
      g = _, _, _

      [policy_effect]
      e = some(where (p.eft == allow))

      [matchers]
      m = g(r.sub, p.sub, r.dom) && r.dom == p.dom && wardenMatch(r.obj, p.obj)
      """;

  private final Enforcer enforcer;

  CasbinOracle() {
    enforcer = new Enforcer(Model.newModelFromString(MODEL));
    // Tens of thousands of decisions: jCasbin's per-request log lines would drown the test's own.
    enforcer.enableLog(false);
    enforcer.addFunction("wardenMatch", new WardenMatch());
  }

  void grant(String tenant, String role, String permission) {
    enforcer.addPolicy(role, tenant, permission);
  }

  void revoke(String tenant, String role, String permission) {
    enforcer.removePolicy(role, tenant, permission);
  }

  /** {@code holder} (a user, or a role that includes) gets {@code role} in {@code tenant}. */
  void link(String tenant, String holder, String role) {
    enforcer.addGroupingPolicy(holder, role, tenant);
    // Rebuilt from the policy each time: the answer must not depend on the role manager's
    // incremental bookkeeping, only on the policy.
    enforcer.buildRoleLinks();
  }

  void unlink(String tenant, String holder, String role) {
    enforcer.removeGroupingPolicy(holder, role, tenant);
    enforcer.buildRoleLinks();
  }

  boolean allows(String tenant, String user, String permission) {
    return enforcer.enforce(user, tenant, permission);
  }

  /**
   * The contract's wildcard rule as a jCasbin function: {@code wardenMatch(requested, granted)}.
   */
  static final class WardenMatch extends CustomFunction {
    static boolean matches(String requested, String granted) {
      if (requested.equals(granted)) {
        return true;
      }
      boolean wildcard =
          granted.length() >= 3
              && granted.endsWith("*")
              && (granted.charAt(granted.length() - 2) == '.'
                  || granted.charAt(granted.length() - 2) == ':');
      if (!wildcard) {
        return false;
      }
      String prefix = granted.substring(0, granted.length() - 1);
      return requested.startsWith(prefix) && requested.length() > prefix.length();
    }

    @Override
    public AviatorObject call(Map<String, Object> env, AviatorObject arg1, AviatorObject arg2) {
      return AviatorBoolean.valueOf(
          matches(
              FunctionUtils.getStringValue(arg1, env), FunctionUtils.getStringValue(arg2, env)));
    }

    @Override
    public String getName() {
      return "wardenMatch";
    }
  }
}
