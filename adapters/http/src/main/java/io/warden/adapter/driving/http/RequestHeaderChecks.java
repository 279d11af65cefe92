package io.warden.adapter.driving.http;

import io.helidon.common.uri.UriValidator;
import io.helidon.http.DirectHandler.EventType;
import io.helidon.http.Header;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.http.Headers;
import io.helidon.http.RequestException;
import io.helidon.http.Status;
import io.helidon.webserver.ConnectionContext;
import io.helidon.webserver.http1.Http1ConnectionListener;
import java.util.List;

/**
 * The checks Helidon makes of every request's headers when {@code validate-request-headers} is on
 * (the default), made the same way and with the same outcome — a 400 before routing, the connection
 * closed — without the copies they cost there. Helidon joins every header's values into a new
 * string and copies that string into a {@code char[]} to look at each character (for the bearer
 * token of a permission check, about 1.8 KB a request), and matches the host against an expression;
 * here each value is looked at in place. The checks, as Helidon 4.3's {@code Header.validate} and
 * {@code Http1Connection} make them:
 *
 * <ul>
 *   <li>a header name is a token: no character above 254, no control or whitespace character, none
 *       of {@code ( ) < > @ , ; : \ " / [ ] ? = { }};
 *   <li>each header line's value starts with a visible character and holds no control character but
 *       horizontal tab, and no DEL;
 *   <li>there is exactly one {@code Host} header, not empty, naming an IP literal, an IPv4 address
 *       or a registered name, with a numeric port if any ({@link UriValidator} decides, as there);
 *   <li>a request with a body declares no {@code Content-Encoding} when the server decodes none.
 * </ul>
 *
 * Installed as the HTTP/1 receive listener, which Helidon calls with the request's headers right
 * after reading them and before routing, with Helidon's own checks turned off ({@link
 * WardenHttp#configure}).
 */
final class RequestHeaderChecks implements Http1ConnectionListener {

  @Override
  public void headers(ConnectionContext ctx, Headers headers) {
    for (Header header : headers) {
      name(header.name());
      values(header.name(), header.allValues());
    }
    host(headers);
    if (!ctx.listenerContext().contentEncodingContext().contentDecodingEnabled()
        && headers.contains(HeaderNames.CONTENT_ENCODING)
        && hasEntity(ctx, headers)) {
      throw badRequest("Content-Encoding header present when content encoding is disabled");
    }
  }

  /** As Helidon's {@code HttpToken.validate}. */
  static void name(String name) {
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      boolean bad =
          c > 254
              || Character.isISOControl(c)
              || Character.isWhitespace(c)
              || switch (c) {
                case '(',
                    ')',
                    '<',
                    '>',
                    '@',
                    ',',
                    ';',
                    ':',
                    '\\',
                    '"',
                    '/',
                    '[',
                    ']',
                    '?',
                    '=',
                    '{',
                    '}' ->
                    true;
                default -> false;
              };
      if (bad) {
        throw badRequest("Header name contains an illegal character at position " + i);
      }
    }
  }

  /**
   * As Helidon's {@code Header.validateValue}, which it applies to each header line as it reads it
   * (a repeated header's lines are its values here, each as its line had it).
   */
  static void values(String name, List<String> values) {
    for (int v = 0; v < values.size(); v++) {
      String value = values.get(v);
      for (int i = 0; i < value.length(); i++) {
        char c = value.charAt(i);
        boolean bad = i == 0 ? (c < '!' || c == '\u007f') : (c < ' ' && c != '\t' || c == '\u007f');
        if (bad) {
          throw badRequest("Invalid character in the value of header '" + name + "'");
        }
      }
    }
  }

  /** As Helidon's {@code Http1Connection.doValidateHostHeader}. */
  private static void host(Headers headers) {
    List<String> hosts = headers.all(HeaderNames.HOST, List::of);
    if (hosts.size() != 1) {
      throw badRequest(
          hosts.isEmpty()
              ? "Host header must be present in the request"
              : "Only a single Host header is allowed in request");
    }
    String host = hosts.getFirst();
    if (host.isEmpty()) {
      throw badRequest("Host header must not be empty");
    }
    try {
      int startLiteral = host.indexOf('[');
      int endLiteral = host.lastIndexOf(']');
      if (startLiteral == 0 && (endLiteral == host.length() - 1 || endLiteral == -1)) {
        UriValidator.validateIpLiteral(host);
        return;
      }
      int colon = host.lastIndexOf(':');
      if (colon == -1) {
        nonIpLiteral(host, host.length());
        return;
      }
      if (!digits(host, colon + 1)) {
        throw badRequest("Invalid port of the host header");
      }
      if (startLiteral == 0 && endLiteral == colon - 1) {
        UriValidator.validateIpLiteral(host.substring(0, colon));
        return;
      }
      nonIpLiteral(host, colon);
    } catch (IllegalArgumentException e) {
      throw badRequest("Invalid Host header: " + e.getMessage());
    }
  }

  /** What {@code Integer.parseInt} takes: an optional sign, one to ten digits, within an int. */
  private static boolean digits(String text, int from) {
    try {
      Integer.parseInt(text, from, text.length(), 10);
      return true;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  /**
   * A registered name or IPv4 address: Helidon's {@link UriValidator#validateNonIpLiteral}, which
   * matches an expression first; a name of unreserved and sub-delimiting characters only (what
   * every client sends) passes it whatever the expression says, and is let through here directly.
   */
  private static void nonIpLiteral(String host, int end) {
    boolean plain = end > 0;
    for (int i = 0; plain && i < end; i++) {
      char c = host.charAt(i);
      plain =
          (c >= 'a' && c <= 'z')
              || (c >= 'A' && c <= 'Z')
              || (c >= '0' && c <= '9')
              || "-._~!$&'()*+,;=".indexOf(c) >= 0;
    }
    if (!plain) {
      UriValidator.validateNonIpLiteral(host.substring(0, end));
    }
  }

  /**
   * Whether Helidon gets as far as the encoding check for these headers: chunked, or a length it
   * reads, within the server's limit (it answers 413 or 400 itself otherwise), other than zero.
   */
  private static boolean hasEntity(ConnectionContext ctx, Headers headers) {
    if (headers.contains(HeaderValues.TRANSFER_ENCODING_CHUNKED)) {
      return true;
    }
    if (!headers.contains(HeaderNames.CONTENT_LENGTH)) {
      return false;
    }
    long length;
    try {
      length = Long.parseLong(headers.get(HeaderNames.CONTENT_LENGTH).get());
    } catch (NumberFormatException e) {
      return false;
    }
    long max = ctx.listenerContext().config().maxPayloadSize();
    return length != 0 && (max == -1 || length <= max);
  }

  private static RequestException badRequest(String message) {
    return RequestException.builder()
        .type(EventType.BAD_REQUEST)
        .status(Status.BAD_REQUEST_400)
        .setKeepAlive(false)
        .message(message)
        .build();
  }
}
