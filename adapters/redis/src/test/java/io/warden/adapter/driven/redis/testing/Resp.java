package io.warden.adapter.driven.redis.testing;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A minimal blocking RESP2 client for test administration (PING, INFO, CLIENT PAUSE, CLUSTER ...),
 * independent of Lettuce so that probing a server never goes through the code under test.
 */
public final class Resp {
  private Resp() {}

  /** Sends one command and returns its reply; an error reply comes back as an {@link Error}. */
  public static Object command(String host, int port, int timeoutMillis, String... args)
      throws IOException {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(host, port), timeoutMillis);
      socket.setSoTimeout(timeoutMillis);
      OutputStream out = socket.getOutputStream();
      out.write(encode(args));
      out.flush();
      return read(new BufferedInputStream(socket.getInputStream()));
    }
  }

  /** A RESP error reply ({@code -ERR ...}). */
  record Error(String message) {}

  private static byte[] encode(String... args) {
    StringBuilder text = new StringBuilder();
    text.append('*').append(args.length).append("\r\n");
    for (String arg : args) {
      byte[] bytes = arg.getBytes(StandardCharsets.UTF_8);
      text.append('$').append(bytes.length).append("\r\n").append(arg).append("\r\n");
    }
    return text.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static Object read(InputStream in) throws IOException {
    int type = in.read();
    String line = line(in);
    switch (type) {
      case '+':
        return line;
      case '-':
        return new Error(line);
      case ':':
        return Long.parseLong(line);
      case '$':
        {
          int length = Integer.parseInt(line);
          if (length < 0) {
            return null;
          }
          byte[] bytes = in.readNBytes(length + 2);
          return new String(bytes, 0, length, StandardCharsets.UTF_8);
        }
      case '*':
        {
          int count = Integer.parseInt(line);
          if (count < 0) {
            return null;
          }
          List<Object> items = new ArrayList<>(count);
          for (int i = 0; i < count; i++) {
            items.add(read(in));
          }
          return items;
        }
      default:
        throw new IOException("not a RESP reply: " + (char) type + line);
    }
  }

  private static String line(InputStream in) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    int previous = -1;
    while (true) {
      int next = in.read();
      if (next < 0) {
        throw new IOException("connection closed mid-reply");
      }
      if (previous == '\r' && next == '\n') {
        byte[] raw = bytes.toByteArray();
        return new String(raw, 0, raw.length - 1, StandardCharsets.UTF_8);
      }
      bytes.write(next);
      previous = next;
    }
  }
}
