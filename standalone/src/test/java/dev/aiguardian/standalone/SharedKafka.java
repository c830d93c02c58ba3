package dev.aiguardian.standalone;

import java.util.Map;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.extension.ExtensionContext;

import dev.aiguardian.embedded.EmbeddedKafka;
import dev.aiguardian.kafka.TopicBootstrap;

/** One real KRaft broker for the whole test JVM (starting one costs ~2 s), with the topics created. */
final class SharedKafka implements ExtensionContext.Store.CloseableResource {
    private final EmbeddedKafka kafka;

    private SharedKafka() throws Exception {
        kafka = EmbeddedKafka.startEphemeral();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            TopicBootstrap.ensure(admin, TopicBootstrap.plan(3, 12, (short) 1));
        }
    }

    static String bootstrapServers(ExtensionContext context) {
        return context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                .getOrComputeIfAbsent(SharedKafka.class, k -> {
                    try {
                        return new SharedKafka();
                    } catch (Exception e) {
                        throw new IllegalStateException("embedded Kafka did not start", e);
                    }
                }, SharedKafka.class).kafka.bootstrapServers();
    }

    @Override
    public void close() throws Exception {
        kafka.close();
    }
}
