package io.warden.benchmarks.probe;

import io.warden.benchmarks.http.WardenApi;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * One kept-alive HTTP/1.1 connection to one instance that asks one permission check again and again
 * (and carries the probe's changes), on the calling thread: a blocking socket, one write and one
 * read per check, no selector thread or executor in between (as {@code java.net.http.HttpClient}
 * has), so the probe's own resolution is as close as it gets to one round trip. Only what the
 * check's answer needs is parsed: the status, {@code Content-Length} or chunked framing, and {@code
 * "allowed"}.
 */
final class CheckConnection implements AutoCloseable {
  private final URI base;
  private final byte[] request;
  private Socket socket;
  private OutputStream out;
  private InputStream in;

  CheckConnection(URI base, String token, String body) {
    WardenApi.requireLoopback(base);
    this.base = base;
    this.request = request(base, "POST", "/api/authz/check", token, body);
  }

  /** A status and a body. */
  record Answer(int status, String body) {}

  /**
   * The check's {@code allowed}; reconnects once if the server closed the kept-alive connection.
   */
  boolean allowed() throws IOException {
    Answer answer = send(request);
    if (answer.status() != 200) {
      throw new IllegalStateException(base + " check answered " + answer);
    }
    String body = answer.body().replace(" ", "");
    if (body.contains("\"allowed\":true")) {
      return true;
    }
    if (body.contains("\"allowed\":false")) {
      return false;
    }
    throw new IllegalStateException(base + " answered a check with " + body);
  }

  /**
   * Any other request over the same connection ({@code json} may be null): the probe makes its
   * changes this way too, so that the instant it takes as "the commit's answer arrived" is when the
   * answer reached the socket, with no client-side hand-off in between.
   */
  Answer call(String method, String path, String token, String json) throws IOException {
    return send(request(base, method, path, token, json));
  }

  private Answer send(byte[] bytes) throws IOException {
    try {
      return exchange(bytes);
    } catch (IOException e) {
      close();
      return exchange(bytes);
    }
  }

  private static byte[] request(URI base, String method, String path, String token, String json) {
    byte[] body = json == null ? new byte[0] : json.getBytes(StandardCharsets.UTF_8);
    StringBuilder head =
        new StringBuilder()
            .append(method)
            .append(' ')
            .append(path)
            .append(" HTTP/1.1\r\nHost: ")
            .append(base.getHost())
            .append(':')
            .append(base.getPort())
            .append("\r\n");
    if (token != null) {
      head.append("Authorization: Bearer ").append(token).append("\r\n");
    }
    if (json != null) {
      head.append("Content-Type: application/json\r\n");
    }
    head.append("Content-Length: ").append(body.length).append("\r\n\r\n");
    byte[] headBytes = head.toString().getBytes(StandardCharsets.US_ASCII);
    byte[] all = new byte[headBytes.length + body.length];
    System.arraycopy(headBytes, 0, all, 0, headBytes.length);
    System.arraycopy(body, 0, all, headBytes.length, body.length);
    return all;
  }

  private Answer exchange(byte[] bytes) throws IOException {
    if (socket == null) {
      socket = new Socket();
      socket.setTcpNoDelay(true);
      socket.connect(new InetSocketAddress(base.getHost(), base.getPort()), 5_000);
      socket.setSoTimeout(30_000);
      out = socket.getOutputStream();
      in = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
    }
    out.write(bytes);
    out.flush();
    String statusLine = line();
    String[] parts = statusLine.split(" ", 3);
    if (parts.length < 2 || !parts[0].startsWith("HTTP/1.")) {
      throw new IOException(base + " answered " + statusLine);
    }
    int status = Integer.parseInt(parts[1]);
    int length = -1;
    boolean chunked = false;
    boolean close = false;
    for (String header = line(); !header.isEmpty(); header = line()) {
      String lower = header.toLowerCase(Locale.ROOT);
      if (lower.startsWith("content-length:")) {
        length = Integer.parseInt(lower.substring("content-length:".length()).trim());
      } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
        chunked = true;
      } else if (lower.startsWith("connection:") && lower.contains("close")) {
        close = true;
      }
    }
    String body;
    if (chunked) {
      ByteArrayOutputStream all = new ByteArrayOutputStream();
      for (int size = chunkSize(); size > 0; size = chunkSize()) {
        all.write(in.readNBytes(size));
        line();
      }
      while (!line().isEmpty()) {
        // trailers, none expected
      }
      body = all.toString(StandardCharsets.UTF_8);
    } else {
      body = length > 0 ? new String(in.readNBytes(length), StandardCharsets.UTF_8) : "";
    }
    if (close) {
      close();
    }
    return new Answer(status, body);
  }

  private int chunkSize() throws IOException {
    return Integer.parseInt(line().split(";")[0].trim(), 16);
  }

  private String line() throws IOException {
    StringBuilder line = new StringBuilder();
    for (int c = in.read(); c != '\n'; c = in.read()) {
      if (c < 0) {
        throw new IOException("connection closed");
      }
      if (c != '\r') {
        line.append((char) c);
      }
    }
    return line.toString();
  }

  @Override
  public void close() {
    if (socket != null) {
      try {
        socket.close();
      } catch (IOException e) {
        // closing anyway
      }
      socket = null;
    }
  }
}
