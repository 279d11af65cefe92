package io.warden.adapter.driving.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The hand-written {@code b64token} check of {@link BearerAuthentication} accepts exactly what the
 * RFC 6750 grammar, written as a regular expression, accepts.
 */
class BearerTokenGrammarTest {
  private static final Pattern B64TOKEN = Pattern.compile("[A-Za-z0-9\\-._~+/]+=*");

  @Test
  void accepts_tokens_and_their_padding() {
    assertThat(BearerAuthentication.isB64Token("a")).isTrue();
    assertThat(BearerAuthentication.isB64Token("eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln"))
        .isTrue();
    assertThat(BearerAuthentication.isB64Token("Az09-._~+/")).isTrue();
    assertThat(BearerAuthentication.isB64Token("abc==")).isTrue();
  }

  @Test
  void refuses_what_is_not_a_token() {
    for (String text :
        List.of(
            "",
            "=",
            "==",
            "abc=d",
            "a b",
            "<script>",
            "a\tb",
            "abc=\u0000",
            "é",
            "a\u00e9",
            "ab\u212a",
            "a,b",
            "a;b",
            "a\"b",
            "a=b=",
            "\uff41")) {
      assertThat(BearerAuthentication.isB64Token(text)).as("%s", text).isFalse();
    }
  }

  @Test
  void agrees_with_the_grammar_on_random_strings() {
    // Mostly token characters with some padding and some outsiders, so both answers occur often.
    String alphabet = "Az09-._~+/=== \t,;\"<>\u00e9\u0130\u212a\uff41\u0000\u007f\u0080";
    Random random = new Random(20261122L);
    List<String> texts = new ArrayList<>();
    for (int n = 0; n < 20_000; n++) {
      int length = random.nextInt(12);
      StringBuilder text = new StringBuilder(length);
      for (int i = 0; i < length; i++) {
        text.append(
            random.nextInt(4) == 0
                ? alphabet.charAt(random.nextInt(alphabet.length()))
                : alphabet.charAt(random.nextInt(10)));
      }
      texts.add(text.toString());
    }
    int accepted = 0;
    for (String text : texts) {
      boolean expected = B64TOKEN.matcher(text).matches();
      assertThat(BearerAuthentication.isB64Token(text)).as("%s", text).isEqualTo(expected);
      accepted += expected ? 1 : 0;
    }
    assertThat(accepted).isBetween(1, texts.size() - 1);
  }
}
