package dev.aiguardian.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import dev.aiguardian.config.Env;
import dev.aiguardian.config.StartupException;
import dev.aiguardian.gateway.Gateway;
import dev.aiguardian.gateway.GatewayConfig;
import dev.aiguardian.gateway.GatewayMain;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

/**
 * TLS termination in the gateway ({@code TLS_CERT_FILE}, {@code TLS_KEY_FILE}) with a certificate made
 * at test time by the JDK's keytool: an HTTPS round trip with HSTS, plaintext refused on the TLS port,
 * and files that cannot serve stopping start-up with one line.
 */
@ExtendWith(KafkaExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EdgeTlsTest {
    private static final String STORE_PASSWORD = "changeit-test";

    @TempDir
    static Path dir;

    private Path certPem;
    private Path keyPem;
    private SSLContext trusting;
    private Gateway gateway;
    private String bootstrap;

    @BeforeAll
    void start(String bootstrapServers) throws Exception {
        bootstrap = bootstrapServers;
        Path store = dir.resolve("server.p12");
        keytool("-genkeypair", "-alias", "gateway", "-dname", "CN=localhost", "-keyalg", "EC", "-groupname",
                "secp256r1", "-validity", "2", "-ext", "SAN=IP:127.0.0.1,DNS:localhost", "-keystore", store.toString(),
                "-storetype", "PKCS12", "-storepass", STORE_PASSWORD);
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            ks.load(in, STORE_PASSWORD.toCharArray());
        }
        // PEM is what operators have (certbot, cert-manager); keytool writes the key only into a store.
        certPem = Files.writeString(dir.resolve("cert.pem"), pem("CERTIFICATE", ks.getCertificate("gateway").getEncoded()));
        keyPem = Files.writeString(dir.resolve("key.pem"),
                pem("PRIVATE KEY", ks.getKey("gateway", STORE_PASSWORD.toCharArray()).getEncoded()));
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("gateway", ks.getCertificate("gateway"));
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        trusting = SSLContext.getInstance("TLS");
        trusting.init(null, tmf.getTrustManagers(), null);
        gateway = Pipeline.gateway(bootstrap, Map.of("TLS_CERT_FILE", certPem.toString(), "TLS_KEY_FILE",
                keyPem.toString()));
    }

    @AfterAll
    void stop() throws Exception {
        if (gateway != null) {
            gateway.close();
        }
    }

    @Test
    void httpsRoundTripWithHsts() throws Exception {
        HttpClient client = HttpClient.newBuilder().sslContext(trusting).version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        for (String path : List.of("/health/live", "/api/v1/guards/services", "/nothing-here")) {
            HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + gateway.port()
                    + path)).timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).as(path).isEqualTo(path.equals("/nothing-here") ? 404 : 200);
            assertThat(r.headers().firstValue("Strict-Transport-Security")).as(path).contains("max-age=31536000");
            assertThat(r.headers().firstValue("X-Content-Type-Options")).as(path).contains("nosniff");
        }
        try (EdgeSocket s = EdgeSocket.openTls(trusting, gateway.port(), 30_000)) {
            EdgeSocket.Response r = s.send("GET /health/live HTTP/1.1\r\nHost: localhost\r\n\r\n").read();
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.body()).contains("alive");
        }
    }

    @Test
    void plaintextOnTheTlsPortGetsNoHttpAnswer() throws Exception {
        try (Socket s = new Socket()) {
            s.setSoTimeout(30_000);
            s.connect(new InetSocketAddress("127.0.0.1", gateway.port()), 5000);
            s.getOutputStream().write("GET /health/live HTTP/1.1\r\nHost: localhost\r\n\r\n"
                    .getBytes(StandardCharsets.ISO_8859_1));
            s.getOutputStream().flush();
            byte[] answer;
            try {
                answer = s.getInputStream().readNBytes(4096); // until the server closes
            } catch (java.net.SocketException reset) {
                answer = new byte[0];
            }
            assertThat(new String(answer, StandardCharsets.ISO_8859_1)).doesNotContain("HTTP/1.").doesNotContain("alive");
        }
    }

    @Test
    void aKeyThatDoesNotFitStopsStartUpNamingTheFiles() throws Exception {
        Path otherStore = dir.resolve("other.p12");
        keytool("-genkeypair", "-alias", "other", "-dname", "CN=other", "-keyalg", "RSA", "-keysize", "2048",
                "-validity", "2", "-keystore", otherStore.toString(), "-storetype", "PKCS12", "-storepass",
                STORE_PASSWORD);
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(otherStore)) {
            ks.load(in, STORE_PASSWORD.toCharArray());
        }
        Path wrongKey = Files.writeString(dir.resolve("wrong-key.pem"),
                pem("PRIVATE KEY", ks.getKey("other", STORE_PASSWORD.toCharArray()).getEncoded()));
        Env env = Env.of(Map.of("TLS_CERT_FILE", certPem.toString(), "TLS_KEY_FILE", wrongKey.toString()));
        GatewayConfig config = GatewayConfig.fromEnv(env);
        env.validate(); // the files themselves are fine: only the server can tell that they do not belong together
        Gateway failing = new Gateway(config.withKafka(config.kafka().at(bootstrap)).withPort(0),
                new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
        try {
            assertThatThrownBy(failing::start).satisfies(e -> assertThat(startupCause(e)).as("a StartupException in %s", e).isNotNull()
                        .satisfies(s -> assertThat(s.getMessage()).contains("TLS_CERT_FILE", "TLS_KEY_FILE",
                                "cannot serve HTTPS")));
        } finally {
            failing.close();
        }
    }

    @Test
    void aMissingCertificateIsOneLineAndExitStatus2() throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx128m", "-cp", System.getProperty("java.class.path"), GatewayMain.class.getName()));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(dir.resolve("gateway.out").toFile());
        pb.environment().keySet().removeIf(k -> k.startsWith("TLS_") || k.startsWith("KAFKA_") || k.equals("PORT"));
        pb.environment().putAll(Map.of("TLS_CERT_FILE", dir.resolve("missing.pem").toString(), "TLS_KEY_FILE",
                keyPem.toString(), "PORT", "0"));
        Process p = pb.start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("the process stopped by itself").isTrue();
        List<String> ours = Files.readAllLines(dir.resolve("gateway.out")).stream()
                .filter(l -> l.startsWith("aiguardian")).toList();
        assertThat(p.exitValue()).as(String.join("\n", Files.readAllLines(dir.resolve("gateway.out")))).isEqualTo(2);
        assertThat(ours).singleElement().asString().contains("TLS_CERT_FILE=", "missing.pem", "not a readable file");
    }

    private static StartupException startupCause(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof StartupException s) {
                return s;
            }
        }
        return null;
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    private static void keytool(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(args));
        Path log = dir.resolve("keytool.log");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        process.getOutputStream().close(); // no input: an unexpected question ends keytool instead of hanging
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("keytool " + args[0] + " did not finish within 60 s");
        }
        if (process.exitValue() != 0) {
            throw new IllegalStateException("keytool " + args[0] + " failed: " + Files.readString(log));
        }
    }
}
