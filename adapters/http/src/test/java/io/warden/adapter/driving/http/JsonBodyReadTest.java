package io.warden.adapter.driving.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.OptionalLong;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link JsonBody#readAtMost} reads what {@code InputStream.readNBytes(limit)} reads, whatever the
 * declared length says and however the stream splits the bytes.
 */
class JsonBodyReadTest {
  private static final Random RANDOM = new Random(20261122L);

  @Test
  void reads_the_same_bytes_as_readNBytes() throws IOException {
    int limit = 4097;
    for (int size : new int[] {0, 1, 2, 31, 511, 512, 513, 1024, 4096, 4097, 4098, 20_000}) {
      byte[] body = new byte[size];
      RANDOM.nextBytes(body);
      byte[] expected = new ByteArrayInputStream(body).readNBytes(limit);
      for (OptionalLong declared :
          new OptionalLong[] {
            OptionalLong.empty(),
            OptionalLong.of(size),
            OptionalLong.of(0),
            OptionalLong.of(Math.max(0, size - 7)),
            OptionalLong.of(size + 100)
          }) {
        assertThat(JsonBody.readAtMost(new ByteArrayInputStream(body), limit, declared))
            .as("size %d, declared %s", size, declared)
            .isEqualTo(expected);
        assertThat(JsonBody.readAtMost(new Trickle(body), limit, declared))
            .as("size %d a few bytes at a time, declared %s", size, declared)
            .isEqualTo(expected);
      }
    }
  }

  @Test
  void never_reads_past_the_limit() throws IOException {
    byte[] body = new byte[10_000];
    ByteArrayInputStream in = new ByteArrayInputStream(body);
    assertThat(JsonBody.readAtMost(in, 1001, OptionalLong.empty())).hasSize(1001);
    assertThat(in.available()).isEqualTo(10_000 - 1001);
  }

  /** A stream that answers each read with 1 to 3 bytes, as a network stream may. */
  private static final class Trickle extends InputStream {
    private final byte[] bytes;
    private int next;

    Trickle(byte[] bytes) {
      this.bytes = bytes;
    }

    @Override
    public int read() {
      return next < bytes.length ? bytes[next++] & 0xff : -1;
    }

    @Override
    public int read(byte[] into, int offset, int length) {
      if (length == 0) {
        return 0;
      }
      if (next == bytes.length) {
        return -1;
      }
      int count = Math.min(Math.min(length, 1 + RANDOM.nextInt(3)), bytes.length - next);
      System.arraycopy(bytes, next, into, offset, count);
      next += count;
      return count;
    }
  }
}
