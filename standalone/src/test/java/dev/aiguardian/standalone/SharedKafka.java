package dev.aiguardian.standalone;

import java.util.Locale;
import java.util.Map;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.extension.ExtensionContext;

import dev.aiguardian.embedded.EmbeddedKafka;
import dev.aiguardian.kafka.TopicBootstrap;

/**
 * One real KRaft broker for the whole test JVM (starting one costs ~2 s), with the topics created; closed by the
 * JUnit root store after the last test class.
 *
 * <p>{@code AIGUARDIAN_TEST_KAFKA} picks it: unset or {@code embedded} (default), a broker inside the test JVM;
 * {@code container}, the project's image in its broker role under Testcontainers ({@link ContainerKafka}).
 */
final class SharedKafka implements ExtensionContext.Store.CloseableResource {
    static final String MODE_ENV = "AIGUARDIAN_TEST_KAFKA";
    private static final int REQUEST_PARTITIONS = 3;
    private static final int RESULT_PARTITIONS = 12;

    private final AutoCloseable broker;
    private final String bootstrapServers;

    private SharedKafka(Mode mode) throws Exception {
        long t0 = System.nanoTime();
        String description;
        if (mode == Mode.CONTAINER) {
            ContainerKafka container = ContainerKafka.start(REQUEST_PARTITIONS, RESULT_PARTITIONS);
            broker = container;
            bootstrapServers = container.bootstrapServers();
            description = container.describe();
        } else {
            EmbeddedKafka kafka = EmbeddedKafka.startEphemeral();
            broker = kafka;
            bootstrapServers = kafka.bootstrapServers();
            description = "in-JVM KRaft (embedded-kafka) at " + bootstrapServers;
        }
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            // The container's broker role has created them already; this only fills in what is missing.
            TopicBootstrap.ensure(admin, TopicBootstrap.plan(REQUEST_PARTITIONS, RESULT_PARTITIONS, (short) 1));
        } catch (Exception e) {
            broker.close();
            throw e;
        }
        String line = String.format(Locale.ROOT, "[test-kafka] test broker: %s (%s=%s), ready in %.1f s", description,
                MODE_ENV, mode.name().toLowerCase(Locale.ROOT), (System.nanoTime() - t0) / 1e9);
        System.err.println(line);
    }

    enum Mode {
        EMBEDDED, CONTAINER;

        static Mode fromEnv() {
            String v = System.getenv(MODE_ENV);
            if (v == null || v.isBlank() || v.trim().equalsIgnoreCase("embedded")) {
                return EMBEDDED;
            }
            if (v.trim().equalsIgnoreCase("container")) {
                return CONTAINER;
            }
            throw new IllegalArgumentException(MODE_ENV + "=" + v + ": expected embedded (default) or container");
        }
    }

    /** Before a test class: skips or fails it (see {@link ContainerKafka}) when the chosen broker cannot exist here. */
    static void checkAvailable() {
        if (Mode.fromEnv() == Mode.CONTAINER) {
            ContainerKafka.requireDockerAndImage();
        }
    }

    static String bootstrapServers(ExtensionContext context) {
        return context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                .getOrComputeIfAbsent(SharedKafka.class, k -> {
                    Mode mode = Mode.fromEnv();
                    try {
                        return new SharedKafka(mode);
                    } catch (Exception e) {
                        throw new IllegalStateException(mode.name().toLowerCase(Locale.ROOT)
                                + " Kafka did not start", e);
                    }
                }, SharedKafka.class).bootstrapServers;
    }

    @Override
    public void close() throws Exception {
        broker.close();
    }
}
