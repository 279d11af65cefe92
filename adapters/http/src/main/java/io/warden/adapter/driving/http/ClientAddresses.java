package io.warden.adapter.driving.http;

import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * The client address of a request, what the {@code auth} rate limit is keyed by: the socket peer,
 * unless the peer is a trusted proxy ({@code WARDEN_TRUSTED_PROXIES}, a comma-separated CIDR list);
 * then the right-most {@code X-Forwarded-For} entry that is not a trusted proxy (entries further
 * left were written by whoever sent the request and prove nothing). No name is ever resolved.
 */
public final class ClientAddresses {
  private static final HeaderName X_FORWARDED_FOR = HeaderNames.create("X-Forwarded-For");

  /** Trusts no proxy: the socket peer is the client. */
  public static final ClientAddresses PEER_ONLY = new ClientAddresses(List.of());

  private final List<Cidr> trusted;

  private ClientAddresses(List<Cidr> trusted) {
    this.trusted = List.copyOf(trusted);
  }

  /**
   * Parses {@code WARDEN_TRUSTED_PROXIES}: {@code 10.0.0.0/8, 192.168.1.7, ::1/128}; blank trusts
   * none.
   *
   * @throws IllegalArgumentException naming the entry that is not an IP address or CIDR block
   */
  public static ClientAddresses trusting(String cidrList) {
    List<Cidr> cidrs = new ArrayList<>();
    for (String entry : cidrList.split(",")) {
      if (!entry.isBlank()) {
        cidrs.add(Cidr.parse(entry.strip()));
      }
    }
    return new ClientAddresses(cidrs);
  }

  /** Whether any proxy is trusted. */
  public boolean trustsProxies() {
    return !trusted.isEmpty();
  }

  /** The client address of {@code req} (textual IP address). */
  String of(ServerRequest req) {
    String peer = peer(req);
    if (trusted.isEmpty() || !isTrusted(peer)) {
      return peer;
    }
    List<String> hops = new ArrayList<>();
    for (String header : req.headers().all(X_FORWARDED_FOR, List::of)) {
      for (String hop : header.split(",")) {
        hops.add(hop.strip());
      }
    }
    String nearest = peer;
    for (int i = hops.size() - 1; i >= 0; i--) {
      byte[] address = literal(hops.get(i));
      if (address == null) {
        return nearest; // garbage where a proxy should have written an address: stop trusting
      }
      String hop = canonical(address, hops.get(i));
      if (!isTrusted(hop)) {
        return hop;
      }
      nearest = hop;
    }
    return nearest; // every hop trusted: the left-most proxy is as close to a client as known
  }

  boolean isTrusted(String address) {
    byte[] bytes = literal(address);
    if (bytes == null) {
      return false;
    }
    for (Cidr cidr : trusted) {
      if (cidr.contains(bytes)) {
        return true;
      }
    }
    return false;
  }

  private static String peer(ServerRequest req) {
    SocketAddress address = req.remotePeer().address();
    if (address instanceof InetSocketAddress inet && inet.getAddress() != null) {
      return inet.getAddress().getHostAddress();
    }
    return req.remotePeer().host();
  }

  private static String canonical(byte[] address, String text) {
    try {
      return InetAddress.getByAddress(address).getHostAddress();
    } catch (UnknownHostException e) {
      return text;
    }
  }

  /**
   * The bytes of an IPv4 dotted quad or an IPv6 literal, or null: never a name look-up (an IPv6
   * literal contains a colon, which no host name does; IPv4 is parsed by hand).
   */
  static byte @Nullable [] literal(@Nullable String text) {
    if (text == null || text.isEmpty() || text.length() > 64) {
      return null;
    }
    String candidate = text;
    if (candidate.startsWith("[") && candidate.endsWith("]")) {
      candidate = candidate.substring(1, candidate.length() - 1);
    }
    if (candidate.indexOf(':') >= 0) {
      for (int i = 0; i < candidate.length(); i++) {
        char c = Character.toLowerCase(candidate.charAt(i));
        if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c == ':' || c == '.')) {
          return null;
        }
      }
      try {
        return InetAddress.getByName(candidate).getAddress();
      } catch (UnknownHostException e) {
        return null;
      }
    }
    String[] parts = candidate.split("\\.", -1);
    if (parts.length != 4) {
      return null;
    }
    byte[] bytes = new byte[4];
    for (int i = 0; i < 4; i++) {
      String part = parts[i];
      if (part.isEmpty() || part.length() > 3) {
        return null;
      }
      int value = 0;
      for (int j = 0; j < part.length(); j++) {
        char c = part.charAt(j);
        if (c < '0' || c > '9') {
          return null;
        }
        value = value * 10 + (c - '0');
      }
      if (value > 255) {
        return null;
      }
      bytes[i] = (byte) value;
    }
    return bytes;
  }

  private record Cidr(byte[] network, int prefixLength) {
    static Cidr parse(String entry) {
      int slash = entry.indexOf('/');
      String address = slash < 0 ? entry : entry.substring(0, slash);
      byte[] bytes = literal(address);
      if (bytes == null) {
        throw invalid(entry);
      }
      int prefix = bytes.length * 8;
      if (slash >= 0) {
        try {
          prefix = Integer.parseInt(entry.substring(slash + 1));
        } catch (NumberFormatException e) {
          throw invalid(entry);
        }
        if (prefix < 0 || prefix > bytes.length * 8) {
          throw invalid(entry);
        }
      }
      return new Cidr(bytes, prefix);
    }

    boolean contains(byte[] address) {
      if (address.length != network.length) {
        return false;
      }
      int full = prefixLength / 8;
      for (int i = 0; i < full; i++) {
        if (address[i] != network[i]) {
          return false;
        }
      }
      int rest = prefixLength % 8;
      if (rest == 0) {
        return true;
      }
      int mask = 0xff << (8 - rest) & 0xff;
      return (address[full] & mask) == (network[full] & mask);
    }

    private static IllegalArgumentException invalid(String entry) {
      return new IllegalArgumentException(
          "WARDEN_TRUSTED_PROXIES: '"
              + entry.toLowerCase(Locale.ROOT)
              + "' is not an IP address or CIDR block (e.g. 10.0.0.0/8)");
    }
  }
}
