package dev.aiguardian.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import dev.aiguardian.embedded.EmbeddedKafka;

/** Topics get the record limit of the size budget; an existing lower limit is raised, or only reported. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TopicBootstrapTest {
    private EmbeddedKafka kafka;
    private Admin admin;

    @BeforeAll
    void start() throws Exception {
        kafka = EmbeddedKafka.startEphemeral();
        admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()));
    }

    @AfterAll
    void stop() throws Exception {
        if (admin != null) {
            admin.close();
        }
        if (kafka != null) {
            kafka.close();
        }
    }

    private String limit(String topic) throws Exception {
        ConfigResource r = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        return admin.describeConfigs(List.of(r)).all().get(30, TimeUnit.SECONDS).get(r)
                .get(TopicConfig.MAX_MESSAGE_BYTES_CONFIG).value();
    }

    /**
     * The topic's limit once it reads {@code expected}, or whatever it reads after 15 s: a change the
     * controller accepted reaches the broker's view of the config a moment later.
     */
    private String limitOnce(String topic, String expected) throws Exception {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        String value = limit(topic);
        while (!expected.equals(value) && System.nanoTime() < end) {
            TimeUnit.MILLISECONDS.sleep(50);
            value = limit(topic);
        }
        return value;
    }

    private static NewTopic planned(String name, int maxMessageBytes) {
        return new NewTopic(name, Optional.of(1), Optional.empty())
                .configs(Map.of(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, Integer.toString(maxMessageBytes)));
    }

    @Test
    void createdTopicsCarryTheBudgetsLimits() throws Exception {
        SizeBudget sizes = new SizeBudget(2 * 1024 * 1024);
        TopicBootstrap.ensure(admin, TopicBootstrap.plan(1, 1, (short) 1, sizes));
        assertThat(limit("guard.requests.tokenguard")).isEqualTo(Integer.toString(sizes.requestRecordBytes()));
        assertThat(limit("guard.results")).isEqualTo(Integer.toString(sizes.maxRecordBytes()));
    }

    @Test
    void createdTopicsCanBeDescribedAsSoonAsEnsureReturns() throws Exception {
        List<NewTopic> plan = List.of(planned("visible.a", 1000), planned("visible.b", 1000), planned("visible.c", 1000));
        assertThat(TopicBootstrap.ensure(admin, plan)).containsExactlyInAnyOrder("visible.a", "visible.b", "visible.c");
        // A client of its own, as the Streams apps and workers that start right after the topics are.
        try (Admin other = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            assertThat(other.describeTopics(List.of("visible.a", "visible.b", "visible.c")).allTopicNames()
                    .get(5, TimeUnit.SECONDS)).hasSize(3);
        }
    }

    @Test
    void waitingForATopicThatNeverComesEndsWithTheBrokersAnswer() {
        assertThatThrownBy(() -> TopicBootstrap.awaitVisible(admin, java.util.Set.of("never.created"),
                java.time.Duration.ofMillis(300)))
                .isInstanceOf(java.util.concurrent.ExecutionException.class)
                .hasCauseInstanceOf(org.apache.kafka.common.errors.UnknownTopicOrPartitionException.class);
    }

    @Test
    void anExistingLowerLimitIsRaisedWhenTopicsAreManagedAndLeftAloneOtherwise() throws Exception {
        TopicBootstrap.ensure(admin, List.of(planned("budget.low", 1000), planned("budget.kept", 1000),
                planned("budget.high", 50_000_000)));

        TopicBootstrap.checkRecordLimits(admin, List.of(planned("budget.kept", 2_000_000)), false);
        TopicBootstrap.checkRecordLimits(admin, List.of(planned("budget.low", 2_000_000),
                planned("budget.high", 2_000_000), planned("budget.missing", 2_000_000)), true);

        assertThat(limit("budget.kept")).as("KAFKA_CREATE_TOPICS=false: only reported").isEqualTo("1000");
        assertThat(limitOnce("budget.low", "2000000")).isEqualTo("2000000");
        assertThat(limit("budget.high")).as("never lowered").isEqualTo("50000000");
    }
}
