package io.warden.bootstrap.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A TCP proxy between one client process and a server (PostgreSQL, Redis), on a free port of
 * 127.0.0.1, that a test uses to fail the network between them deterministically:
 *
 * <ul>
 *   <li>{@link #cut()}: every open connection is closed and new ones are closed at once, as a
 *       partition would; {@link #restore()} lets connections in again;
 *   <li>{@link #blackHoleAfter(String)}: forwards everything until the client sends a request
 *       containing the marker (that request still reaches the server and its answer comes back);
 *       from then on nothing the client sends reaches the server, while the connections stay open —
 *       the client waits for answers until its own timeout, as with a server that hangs.
 * </ul>
 *
 * Bytes are copied as they come; the proxy understands no protocol, it only searches the client's
 * byte stream for the marker.
 */
public final class FaultProxy implements AutoCloseable {
  private final ServerSocket server;
  private final String targetHost;
  private final int targetPort;
  private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
  private final CountDownLatch blackHoled = new CountDownLatch(1);
  private final AtomicLong swallowed = new AtomicLong();
  private volatile boolean refusing;
  private volatile byte[] marker;
  private volatile boolean swallowing;
  private volatile boolean closed;

  private FaultProxy(ServerSocket server, String targetHost, int targetPort) {
    this.server = server;
    this.targetHost = targetHost;
    this.targetPort = targetPort;
  }

  /** A proxy to {@code host:port}, accepting connections from now on. */
  public static FaultProxy to(String host, int port) {
    try {
      ServerSocket server = new ServerSocket();
      server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
      FaultProxy proxy = new FaultProxy(server, host, port);
      Thread.ofPlatform()
          .daemon()
          .name("fault-proxy-" + server.getLocalPort())
          .start(proxy::accept);
      return proxy;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public int port() {
    return server.getLocalPort();
  }

  /** Closes every connection and refuses (closes at once) every new one until {@link #restore}. */
  public void cut() {
    refusing = true;
    for (Socket socket : sockets) {
      closeQuietly(socket);
    }
  }

  /** Accepts connections again. */
  public void restore() {
    refusing = false;
  }

  /**
   * Arms the black hole: once the client sends {@code marker} (UTF-8, anywhere in its byte stream,
   * on any connection), that chunk is forwarded and nothing the client sends afterwards is.
   */
  public void blackHoleAfter(String marker) {
    this.marker = marker.getBytes(StandardCharsets.UTF_8);
  }

  /** Waits until the marker went through and the black hole is in force. */
  public boolean awaitBlackHole(Duration timeout) throws InterruptedException {
    return blackHoled.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Bytes the client sent into the black hole: requests that never reached the server. */
  public long swallowed() {
    return swallowed.get();
  }

  private void accept() {
    while (!closed) {
      Socket client;
      try {
        client = server.accept();
      } catch (IOException e) {
        return;
      }
      if (refusing) {
        closeQuietly(client);
        continue;
      }
      try {
        Socket upstream = new Socket(targetHost, targetPort);
        sockets.add(client);
        sockets.add(upstream);
        Thread.ofPlatform().daemon().start(() -> fromClient(client, upstream));
        Thread.ofPlatform().daemon().start(() -> copy(upstream, client));
      } catch (IOException e) {
        closeQuietly(client);
      }
    }
  }

  private void fromClient(Socket client, Socket upstream) {
    byte[] buffer = new byte[16 * 1024];
    byte[] tail = new byte[0];
    try (InputStream in = client.getInputStream();
        OutputStream out = upstream.getOutputStream()) {
      int read;
      while ((read = in.read(buffer)) >= 0) {
        if (swallowing) {
          swallowed.addAndGet(read);
          continue;
        }
        out.write(buffer, 0, read);
        out.flush();
        byte[] armed = marker;
        if (armed != null) {
          byte[] window = concat(tail, buffer, read);
          if (indexOf(window, armed) >= 0) {
            swallowing = true;
            blackHoled.countDown();
          }
          int keep = Math.min(window.length, armed.length - 1);
          tail = Arrays.copyOfRange(window, window.length - keep, window.length);
        }
      }
    } catch (IOException e) {
      // the connection ended, one side or the other
    } finally {
      closeBoth(client, upstream);
    }
  }

  private void copy(Socket from, Socket to) {
    byte[] buffer = new byte[16 * 1024];
    try (InputStream in = from.getInputStream();
        OutputStream out = to.getOutputStream()) {
      int read;
      while ((read = in.read(buffer)) >= 0) {
        out.write(buffer, 0, read);
        out.flush();
      }
    } catch (IOException e) {
      // the connection ended, one side or the other
    } finally {
      closeBoth(from, to);
    }
  }

  private void closeBoth(Socket a, Socket b) {
    closeQuietly(a);
    closeQuietly(b);
    sockets.remove(a);
    sockets.remove(b);
  }

  private static byte[] concat(byte[] head, byte[] buffer, int length) {
    byte[] joined = Arrays.copyOf(head, head.length + length);
    System.arraycopy(buffer, 0, joined, head.length, length);
    return joined;
  }

  private static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  private static void closeQuietly(Socket socket) {
    try {
      socket.close();
    } catch (IOException e) {
      // already closed
    }
  }

  /** Stops accepting and closes every connection. */
  @Override
  public void close() {
    closed = true;
    try {
      server.close();
    } catch (IOException e) {
      // already closed
    }
    for (Socket socket : sockets) {
      closeQuietly(socket);
    }
  }
}
