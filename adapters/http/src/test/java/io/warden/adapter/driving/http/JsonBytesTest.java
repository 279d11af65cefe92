package io.warden.adapter.driving.http;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import jakarta.json.JsonWriter;
import jakarta.json.spi.JsonProvider;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The answers' JSON is byte for byte what Parsson's {@code JsonWriter} wrote before. */
class JsonBytesTest {
  private static final JsonProvider PROVIDER = JsonProvider.provider();

  private static byte[] parsson(JsonValue value) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (JsonWriter writer =
        PROVIDER.createWriterFactory(Map.of()).createWriter(out, StandardCharsets.UTF_8)) {
      writer.write(value);
    }
    return out.toByteArray();
  }

  private static void same(JsonValue value) {
    byte[] expected = parsson(value);
    assertThat(expected).isNotEmpty();
    assertThat(JsonBytes.of(value)).as("%s", value).isEqualTo(expected);
  }

  @Test
  void every_kind_of_value_is_written_as_parsson_writes_it() {
    JsonObjectBuilder nested =
        JsonCodec.object()
            .add("int", 42)
            .add("negative", -7L)
            .add("long", Long.MAX_VALUE)
            .add("double", 0.1)
            .add("exponent", 1e-9)
            .add("big", new BigDecimal("12345678901234567890.000123"))
            .add("bigint", new BigInteger("-98765432109876543210"))
            .add("true", true)
            .add("false", false)
            .addNull("null")
            .add("empty", "")
            .add("emptyObject", JsonCodec.object())
            .add("emptyArray", JsonCodec.array());
    JsonArrayBuilder array =
        JsonCodec.array().add(1).add("two").add(JsonValue.NULL).add(nested).add(JsonCodec.array());
    same(
        JsonCodec.object()
            .add("allowed", true)
            .add("permission", "users.view")
            .add("userId", "0af76519-16cd-43dd-8448-eb211c80319c")
            .build());
    same(JsonCodec.object().add("nested", nested).add("array", array).build());
    same(array.build());
    same(JsonCodec.object().build());
    same(JsonCodec.array().build());
    same(JsonCodec.string("a string alone"));
  }

  @Test
  void every_character_is_escaped_or_encoded_as_parsson_does() {
    StringBuilder all = new StringBuilder();
    for (char c = 0; c < 0x900; c++) {
      all.append(c);
    }
    String tricky =
        "quote \" backslash \\ slash / tab \t newline \n cr \r bell \u0007 del \u007f nul \0"
            + " é ü ß € 中文 😀 \ud83d\ude00 lone high \ud83d end lone low \ude00 end"
            + " high at the end \ud83d";
    for (String text : List.of(all.toString(), tricky, "\ud800", "\udfff", "\ud800\ud800x")) {
      same(JsonCodec.object().add(text, text).add("k", JsonCodec.array().add(text)).build());
    }
  }

  @Test
  void random_strings_of_every_plane_match() {
    Random random = new Random(8);
    for (int round = 0; round < 2_000; round++) {
      StringBuilder text = new StringBuilder();
      int length = random.nextInt(40);
      for (int i = 0; i < length; i++) {
        switch (random.nextInt(5)) {
          case 0 -> text.append((char) random.nextInt(0x80));
          case 1 -> text.append((char) (0x80 + random.nextInt(0x780)));
          case 2 -> text.append((char) random.nextInt(0x10000)); // surrogates included
          case 3 -> text.appendCodePoint(0x10000 + random.nextInt(0x100000));
          default -> text.append("\"\\\n\u0001");
        }
      }
      same(JsonCodec.object().add("v", text.toString()).build());
    }
  }

  @Test
  void a_flat_object_written_directly_is_what_json_p_writes() {
    for (String text :
        new String[] {"", "users.view", "a\"b\\c", "tab\there\u0001", "é€😀", "\ud800x"}) {
      byte[] direct =
          JsonBytes.object(
              json ->
                  json.member("allowed", true)
                      .member("permission", text)
                      .member("userId", "u-1")
                      .member("organizationId", null)
                      .member("denied", false));
      JsonValue built =
          JsonCodec.object()
              .add("allowed", true)
              .add("permission", text)
              .add("userId", "u-1")
              .add("denied", false)
              .build();

      assertThat(direct).as(text).isEqualTo(JsonBytes.of(built));
    }
    assertThat(new String(JsonBytes.object(json -> {}), java.nio.charset.StandardCharsets.UTF_8))
        .isEqualTo("{}");
  }
}
