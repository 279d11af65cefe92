package io.warden.domain.model.tenant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.warden.domain.model.InvalidValueException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TenantTest {

  @ParameterizedTest
  @ValueSource(strings = {"acme", "a", "acme-corp", "x1", "a-b-c"})
  void accepts_url_safe_slugs(String slug) {
    Tenant tenant = Tenant.create(slug, "Acme");
    assertThat(tenant.slug()).isEqualTo(slug);
    assertThat(tenant.active()).isTrue();
    assertThat(tenant.withActive(false).active()).isFalse();
    assertThat(tenant.rename("Acme 2").name()).isEqualTo("Acme 2");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "Acme", "-acme", "acme-", "ac me", "acme_corp", "ä"})
  void rejects_other_slugs(String slug) {
    assertThatThrownBy(() -> Tenant.create(slug, "Acme"))
        .isInstanceOf(InvalidValueException.class)
        .extracting(e -> ((InvalidValueException) e).field())
        .isEqualTo("slug");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "   "})
  void rejects_blank_names(String name) {
    assertThatThrownBy(() -> Tenant.create("acme", name)).isInstanceOf(InvalidValueException.class);
  }

  @ParameterizedTest
  @ValueSource(strings = {"not-a-uuid", "", "123e4567-e89b-12d3-a456-42661417400"})
  void ids_parse_canonical_uuids_only(String text) {
    assertThatThrownBy(() -> TenantId.parse(text, "tenantId"))
        .isInstanceOf(InvalidValueException.class)
        .extracting(e -> ((InvalidValueException) e).field())
        .isEqualTo("tenantId");
  }
}
