package dev.aiguardian.kafka;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;

import dev.aiguardian.config.Env;
import dev.aiguardian.schemas.Topics;

/**
 * Creates the topics the system needs when they are missing; existing topics are left as they are.
 * Every role does it at start-up (unless {@code KAFKA_CREATE_TOPICS=false}), so the parts of a split
 * deployment may start in any order.
 *
 * @param create            {@code KAFKA_CREATE_TOPICS}
 * @param requestPartitions {@code KAFKA_REQUEST_PARTITIONS}: per guard request topic, also guard.pipelines and usage
 * @param resultPartitions  {@code KAFKA_RESULT_PARTITIONS}: guard.results; bounds how many gateways can reply
 * @param replicationFactor {@code KAFKA_REPLICATION_FACTOR}; -1 for the broker's default
 */
public record TopicBootstrap(boolean create, int requestPartitions, int resultPartitions, short replicationFactor) {

    public static TopicBootstrap fromEnv(Env env) {
        return new TopicBootstrap(
                env.bool("KAFKA_CREATE_TOPICS", true),
                env.integer("KAFKA_REQUEST_PARTITIONS", 6, 1, 10_000),
                env.integer("KAFKA_RESULT_PARTITIONS", 12, 1, 10_000),
                (short) env.integer("KAFKA_REPLICATION_FACTOR", -1, -1, 32));
    }

    /** The defaults, for in-process runs and tests. */
    public static TopicBootstrap defaults() {
        return new TopicBootstrap(true, 6, 12, (short) -1);
    }

    /** Creates the missing topics on the cluster of {@code kafka}, when creation is enabled. */
    public void ensure(KafkaSettings kafka, String clientId) throws InterruptedException, ExecutionException,
            TimeoutException {
        if (!create) {
            return;
        }
        try (Admin admin = Admin.create(kafka.admin(clientId + "-topics",
                Map.of(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30_000)))) {
            ensure(admin, plan(requestPartitions, resultPartitions, replicationFactor));
        }
    }

    public static List<NewTopic> plan(int requestPartitions, int resultPartitions, short replicationFactor) {
        Optional<Short> rf = replicationFactor > 0 ? Optional.of(replicationFactor) : Optional.empty();
        List<NewTopic> topics = new ArrayList<>();
        for (String t : Topics.allRequestTopics()) {
            topics.add(new NewTopic(t, Optional.of(requestPartitions), rf));
        }
        // One partition per gateway instance at most: the partition count bounds how many gateways reply.
        topics.add(new NewTopic(Topics.RESULTS, Optional.of(resultPartitions), rf)
                .configs(Map.of(TopicConfig.RETENTION_MS_CONFIG, Long.toString(TimeUnit.DAYS.toMillis(7)))));
        topics.add(new NewTopic(Topics.DLQ, Optional.of(3), rf)
                .configs(Map.of(TopicConfig.RETENTION_MS_CONFIG, Long.toString(TimeUnit.DAYS.toMillis(30)))));
        // As many partitions as the request topics: the pipeline topology co-partitions them with the
        // guards' results it repartitions by pipeline id.
        topics.add(new NewTopic(Topics.PIPELINES, Optional.of(requestPartitions), rf)
                .configs(Map.of(TopicConfig.RETENTION_MS_CONFIG, Long.toString(TimeUnit.DAYS.toMillis(1)))));
        topics.add(new NewTopic(Topics.HEARTBEATS, Optional.of(1), rf)
                .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT,
                        TopicConfig.SEGMENT_MS_CONFIG, Long.toString(TimeUnit.HOURS.toMillis(1)))));
        topics.addAll(usageTopics(requestPartitions, rf));
        return topics;
    }

    // Usage events keyed by user (partitioned like requests); the totals are compacted: the latest per key.
    private static List<NewTopic> usageTopics(int partitions, Optional<Short> rf) {
        Map<String, String> compacted = Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT,
                TopicConfig.SEGMENT_MS_CONFIG, Long.toString(TimeUnit.HOURS.toMillis(1)));
        return List.of(
                new NewTopic(Topics.USAGE, Optional.of(partitions), rf)
                        .configs(Map.of(TopicConfig.RETENTION_MS_CONFIG, Long.toString(TimeUnit.DAYS.toMillis(35)))),
                new NewTopic(Topics.USAGE_TOTALS, Optional.of(partitions), rf).configs(compacted),
                new NewTopic(Topics.USAGE_SESSION_TOTALS, Optional.of(partitions), rf).configs(compacted));
    }

    public static void ensure(Admin admin, List<NewTopic> topics) throws InterruptedException, ExecutionException,
            TimeoutException {
        Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
        List<NewTopic> missing = topics.stream().filter(t -> !existing.contains(t.name())).toList();
        if (missing.isEmpty()) {
            return;
        }
        try {
            admin.createTopics(missing).all().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            // Another instance may have created them between our listing and our request.
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw e;
            }
        }
    }
}
