package io.warden.benchmarks.http;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Writes the CSV feeder of the Gatling check simulations ({@code token,permission,userId,expected})
 * from a Warden seeded with demo data ({@code WARDEN_DEMO_TENANTS} × {@code WARDEN_DEMO_USERS}).
 *
 * <pre>
 * java -cp benchmarks.jar io.warden.benchmarks.http.Feeder --base-url URL --out FILE
 *      [--mode self|admin] [--users N] [--rows N] [--zipf S] [--admin-tenants N]
 * </pre>
 *
 * <ul>
 *   <li>{@code self} (default): {@code --users} demo users, spread over the tenants, log in; each
 *       asks about itself. Four rows per user: {@code users.view}, {@code roles.view} (every demo
 *       user holds them), {@code roles.edit} (editors and admin only), {@code
 *       reports.never_defined} (no one).
 *   <li>{@code admin}: the administrator of each tenant (demo user 1; of {@code --admin-tenants}
 *       tenants spread over all when given) asks about the tenant's members (every member, from
 *       {@code GET /api/members}); {@code --rows} rows, users drawn uniformly or, with {@code
 *       --zipf S}, by a Zipf law of exponent S over all members (the most popular ones scattered
 *       over the tenants), which is how the hit-ratio harness offers a skewed working set.
 * </ul>
 *
 * <p>The expected answers come from the demo seed's rules (viewer for all, editor for every tenth
 * user, admin for user 1), so the simulation counts a wrong answer as a failure.
 */
public final class Feeder {
  private static final Pattern DEMO_EMAIL = Pattern.compile("demo-(\\d+)-(\\d+)@.*");
  private static final String[] PERMISSIONS = {
    "users.view", "roles.view", "roles.edit", "reports.never_defined"
  };

  private Feeder() {}

  /** Whether demo user number {@code n} of a tenant holds {@code permission}. */
  static boolean expected(int n, String permission) {
    return switch (permission) {
      case "users.view", "roles.view" -> true;
      case "roles.edit" -> n % 10 == 0 || n == 1;
      default -> false;
    };
  }

  public static void main(String[] args) throws IOException {
    Map<String, String> options = options(args);
    WardenApi api = new WardenApi(options.getOrDefault("base-url", "http://127.0.0.1:8080"));
    Path out = Path.of(options.getOrDefault("out", "feeder.csv"));
    String mode = options.getOrDefault("mode", "self");
    String password = options.getOrDefault("password", "demo-password-123");
    int tenants = Integer.parseInt(options.getOrDefault("tenants", "10"));
    int usersPerTenant = Integer.parseInt(options.getOrDefault("users-per-tenant", "10000"));
    List<String> rows = new ArrayList<>();
    Random random = new Random(7);
    if (mode.equals("self")) {
      int users = Integer.parseInt(options.getOrDefault("users", "100"));
      for (int i = 0; i < users; i++) {
        int tenant = i % tenants + 1;
        int n = i / tenants % usersPerTenant + 1;
        JsonObject login = api.login("demo-" + tenant + "-" + n + "@demo.warden.local", password);
        String token = login.getString("accessToken");
        String userId = login.getJsonObject("user").getString("id");
        for (String permission : PERMISSIONS) {
          rows.add(row(token, permission, userId, expected(n, permission)));
        }
      }
      Collections.shuffle(rows, random);
    } else if (mode.equals("admin")) {
      List<String[]> members = new ArrayList<>();
      int sampled = Integer.parseInt(options.getOrDefault("admin-tenants", "" + tenants));
      for (int t = 1; t <= sampled; t++) {
        // Demo user 1 of each tenant holds its admin role (authz.check, users.view).
        int tenant = sampled == tenants ? t : (int) ((long) (t - 1) * tenants / sampled) + 1;
        String token =
            api.login("demo-" + tenant + "-1@demo.warden.local", password).getString("accessToken");
        String cursor = null;
        do {
          String page = "/api/members?limit=500" + (cursor == null ? "" : "&cursor=" + cursor);
          JsonObject answer = api.expect(200, "GET", page, token, null).json();
          for (JsonValue item : answer.getJsonArray("items")) {
            JsonObject member = item.asJsonObject();
            Matcher demo = DEMO_EMAIL.matcher(member.getString("email"));
            if (demo.matches()) {
              members.add(new String[] {token, member.getString("userId"), demo.group(2)});
            }
          }
          cursor = answer.isNull("nextCursor") ? null : answer.getString("nextCursor");
        } while (cursor != null);
      }
      if (members.isEmpty()) {
        throw new IllegalStateException("no demo members found: was Warden seeded?");
      }
      Collections.shuffle(members, random);
      int count = Integer.parseInt(options.getOrDefault("rows", "100000"));
      String zipf = options.get("zipf");
      double[] cdf = zipf == null ? null : zipfCdf(members.size(), Double.parseDouble(zipf));
      for (int i = 0; i < count; i++) {
        String[] member =
            members.get(cdf == null ? random.nextInt(members.size()) : draw(cdf, random));
        String permission = PERMISSIONS[random.nextInt(PERMISSIONS.length)];
        rows.add(
            row(
                member[0],
                permission,
                member[1],
                expected(Integer.parseInt(member[2]), permission)));
      }
    } else {
      throw new IllegalArgumentException("--mode must be self or admin");
    }
    try (PrintWriter writer = new PrintWriter(Files.newBufferedWriter(out))) {
      writer.println("token,permission,userId,expected");
      rows.forEach(writer::println);
    }
    System.out.println("feeder: " + rows.size() + " rows in " + out);
  }

  private static String row(String token, String permission, String userId, boolean expected) {
    return token + "," + permission + "," + userId + "," + expected;
  }

  /** The cumulative distribution of ranks 1..n under Zipf's law with exponent s. */
  static double[] zipfCdf(int n, double s) {
    double[] cdf = new double[n];
    double sum = 0;
    for (int k = 1; k <= n; k++) {
      sum += 1 / Math.pow(k, s);
      cdf[k - 1] = sum;
    }
    for (int k = 0; k < n; k++) {
      cdf[k] /= sum;
    }
    return cdf;
  }

  /** A rank (0-based) drawn from {@code cdf}. */
  static int draw(double[] cdf, Random random) {
    double u = random.nextDouble();
    int low = 0;
    int high = cdf.length - 1;
    while (low < high) {
      int mid = (low + high) >>> 1;
      if (cdf[mid] < u) {
        low = mid + 1;
      } else {
        high = mid;
      }
    }
    return low;
  }

  static Map<String, String> options(String[] args) {
    Map<String, String> options = new HashMap<>();
    for (int i = 0; i < args.length; i++) {
      if (!args[i].startsWith("--") || i + 1 >= args.length) {
        throw new IllegalArgumentException("expected --name value pairs, got " + args[i]);
      }
      options.put(args[i].substring(2), args[++i]);
    }
    return options;
  }
}
