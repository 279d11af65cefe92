package io.warden.adapter.driven.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The fingerprint changes with any change set's text and refuses changelogs it cannot read. */
class ChangelogFingerprintTest {
  private static final String MASTER = "db/master.xml";

  @TempDir Path root;

  private Optional<String> fingerprint() {
    try (URLClassLoader loader = new URLClassLoader(new URL[] {url()}, null)) {
      return ChangelogFingerprint.of(loader, MASTER);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private URL url() {
    try {
      return root.toUri().toURL();
    } catch (MalformedURLException e) {
      throw new IllegalStateException(e);
    }
  }

  private void write(String name, String text) throws IOException {
    Path file = root.resolve(name);
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
  }

  private void master(String body) throws IOException {
    write(
        MASTER,
        "<?xml version=\"1.0\"?>\n<!-- a comment with <include file=\"x\"/> -->\n"
            + "<databaseChangeLog xmlns=\"http://www.liquibase.org/xml/ns/dbchangelog\">\n"
            + body
            + "</databaseChangeLog>\n");
  }

  @Test
  void the_production_changelog_has_a_fingerprint() {
    assertThat(ChangelogFingerprint.of(getClass().getClassLoader(), Migrations.CHANGELOG))
        .hasValueSatisfying(value -> assertThat(value).hasSize(64));
  }

  @Test
  void any_change_to_an_included_file_or_to_the_list_changes_the_fingerprint() throws IOException {
    write("db/001.sql", "--changeset a:1\nCREATE TABLE t (id int);\n");
    write("db/002.sql", "--changeset a:2\nCREATE TABLE u (id int);\n");
    master("<include file=\"db/001.sql\"/>\n<include file=\"db/002.sql\"/>\n");
    String original = fingerprint().orElseThrow();
    assertThat(fingerprint()).hasValue(original);

    write("db/002.sql", "--changeset a:2\nCREATE TABLE u (id bigint);\n");
    String edited = fingerprint().orElseThrow();
    assertThat(edited).isNotEqualTo(original);

    write("db/003.sql", "--changeset a:3\nCREATE TABLE v (id int);\n");
    master(
        "<include file=\"db/001.sql\"/>\n<include file=\"db/002.sql\"/>\n"
            + "<include file=\"db/003.sql\"/>\n");
    assertThat(fingerprint().orElseThrow()).isNotEqualTo(edited);
  }

  @Test
  void bytes_moved_from_one_file_to_the_next_change_the_fingerprint() throws IOException {
    write("db/001.sql", "ab");
    write("db/002.sql", "c");
    master("<include file=\"db/001.sql\"/>\n<include file=\"db/002.sql\"/>\n");
    String before = fingerprint().orElseThrow();
    write("db/001.sql", "a");
    write("db/002.sql", "bc");
    assertThat(fingerprint().orElseThrow()).isNotEqualTo(before);
  }

  @Test
  void a_changelog_it_cannot_fully_read_has_no_fingerprint() throws IOException {
    write("db/001.sql", "--changeset a:1\nSELECT 1;\n");
    master("<include file=\"db/001.sql\"/>\n<include file=\"db/missing.sql\"/>\n");
    assertThat(fingerprint()).isEmpty();

    master("<include file=\"db/001.sql\"/>\n<includeAll path=\"db/more/\"/>\n");
    assertThat(fingerprint()).isEmpty();

    master(
        "<include file=\"db/001.sql\"/>\n<changeSet id=\"x\" author=\"a\"><sql>SELECT 1</sql>"
            + "</changeSet>\n");
    assertThat(fingerprint()).isEmpty();

    master("<include file=\"001.sql\" relativeToChangelogFile=\"true\"/>\n");
    assertThat(fingerprint()).isEmpty();
  }
}
