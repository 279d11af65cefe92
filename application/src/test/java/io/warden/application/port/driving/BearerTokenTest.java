package io.warden.application.port.driving;

import static org.assertj.core.api.Assertions.assertThat;

import io.warden.application.port.driving.RequestAuthenticationUseCase.BearerToken;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Bearer tokens from {@code Authorization} header values: the hand-written {@code b64token} check
 * accepts exactly what the RFC 6750 grammar, written as a regular expression, accepts, and every
 * header that holds no usable token says why.
 */
class BearerTokenTest {
  private static final Pattern B64TOKEN = Pattern.compile("[A-Za-z0-9\\-._~+/]+=*");

  @Test
  void accepts_tokens_and_their_padding() {
    assertThat(B64Token.matches("a")).isTrue();
    assertThat(B64Token.matches("eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln")).isTrue();
    assertThat(B64Token.matches("Az09-._~+/")).isTrue();
    assertThat(B64Token.matches("abc==")).isTrue();
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
      assertThat(B64Token.matches(text)).as("%s", text).isFalse();
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
      assertThat(B64Token.matches(text)).as("%s", text).isEqualTo(expected);
      accepted += expected ? 1 : 0;
    }
    assertThat(accepted).isBetween(1, texts.size() - 1);
  }

  @Test
  void a_presented_token_is_read_in_place_in_its_header_value() {
    String header = "  Bearer \t eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln==  ";
    BearerToken.Presented presented = (BearerToken.Presented) BearerToken.of(List.of(header));

    assertThat(presented.text()).isSameAs(header);
    assertThat(presented.token()).isEqualTo("eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln==");
    assertThat(presented.length()).isEqualTo(presented.token().length());
    BearerToken.Presented alone = new BearerToken.Presented(presented.token());
    assertThat(presented).isEqualTo(alone).hasSameHashCodeAs(alone);
    assertThat(alone.token()).isSameAs(alone.text());
    assertThat(presented).isNotEqualTo(new BearerToken.Presented("eyJhbGciOiJFUzI1NiJ9"));
    // A scheme without a token, once the spaces after it are gone, is no Bearer header.
    assertThat(BearerToken.of(List.of("Bearer   ")))
        .isEqualTo(new BearerToken.Unusable("the Authorization header must use the Bearer scheme"));
  }

  @Test
  void a_single_bearer_header_presents_its_token_whatever_the_case_of_the_scheme() {
    assertThat(BearerToken.of(List.of("Bearer abc.def")))
        .isEqualTo(new BearerToken.Presented("abc.def"));
    assertThat(BearerToken.of(List.of("  bearer   abc=  ")))
        .isEqualTo(new BearerToken.Presented("abc="));
  }

  @Test
  void headers_without_a_usable_token_say_why() {
    assertThat(BearerToken.of(List.of()))
        .isEqualTo(new BearerToken.Unusable("an Authorization: Bearer token is required"));
    assertThat(BearerToken.of(List.of("Bearer a", "Bearer b")))
        .isEqualTo(new BearerToken.Unusable("exactly one Authorization header is allowed"));
    assertThat(BearerToken.of(List.of("Basic dXNlcjpwYXNz")))
        .isEqualTo(new BearerToken.Unusable("the Authorization header must use the Bearer scheme"));
    for (String malformed :
        List.of(
            "Bearer ===", "Bearer a b", "Bearer " + "a".repeat(BearerToken.MAX_TOKEN_LENGTH + 1))) {
      assertThat(BearerToken.of(List.of(malformed)))
          .as("%s", malformed)
          .isEqualTo(new BearerToken.Unusable("the bearer token is malformed"));
    }
  }
}
