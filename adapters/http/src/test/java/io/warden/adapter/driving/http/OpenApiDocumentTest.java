package io.warden.adapter.driving.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.helidon.webserver.http.HttpRouting;
import io.warden.adapter.driving.http.RouteCatalog.Route;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The OpenAPI document and the routing describe the same API: every registered route is documented,
 * nothing undocumented is served, and the document's own references resolve. The document is read
 * line by line (its layout is ours: two-space indents), no YAML library needed.
 */
class OpenApiDocumentTest {
  private static final Pattern PATH = Pattern.compile("^  (/\\S*):\\s*$");
  private static final Pattern METHOD =
      Pattern.compile("^    (get|put|post|delete|patch|head|options|trace):\\s*$");
  private static final Pattern REF = Pattern.compile("\\$ref: '#/components/(\\w+)/(\\w+)'");
  private static final Pattern COMPONENT_KIND = Pattern.compile("^  (\\w+):\\s*$");
  private static final Pattern COMPONENT = Pattern.compile("^    (\\w+):\\s*$");

  private static List<String> lines;
  private static Map<String, List<String>> operations;

  @BeforeAll
  static void read() {
    lines =
        new String(OperationsEndpoints.openApiDocument(), StandardCharsets.UTF_8).lines().toList();
    operations = operations(lines);
  }

  @Test
  void every_route_is_documented_and_every_documented_operation_is_served() {
    RouteCatalog catalog = new RouteCatalog();
    HttpRouting.Builder routing = HttpRouting.builder();
    WardenHttp.routing(routing, new TestWorld().useCases(), catalog);
    routing.build();
    Set<String> registered = new LinkedHashSet<>();
    for (Route route : catalog.routes()) {
      registered.add(route.method().toLowerCase(Locale.ROOT) + " " + route.path());
    }

    assertThat(registered).hasSizeGreaterThan(30).contains("get /ping", "post /api/auth/login");
    assertThat(operations.keySet()).containsExactlyInAnyOrderElementsOf(registered);
  }

  @Test
  void the_document_is_openapi_3_1() {
    assertThat(lines.get(0)).isEqualTo("openapi: 3.1.0");
    assertThat(lines).contains("paths:", "components:");
  }

  @Test
  void every_reference_resolves() {
    Map<String, Set<String>> defined = components(lines);
    List<String> unresolved = new ArrayList<>();
    int references = 0;
    for (String line : lines) {
      Matcher ref = REF.matcher(line);
      while (ref.find()) {
        references++;
        if (!defined.getOrDefault(ref.group(1), Set.of()).contains(ref.group(2))) {
          unresolved.add(ref.group(1) + "/" + ref.group(2));
        }
      }
    }
    assertThat(references).isGreaterThan(100);
    assertThat(unresolved).isEmpty();
  }

  @Test
  void operations_document_the_errors_they_can_give() {
    operations.forEach(
        (operation, block) -> {
          String text = String.join("\n", block);
          boolean isPublic = text.contains("security: []");
          if (!isPublic) {
            assertThat(text).as("%s answers 401", operation).contains("'401'");
          }
          if (text.contains("requestBody:")) {
            assertThat(text)
                .as("%s takes a JSON body", operation)
                .contains("'400'", "'413'", "'415'");
          }
          if (operation.contains("{")) {
            assertThat(text).as("%s validates its path ids", operation).contains("'400'");
          }
          assertThat(text).as("%s has an operationId", operation).contains("operationId:");
        });
  }

  /** {@code "<method> <path>"} to the lines of that operation. */
  private static Map<String, List<String>> operations(List<String> lines) {
    Map<String, List<String>> operations = new LinkedHashMap<>();
    boolean inPaths = false;
    String path = null;
    List<String> current = null;
    for (String line : lines) {
      if (!line.isEmpty() && !line.startsWith(" ")) {
        inPaths = line.equals("paths:");
        current = null;
        continue;
      }
      if (!inPaths) {
        continue;
      }
      Matcher pathLine = PATH.matcher(line);
      Matcher methodLine = METHOD.matcher(line);
      if (pathLine.matches()) {
        path = pathLine.group(1);
        current = null;
      } else if (methodLine.matches() && path != null) {
        current = new ArrayList<>();
        operations.put(methodLine.group(1) + " " + path, current);
      } else if (line.startsWith("    ") && !line.startsWith("     ") && current != null) {
        current = null; // a path-level key such as parameters:
      } else if (current != null) {
        current.add(line);
      }
    }
    return operations;
  }

  /** Kind ({@code schemas}, {@code responses}, ...) to the names defined under components. */
  private static Map<String, Set<String>> components(List<String> lines) {
    Map<String, Set<String>> defined = new LinkedHashMap<>();
    boolean inComponents = false;
    String kind = null;
    for (String line : lines) {
      if (!line.isEmpty() && !line.startsWith(" ")) {
        inComponents = line.equals("components:");
        continue;
      }
      if (!inComponents) {
        continue;
      }
      Matcher kindLine = COMPONENT_KIND.matcher(line);
      Matcher nameLine = COMPONENT.matcher(line);
      if (kindLine.matches()) {
        kind = kindLine.group(1);
      } else if (nameLine.matches() && kind != null) {
        defined.computeIfAbsent(kind, k -> new LinkedHashSet<>()).add(nameLine.group(1));
      }
    }
    return defined;
  }
}
