package dev.aiguardian.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.aiguardian.config.ConfigException;
import dev.aiguardian.config.Env;

/** How {@link KafkaSettings} turns the environment into client settings, refuses bad ones and hides secrets. */
class KafkaSettingsTest {

    @TempDir
    Path dir;

    @Test
    void variablesBecomeLowerCaseDottedProperties() {
        Env env = Env.of(Map.of(
                "KAFKA_BOOTSTRAP_SERVERS", "broker-1:9093,broker-2:9093",
                "KAFKA_CLIENT_SECURITY_PROTOCOL", "SSL",
                "KAFKA_CLIENT_SSL_TRUSTSTORE_LOCATION", "/etc/kafka/truststore.p12",
                "KAFKA_CLIENT_SASL_JAAS_CONFIG", "jaas-line",
                "UNRELATED_VARIABLE", "ignored"));

        KafkaSettings s = KafkaSettings.fromEnv(env);

        assertThat(env.problems()).isEmpty();
        assertThat(s.bootstrapServers()).isEqualTo("broker-1:9093,broker-2:9093");
        assertThat(s.passThrough()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "security.protocol", "SSL",
                "ssl.truststore.location", "/etc/kafka/truststore.p12",
                "sasl.jaas.config", "jaas-line"));
    }

    @Test
    void nothingSetMeansLocalPlainText() {
        Env env = Env.of(Map.of());
        KafkaSettings s = KafkaSettings.fromEnv(env);
        assertThat(env.problems()).isEmpty();
        assertThat(s.bootstrapServers()).isEqualTo(KafkaSettings.DEFAULT_BOOTSTRAP);
        assertThat(s.passThrough()).isEmpty();
    }

    @Test
    void fileIsReadAndVariablesWinOverIt() throws IOException {
        Path file = write("client.properties", """
                # an operator's command-config file
                security.protocol = SASL_SSL
                sasl.mechanism=SCRAM-SHA-512
                ssl.truststore.type=JKS
                """);
        Env env = Env.of(Map.of(
                "KAFKA_CLIENT_CONFIG", file.toString(),
                "KAFKA_CLIENT_SECURITY_PROTOCOL", "SSL",
                "KAFKA_CLIENT_SSL_TRUSTSTORE_TYPE", "PKCS12"));

        KafkaSettings s = KafkaSettings.fromEnv(env);

        assertThat(env.problems()).isEmpty();
        assertThat(s.passThrough()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "security.protocol", "SSL",
                "ssl.truststore.type", "PKCS12",
                "sasl.mechanism", "SCRAM-SHA-512"));
    }

    @Test
    void unknownPropertyIsOneProblemNamingTheVariableButNotItsValue() {
        // A typo in a password's name is the likely case: its value must not reach the start-up error.
        Env env = Env.of(Map.of(
                "KAFKA_CLIENT_SSL_TRUSTSTORE_PASWORD", "hunter2",
                "KAFKA_CLIENT_SECURITY_PROTOCOL", "SSL"));

        KafkaSettings s = KafkaSettings.fromEnv(env);

        assertThat(env.problems()).singleElement().asString()
                .startsWith("KAFKA_CLIENT_SSL_TRUSTSTORE_PASWORD")
                .contains("'ssl.truststore.pasword'")
                .doesNotContain("hunter2");
        assertThat(s.passThrough()).containsOnlyKeys("security.protocol");
        assertThatThrownBy(env::validate).isInstanceOf(ConfigException.class)
                .hasMessageContaining("KAFKA_CLIENT_SSL_TRUSTSTORE_PASWORD");
    }

    @ParameterizedTest
    @ValueSource(strings = {"KAFKA_CLIENT_GROUP_ID", "KAFKA_CLIENT_ENABLE_AUTO_COMMIT",
            "KAFKA_CLIENT_ISOLATION_LEVEL", "KAFKA_CLIENT_VALUE_SERIALIZER", "KAFKA_CLIENT_TRANSACTIONAL_ID"})
    void reservedPropertyIsRefused(String variable) {
        Env env = Env.of(Map.of(variable, "operator-value", "KAFKA_BOOTSTRAP_SERVERS", "broker:9092"));

        KafkaSettings s = KafkaSettings.fromEnv(env);

        assertThat(env.problems()).singleElement().asString()
                .startsWith(variable)
                .contains("sets itself");
        assertThat(s.passThrough()).isEmpty();
        assertThat(s.consumer("c", Map.of()).values()).doesNotContain("operator-value");
        assertThat(s.producer("p", Map.of()).values()).doesNotContain("operator-value");
    }

    @Test
    void bootstrapServersAsAPropertyPointsAtItsOwnVariable() {
        Env env = Env.of(Map.of("KAFKA_CLIENT_BOOTSTRAP_SERVERS", "elsewhere:9092"));

        KafkaSettings s = KafkaSettings.fromEnv(env);

        assertThat(env.problems()).singleElement().asString()
                .startsWith("KAFKA_CLIENT_BOOTSTRAP_SERVERS")
                .contains("KAFKA_BOOTSTRAP_SERVERS");
        assertThat(s.admin("a", Map.of())).containsEntry("bootstrap.servers", KafkaSettings.DEFAULT_BOOTSTRAP);
    }

    @Test
    void badNamesInTheFileAreReportedAgainstTheFile() throws IOException {
        // The operator never set KAFKA_CLIENT_GROUP_ID: the error must send them to the file.
        Path file = write("bad.properties", "group.id=mine\nsecurity.protcol=SSL\nclient.rack=eu-1a\n");
        Env env = Env.of(Map.of("KAFKA_CLIENT_CONFIG", file.toString()));

        KafkaSettings s = KafkaSettings.fromEnv(env);

        assertThat(env.problems()).hasSize(2).allSatisfy(p -> assertThat(p)
                .startsWith("KAFKA_CLIENT_CONFIG").contains(file.toString()));
        assertThat(String.join("\n", env.problems())).contains("group.id").contains("'security.protcol'");
        assertThat(s.passThrough()).containsExactlyEntriesOf(Map.of("client.rack", "eu-1a"));
    }

    @Test
    void unreadableConfigFileIsAProblemAndVariablesStillApply() {
        Path missing = dir.resolve("no-such.properties");
        Env env = Env.of(Map.of(
                "KAFKA_CLIENT_CONFIG", missing.toString(),
                "KAFKA_CLIENT_SECURITY_PROTOCOL", "SSL"));

        KafkaSettings s = KafkaSettings.fromEnv(env);

        assertThat(env.problems()).singleElement().asString()
                .startsWith("KAFKA_CLIENT_CONFIG")
                .contains(missing.toString())
                .contains("cannot be read");
        assertThat(s.passThrough()).containsExactlyEntriesOf(Map.of("security.protocol", "SSL"));
    }

    @Test
    void eachClientGetsOnlyTheSettingsItKnowsAndTheOperatorWinsOverTuning() {
        Env env = Env.of(Map.of(
                "KAFKA_BOOTSTRAP_SERVERS", "broker:9093",
                "KAFKA_CLIENT_SECURITY_PROTOCOL", "SSL",
                "KAFKA_CLIENT_LINGER_MS", "20",
                "KAFKA_CLIENT_COMPRESSION_TYPE", "zstd",
                "KAFKA_CLIENT_FETCH_MIN_BYTES", "1024"));
        KafkaSettings s = KafkaSettings.fromEnv(env);
        assertThat(env.problems()).isEmpty();

        Properties producer = s.producer("p-1", Map.of("linger.ms", 1, "acks", "all"));
        assertThat(producer)
                .containsEntry("linger.ms", "20")
                .containsEntry("acks", "all")
                .containsEntry("compression.type", "zstd")
                .containsEntry("security.protocol", "SSL")
                .containsEntry("bootstrap.servers", "broker:9093")
                .containsEntry("client.id", "p-1")
                .containsKeys("key.serializer", "value.serializer")
                .doesNotContainKey("fetch.min.bytes");

        Properties consumer = s.consumer("c-1", Map.of("fetch.min.bytes", 1, "max.poll.records", 50));
        assertThat(consumer)
                .containsEntry("fetch.min.bytes", "1024")
                .containsEntry("max.poll.records", 50)
                .containsEntry("security.protocol", "SSL")
                .containsEntry("enable.auto.commit", "false")
                .containsEntry("client.id", "c-1")
                .containsKeys("key.deserializer", "value.deserializer")
                .doesNotContainKeys("linger.ms", "compression.type");

        Properties admin = s.admin("a-1", Map.of());
        assertThat(admin).containsEntry("security.protocol", "SSL")
                .doesNotContainKeys("linger.ms", "compression.type", "fetch.min.bytes");
    }

    @Test
    void projectOwnedKeysBeatTuning() {
        KafkaSettings s = KafkaSettings.of("broker:9092");
        Properties consumer = s.consumer("c", Map.of("enable.auto.commit", "true", "bootstrap.servers", "other:1"));
        assertThat(consumer).containsEntry("enable.auto.commit", "false").containsEntry("bootstrap.servers", "broker:9092");
    }

    @Test
    void streamsGetsEveryPassThroughSettingAndAtKeepsThem() {
        KafkaSettings s = KafkaSettings.fromEnv(Env.of(Map.of(
                "KAFKA_CLIENT_SECURITY_PROTOCOL", "SSL",
                "KAFKA_CLIENT_LINGER_MS", "20",
                "KAFKA_CLIENT_FETCH_MIN_BYTES", "1024"))).at("other:9093");

        Properties streams = s.streams("app-1", dir, Map.of("linger.ms", "5"));

        assertThat(streams)
                .containsEntry("application.id", "app-1")
                .containsEntry("bootstrap.servers", "other:9093")
                .containsEntry("state.dir", dir.toString())
                .containsEntry("security.protocol", "SSL")
                .containsEntry("linger.ms", "20")
                .containsEntry("fetch.min.bytes", "1024");
    }

    @Test
    void toStringMasksSecretsButShowsTheRest() {
        Map<String, String> vars = new HashMap<>();
        vars.put("KAFKA_CLIENT_SECURITY_PROTOCOL", "SASL_SSL");
        vars.put("KAFKA_CLIENT_SSL_TRUSTSTORE_LOCATION", "/etc/kafka/trust.p12");
        vars.put("KAFKA_CLIENT_SSL_TRUSTSTORE_PASSWORD", "trust-secret-1");
        vars.put("KAFKA_CLIENT_SSL_KEYSTORE_PASSWORD", "keystore-secret-2");
        vars.put("KAFKA_CLIENT_SSL_KEY_PASSWORD", "key-secret-3");
        vars.put("KAFKA_CLIENT_SASL_JAAS_CONFIG",
                "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"u\" password=\"jaas-secret-4\";");
        KafkaSettings s = KafkaSettings.fromEnv(Env.of(vars));

        String shown = s.toString();

        assertThat(shown)
                .contains("security.protocol=SASL_SSL")
                .contains("ssl.truststore.location=/etc/kafka/trust.p12")
                .contains("ssl.truststore.password=***")
                .contains("ssl.keystore.password=***")
                .contains("ssl.key.password=***")
                .contains("sasl.jaas.config=***")
                .doesNotContain("secret-");
    }

    @Test
    void toStringMasksEveryPasswordTypedClientSetting() {
        // Kafka marks its secrets with the PASSWORD type; the name pattern alone missed some
        // (sasl.oauthbearer.assertion.private.key.passphrase).
        Set<String> passwords = new TreeSet<>();
        Stream.of(ProducerConfig.configDef(), ConsumerConfig.configDef(), AdminClientConfig.configDef())
                .flatMap(def -> def.configKeys().values().stream())
                .filter(key -> key.type == ConfigDef.Type.PASSWORD)
                .forEach(key -> passwords.add(key.name));
        assertThat(passwords).contains("ssl.key.password", "sasl.jaas.config");
        Map<String, String> vars = new HashMap<>();
        passwords.forEach(name -> vars.put("KAFKA_CLIENT_" + name.toUpperCase(Locale.ROOT).replace('.', '_'),
                "value-of-" + name));
        Env env = Env.of(vars);

        KafkaSettings s = KafkaSettings.fromEnv(env);

        assertThat(env.problems()).isEmpty();
        assertThat(s.passThrough()).containsOnlyKeys(passwords);
        assertThat(s.toString()).doesNotContain("value-of-");
    }

    private Path write(String name, String content) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, content, StandardCharsets.UTF_8);
        return file;
    }
}
