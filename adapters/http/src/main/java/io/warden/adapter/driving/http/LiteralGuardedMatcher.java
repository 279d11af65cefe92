package io.warden.adapter.driving.http;

import io.helidon.common.uri.UriPath;
import io.helidon.http.PathMatcher;
import io.helidon.http.PathMatchers;
import java.util.Optional;

/**
 * Helidon's own matcher of a path template with {@code {name}} parameters, asked only when the
 * request's path has the template's literal beginning (up to the first parameter) and end (after
 * the last one). Helidon matches such a template with a regular expression, a new {@code Matcher}
 * with its group arrays for every route it tries; it tries the routes in order, so every request
 * paid for every parameterised route registered before its own ({@code /ping}, registered last, for
 * all of them). A parameter matches one or more characters other than {@code /} and the rest of the
 * template matches itself, so a path without that beginning and end can never match: those are
 * refused here without a look at the expression, and every other path gets Helidon's answer.
 */
final class LiteralGuardedMatcher implements PathMatcher {
  private final PathMatcher helidon;
  private final String prefix;
  private final String suffix;

  private LiteralGuardedMatcher(PathMatcher helidon, String prefix, String suffix) {
    this.helidon = helidon;
    this.prefix = prefix;
    this.suffix = suffix;
  }

  /**
   * The matcher Helidon would use for {@code template}, guarded when the template is made of
   * literal text and plain {@code {name}} parameters; Helidon's own matcher as it is otherwise.
   */
  static PathMatcher of(String template) {
    PathMatcher helidon = PathMatchers.create(template);
    int first = template.indexOf('{');
    if (first < 0 || !plainParameters(template)) {
      return helidon;
    }
    int last = template.lastIndexOf('}');
    return new LiteralGuardedMatcher(
        helidon, template.substring(0, first), template.substring(last + 1));
  }

  /** Only literal text and {@code {name}} parameters: no optional part, glob, regex or escape. */
  private static boolean plainParameters(String template) {
    if (template.endsWith("/*")
        || template.indexOf('[') >= 0
        || template.indexOf('*') >= 0
        || template.indexOf('\\') >= 0
        || template.indexOf('%') >= 0) {
      return false;
    }
    boolean inside = false;
    for (int i = 0; i < template.length(); i++) {
      char c = template.charAt(i);
      if (c == '{') {
        if (inside) {
          return false;
        }
        inside = true;
      } else if (c == '}') {
        if (!inside) {
          return false;
        }
        inside = false;
      } else if (inside && !(Character.isLetterOrDigit(c) || c == '_')) {
        return false; // {+name}, {name:regex}, ...: Helidon's richer forms stay unguarded
      }
    }
    return !inside;
  }

  @Override
  public PathMatchers.MatchResult match(UriPath path) {
    // Helidon matches the decoded path (which is the raw one, not copied, unless it is encoded).
    String decoded = path.path();
    if (decoded.length() <= prefix.length() + suffix.length()
        || !decoded.startsWith(prefix)
        || !decoded.endsWith(suffix)) {
      return PathMatchers.MatchResult.notAccepted();
    }
    return helidon.match(path);
  }

  @Override
  public PathMatchers.PrefixMatchResult prefixMatch(UriPath path) {
    return helidon.prefixMatch(path);
  }

  @Override
  public Optional<String> matchingElement() {
    return helidon.matchingElement();
  }

  @Override
  public String toString() {
    return helidon.toString();
  }
}
