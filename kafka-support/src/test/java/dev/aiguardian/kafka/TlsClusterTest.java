package dev.aiguardian.kafka;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SslAuthenticationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import dev.aiguardian.config.Env;
import dev.aiguardian.embedded.EmbeddedKafka;

/** A real broker with an SSL listener: clients built only by {@link KafkaSettings} from the environment reach it. */
@Timeout(value = 180, unit = SECONDS)
class TlsClusterTest {
    // Throw-away stores: a fresh password per run so nothing here is a reusable secret.
    private static final String STORE_PASSWORD = "test-" + UUID.randomUUID();
    // Short enough that the refused clients fail fast, long enough for a busy 2-core machine.
    private static final Map<String, Object> SHORT_TIMEOUTS = Map.of(
            "default.api.timeout.ms", 3000, "request.timeout.ms", 2000);

    @TempDir
    static Path dir;

    private static EmbeddedKafka broker;
    private static int sslPort;
    private static Path truststore;

    @BeforeAll
    static void startBrokerWithSslListener() throws Exception {
        Path keystore = dir.resolve("broker.p12");
        truststore = dir.resolve("client-truststore.p12");
        createCertificates(keystore, truststore);
        sslPort = freePort();

        String secure = "listener.name.secure.";
        Map<String, String> props = new LinkedHashMap<>();
        // The kit keeps its own PLAINTEXT listeners for the controller and itself (random ports);
        // the third one is the SSL door clients use, on a port we know.
        props.put("listeners", "EXTERNAL://localhost:0,CONTROLLER://localhost:0,SECURE://127.0.0.1:" + sslPort);
        props.put("listener.security.protocol.map", "EXTERNAL:PLAINTEXT,CONTROLLER:PLAINTEXT,SECURE:SSL");
        props.put(secure + "ssl.keystore.location", keystore.toString());
        props.put(secure + "ssl.keystore.password", STORE_PASSWORD);
        props.put(secure + "ssl.keystore.type", "PKCS12");
        // PKCS12 has one password for the store and its keys.
        props.put(secure + "ssl.key.password", STORE_PASSWORD);
        props.put(secure + "ssl.client.auth", "none");
        broker = EmbeddedKafka.start(dir.resolve("kafka"), props, "127.0.0.1:" + sslPort);
    }

    @AfterAll
    static void stopBroker() throws Exception {
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void clientsFromTheEnvironmentCreateProduceAndConsumeOverTls() throws Exception {
        Env env = Env.of(Map.of(
                "KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:" + sslPort,
                "KAFKA_CLIENT_SECURITY_PROTOCOL", "SSL",
                "KAFKA_CLIENT_SSL_TRUSTSTORE_LOCATION", truststore.toString(),
                "KAFKA_CLIENT_SSL_TRUSTSTORE_PASSWORD", STORE_PASSWORD,
                "KAFKA_CLIENT_SSL_TRUSTSTORE_TYPE", "PKCS12"));
        KafkaSettings settings = KafkaSettings.fromEnv(env);
        env.validate();
        assertThat(settings.toString()).doesNotContain(STORE_PASSWORD);
        String topic = "tls-roundtrip";

        try (Admin admin = Admin.create(settings.admin("tls-test-admin", Map.of()))) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get(30, SECONDS);
            // The broker answers with the address of the listener asked: proof the SSL door was used.
            assertThat(admin.describeCluster().nodes().get(30, SECONDS))
                    .extracting(Node::host, Node::port)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("127.0.0.1", sslPort));
        }

        byte[] value = "hello over tls".getBytes(StandardCharsets.UTF_8);
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(settings.producer("tls-test", Map.of()))) {
            producer.send(new ProducerRecord<>(topic, "k-1", value)).get(30, SECONDS);
        }

        TopicPartition partition = new TopicPartition(topic, 0);
        List<ConsumerRecord<String, byte[]>> received = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer =
                     new KafkaConsumer<>(settings.consumer("tls-test-consumer", Map.of()))) {
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (received.isEmpty() && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(500)).forEach(received::add);
            }
        }
        assertThat(received).singleElement().satisfies(r -> {
            assertThat(r.key()).isEqualTo("k-1");
            assertThat(r.value()).isEqualTo(value);
        });
    }

    @Test
    void plainTextClientCannotUseTheSslPort() throws Exception {
        KafkaSettings plain = KafkaSettings.of("127.0.0.1:" + sslPort);

        try (Admin admin = Admin.create(plain.admin("plain-test-admin", SHORT_TIMEOUTS))) {
            assertThatThrownBy(() -> admin.listTopics().names().get(30, SECONDS))
                    .isInstanceOf(ExecutionException.class)
                    .cause().isInstanceOf(TimeoutException.class);
        }
    }

    @Test
    void sslClientWithoutTheTruststoreRefusesTheBroker() throws Exception {
        // Without the pass-through truststore only the JDK's public CAs are trusted: the handshake must fail,
        // which shows the successful test above really verified the broker's certificate.
        Env env = Env.of(Map.of(
                "KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:" + sslPort,
                "KAFKA_CLIENT_SECURITY_PROTOCOL", "SSL"));
        KafkaSettings untrusting = KafkaSettings.fromEnv(env);
        env.validate();

        try (Admin admin = Admin.create(untrusting.admin("untrusting-test-admin", SHORT_TIMEOUTS))) {
            assertThatThrownBy(() -> admin.listTopics().names().get(30, SECONDS))
                    .isInstanceOf(ExecutionException.class)
                    .cause().isInstanceOf(SslAuthenticationException.class);
        }
    }

    /** A CA, a broker key pair signed by it for 127.0.0.1 and localhost, and a truststore holding only the CA. */
    private static void createCertificates(Path keystore, Path truststore) throws IOException, InterruptedException {
        Path caStore = dir.resolve("ca.p12");
        Path caCert = dir.resolve("ca.crt");
        Path request = dir.resolve("broker.csr");
        Path brokerCert = dir.resolve("broker.crt");
        // EC keys: generated much faster than RSA on a slow machine, and TLS 1.3 takes them.
        keytool("-genkeypair", "-alias", "ca", "-dname", "CN=AIGuardian test CA", "-keyalg", "EC",
                "-groupname", "secp256r1", "-ext", "bc:c", "-validity", "2",
                "-keystore", caStore.toString(), "-storetype", "PKCS12", "-storepass", STORE_PASSWORD);
        keytool("-exportcert", "-alias", "ca", "-rfc", "-file", caCert.toString(),
                "-keystore", caStore.toString(), "-storepass", STORE_PASSWORD);
        keytool("-genkeypair", "-alias", "broker", "-dname", "CN=localhost", "-keyalg", "EC",
                "-groupname", "secp256r1", "-validity", "2",
                "-keystore", keystore.toString(), "-storetype", "PKCS12", "-storepass", STORE_PASSWORD);
        keytool("-certreq", "-alias", "broker", "-file", request.toString(),
                "-keystore", keystore.toString(), "-storepass", STORE_PASSWORD);
        // Clients verify the host name by default: the SAN must name the address they dial.
        keytool("-gencert", "-alias", "ca", "-infile", request.toString(), "-outfile", brokerCert.toString(),
                "-rfc", "-validity", "2", "-ext", "SAN=IP:127.0.0.1,DNS:localhost",
                "-keystore", caStore.toString(), "-storepass", STORE_PASSWORD);
        // keytool accepts the signed reply only once it can chain it to a certificate it already holds.
        keytool("-importcert", "-alias", "ca", "-file", caCert.toString(), "-noprompt",
                "-keystore", keystore.toString(), "-storepass", STORE_PASSWORD);
        keytool("-importcert", "-alias", "broker", "-file", brokerCert.toString(), "-noprompt",
                "-keystore", keystore.toString(), "-storepass", STORE_PASSWORD);
        keytool("-importcert", "-alias", "ca", "-file", caCert.toString(), "-noprompt",
                "-keystore", truststore.toString(), "-storetype", "PKCS12", "-storepass", STORE_PASSWORD);
    }

    private static void keytool(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(args));
        // Output to a file: a pipe nobody reads could block keytool, and the file explains a failure.
        Path log = dir.resolve("keytool.log");
        Files.deleteIfExists(log);
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        // No input: a question keytool did not expect ends it instead of hanging the build.
        process.getOutputStream().close();
        if (!process.waitFor(60, SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("keytool " + args[0] + " did not finish within 60 s");
        }
        if (process.exitValue() != 0) {
            throw new IllegalStateException("keytool " + args[0] + " failed (" + process.exitValue() + "): "
                    + Files.readString(log, StandardCharsets.UTF_8));
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return socket.getLocalPort();
        }
    }
}
