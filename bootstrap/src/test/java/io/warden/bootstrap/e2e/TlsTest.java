package io.warden.bootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.warden.bootstrap.Warden;
import io.warden.bootstrap.WardenConfig;
import io.warden.bootstrap.testing.WardenInstance;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Optional TLS end to end: a self-signed certificate made by the JDK's {@code keytool} for this
 * test, written as the PEM files {@code WARDEN_TLS_CERT} and {@code WARDEN_TLS_KEY} name; Warden
 * then speaks HTTPS only, and every answer asks browsers to keep to HTTPS.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TlsTest {
  private static final String STORE_PASSWORD = "test-store-password";

  @TempDir static Path dir;
  private Path certificate;
  private Path privateKey;
  private SSLContext trustingTheCertificate;

  @BeforeAll
  void makeACertificate() throws Exception {
    Path store = dir.resolve("server.p12");
    keytool(
        "-genkeypair",
        "-alias",
        "warden",
        "-keyalg",
        "RSA",
        "-keysize",
        "2048",
        "-dname",
        "CN=localhost",
        "-ext",
        "SAN=dns:localhost,ip:127.0.0.1",
        "-validity",
        "2",
        "-storetype",
        "PKCS12",
        "-keystore",
        store.toString(),
        "-storepass",
        STORE_PASSWORD,
        "-keypass",
        STORE_PASSWORD);
    certificate = dir.resolve("cert.pem");
    keytool(
        "-exportcert",
        "-rfc",
        "-alias",
        "warden",
        "-keystore",
        store.toString(),
        "-storepass",
        STORE_PASSWORD,
        "-file",
        certificate.toString());
    KeyStore keys = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(store)) {
      keys.load(in, STORE_PASSWORD.toCharArray());
    }
    PrivateKey key = (PrivateKey) keys.getKey("warden", STORE_PASSWORD.toCharArray());
    privateKey = dir.resolve("key.pem");
    Files.writeString(
        privateKey,
        "-----BEGIN PRIVATE KEY-----\n"
            + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(key.getEncoded())
            + "\n-----END PRIVATE KEY-----\n");

    X509Certificate cert;
    try (InputStream in = new ByteArrayInputStream(Files.readAllBytes(certificate))) {
      cert = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
    }
    KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
    trust.load(null, null);
    trust.setCertificateEntry("warden", cert);
    TrustManagerFactory factory =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    factory.init(trust);
    trustingTheCertificate = SSLContext.getInstance("TLS");
    trustingTheCertificate.init(null, factory.getTrustManagers(), null);
  }

  private static void keytool(String... arguments) throws IOException, InterruptedException {
    Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
    List<String> command = new java.util.ArrayList<>();
    command.add(keytool.toString());
    command.addAll(List.of(arguments));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("keytool finished").isTrue();
    assertThat(process.exitValue()).as("keytool: %s", output).isZero();
  }

  private Map<String, String> tlsEnvironment(WardenInstance.Shared shared) {
    Map<String, String> env = new HashMap<>(shared.environment(WardenApi.GENEROUS_LIMITS));
    env.put("WARDEN_TLS_CERT", certificate.toString());
    env.put("WARDEN_TLS_KEY", privateKey.toString());
    return env;
  }

  @Test
  void with_a_pem_certificate_and_key_warden_speaks_https_and_asks_to_keep_to_it()
      throws Exception {
    WardenInstance.Shared shared = WardenInstance.Shared.fresh();
    try (Warden warden = Warden.start(WardenConfig.load(tlsEnvironment(shared)))) {
      URI base = URI.create("https://localhost:" + warden.port());
      HttpClient https =
          HttpClient.newBuilder()
              .sslContext(trustingTheCertificate)
              .connectTimeout(Duration.ofSeconds(10))
              .build();

      HttpResponse<String> ping = https.send(get(base.resolve("/ping")), body());
      assertThat(ping.statusCode()).isEqualTo(200);
      assertThat(ping.body()).isEqualTo("pong");
      assertThat(ping.headers().firstValue("Strict-Transport-Security"))
          .contains("max-age=31536000");
      assertThat(ping.headers().firstValue("X-Content-Type-Options")).contains("nosniff");

      HttpResponse<String> login =
          https.send(
              HttpRequest.newBuilder(base.resolve("/api/auth/login"))
                  .header("Content-Type", "application/json")
                  .POST(
                      HttpRequest.BodyPublishers.ofString(
                          WardenApi.json(
                              "email",
                              WardenInstance.ADMIN_EMAIL,
                              "password",
                              WardenInstance.ADMIN_PASSWORD)))
                  .build(),
              body());
      assertThat(login.statusCode()).isEqualTo(200);
      assertThat(login.headers().firstValue("Strict-Transport-Security")).isPresent();
      assertThat(login.headers().firstValue("Cache-Control")).contains("no-store");

      // Plain HTTP on the same port gets no answer of Warden's.
      HttpClient plain = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
      boolean answeredInPlain;
      try {
        answeredInPlain =
            plain
                    .send(get(URI.create("http://localhost:" + warden.port() + "/ping")), body())
                    .statusCode()
                == 200;
      } catch (IOException e) {
        answeredInPlain = false;
      }
      assertThat(answeredInPlain).isFalse();
    }
  }

  @Test
  void a_missing_or_unusable_key_file_stops_the_start_with_a_message_naming_it() throws Exception {
    WardenInstance.Shared shared = WardenInstance.Shared.fresh();
    Map<String, String> missing = tlsEnvironment(shared);
    missing.put("WARDEN_TLS_KEY", dir.resolve("no-such-key.pem").toString());
    Path garbage = dir.resolve("garbage.pem");
    Files.writeString(
        garbage, "-----BEGIN PRIVATE KEY-----\nbm90IGEga2V5\n-----END PRIVATE KEY-----\n");
    Map<String, String> unusable = tlsEnvironment(shared);
    unusable.put("WARDEN_TLS_KEY", garbage.toString());

    assertThatThrownBy(() -> Warden.start(WardenConfig.load(missing)).close())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no-such-key.pem");
    assertThatThrownBy(() -> Warden.start(WardenConfig.load(unusable)).close())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("garbage.pem");
  }

  private static HttpRequest get(URI uri) {
    return HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(20)).GET().build();
  }

  private static HttpResponse.BodyHandler<String> body() {
    return HttpResponse.BodyHandlers.ofString();
  }
}
