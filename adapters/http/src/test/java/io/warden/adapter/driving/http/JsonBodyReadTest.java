package io.warden.adapter.driving.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.warden.domain.model.InvalidValueException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.OptionalLong;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link JsonBody#readAtMost} reads what {@code InputStream.readNBytes(limit)} reads, whatever the
 * declared length says and however the stream splits the bytes; {@link JsonBody#decodeUtf8} decodes
 * well-formed UTF-8 as the JDK does and refuses the rest.
 */
class JsonBodyReadTest {
  private static final Random RANDOM = new Random(20261122L);

  @Test
  void decodes_ascii_and_utf8_as_the_jdk_does_and_refuses_what_is_not_utf8() {
    for (String text :
        new String[] {"", "{\"permission\":\"users.view\"}", "\u0000\u007f", "é", "中文 😀"}) {
      assertThat(JsonBody.decodeUtf8(text.getBytes(StandardCharsets.UTF_8))).isEqualTo(text);
    }
    for (int round = 0; round < 2_000; round++) {
      byte[] bytes = new byte[RANDOM.nextInt(24)];
      RANDOM.nextBytes(bytes);
      // The oracle goes another way than the decoder under test: a lenient decoding replaces what
      // is malformed, so the bytes are UTF-8 exactly when it encodes back to them.
      String lenient = new String(bytes, StandardCharsets.UTF_8);
      if (Arrays.equals(lenient.getBytes(StandardCharsets.UTF_8), bytes)) {
        assertThat(JsonBody.decodeUtf8(bytes)).isEqualTo(lenient);
      } else {
        assertThatThrownBy(() -> JsonBody.decodeUtf8(bytes))
            .isInstanceOf(InvalidValueException.class);
      }
    }
    byte[] overlong = {'{', (byte) 0xC0, (byte) 0xAF, '}'};
    assertThatThrownBy(() -> JsonBody.decodeUtf8(overlong))
        .isInstanceOf(InvalidValueException.class);
    byte[] surrogate = {'"', (byte) 0xED, (byte) 0xA0, (byte) 0x80, '"'};
    assertThatThrownBy(() -> JsonBody.decodeUtf8(surrogate))
        .isInstanceOf(InvalidValueException.class);
  }

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
