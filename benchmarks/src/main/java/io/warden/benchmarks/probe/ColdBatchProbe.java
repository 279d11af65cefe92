package io.warden.benchmarks.probe;

import io.warden.benchmarks.http.WardenApi;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Cold permission loads of many users at once: {@code POST /api/authz/permissions/batch} right
 * after the tenant's caches were flushed ({@code DELETE /api/performance/cache/tenant/{id}}, not
 * timed), so every user's set comes from PostgreSQL.
 *
 * <pre>
 * java -cp benchmarks.jar io.warden.benchmarks.probe.ColdBatchProbe URL REPETITIONS SIZE...
 * </pre>
 *
 * <p>Logs in demo user 1 of tenant 1 (the tenant's admin), lists the tenant's members, then per
 * size loads REPETITIONS random sets of that many members. The API takes at most 1,000 users a
 * request, so a larger size is sent as consecutive requests of 1,000 and timed as one load. Size 1
 * is the baseline: one user's cold load. Prints, per size, a line {@code size requests p50 p99 max}
 * (ms).
 */
public final class ColdBatchProbe {
  private static final int API_LIMIT = 1000;

  private ColdBatchProbe() {}

  /** The database's transaction count from {@code -Dprobe.xact}, or -1 without it. */
  private static long transactions() {
    String command = System.getProperty("probe.xact");
    if (command == null || command.isBlank()) {
      return -1;
    }
    try {
      Thread.sleep(1200);
      Process process = new ProcessBuilder("sh", "-c", command).redirectErrorStream(true).start();
      String out = new String(process.getInputStream().readAllBytes()).trim();
      process.waitFor();
      return Long.parseLong(out);
    } catch (IOException | RuntimeException e) {
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }

  public static void main(String[] args) {
    WardenApi api = new WardenApi(args[0]);
    int repetitions = Integer.parseInt(args[1]);
    JsonObject login = api.login("demo-1-1@demo.warden.local", "demo-password-123");
    String token = login.getString("accessToken");
    String tenantId = login.getJsonObject("tenant").getString("id");
    List<String> members = new ArrayList<>();
    String cursor = null;
    do {
      JsonObject page =
          api.expect(
                  200,
                  "GET",
                  "/api/members?limit=500" + (cursor == null ? "" : "&cursor=" + cursor),
                  token,
                  null)
              .json();
      for (JsonValue item : page.getJsonArray("items")) {
        members.add(item.asJsonObject().getString("userId"));
      }
      cursor = page.isNull("nextCursor") ? null : page.getString("nextCursor");
    } while (cursor != null);
    Random random = new Random(11);
    String self = login.getJsonObject("user").getString("id");
    for (int a = 2; a < args.length; a++) {
      int size = Math.min(Integer.parseInt(args[a]), members.size());
      long control = transactions();
      for (int r = 0; r < repetitions; r++) {
        api.expect(204, "DELETE", "/api/performance/cache/tenant/" + tenantId, token, null);
        api.expect(200, "GET", "/api/authz/users/" + self + "/permissions", token, null);
      }
      long measured = transactions();
      control = measured - control;
      double[] millis = new double[repetitions];
      for (int r = 0; r < repetitions; r++) {
        Collections.shuffle(members, random);
        List<String> users = members.subList(0, size);
        api.expect(204, "DELETE", "/api/performance/cache/tenant/" + tenantId, token, null);
        long started = System.nanoTime();
        for (int from = 0; from < size; from += API_LIMIT) {
          List<String> chunk = users.subList(from, Math.min(size, from + API_LIMIT));
          WardenApi.Response answer = api.permissionsBatch(token, chunk);
          if (answer.status() != 200
              || answer.json().getJsonObject("permissions").size() != chunk.size()) {
            throw new IllegalStateException("batch of " + chunk.size() + " answered " + answer);
          }
        }
        millis[r] = (System.nanoTime() - started) / 1e6;
      }
      long after = transactions();
      String perLoad =
          control < 0 || measured < 0 || after < 0
              ? "-"
              : String.format(
                  Locale.ROOT, "%.2f", (after - measured - control) / (double) repetitions);
      Percentiles p = new Percentiles(millis);
      System.out.printf(
          Locale.ROOT,
          "%d %d %s %s%n",
          size,
          (size + API_LIMIT - 1) / API_LIMIT,
          p.summary(),
          perLoad);
    }
  }
}
