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
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.aiguardian.config.Env;
import dev.aiguardian.schemas.Topics;

/**
 * Creates the topics the system needs when they are missing, each with the {@code max.message.bytes}
 * that {@link SizeBudget} derives from {@code MAX_BODY_BYTES}. Existing topics keep their settings, except
 * a record limit below the budget's, which is raised (or, with {@code KAFKA_CREATE_TOPICS=false} or
 * without the right to alter topics, reported with the command that fixes it): a lower limit would make
 * Kafka refuse requests and results the gateway has accepted.
 * Every role does it at start-up, so the parts of a split deployment may start in any order.
 *
 * @param create            {@code KAFKA_CREATE_TOPICS}
 * @param requestPartitions {@code KAFKA_REQUEST_PARTITIONS}: per guard request topic, also guard.pipelines and usage
 * @param resultPartitions  {@code KAFKA_RESULT_PARTITIONS}: guard.results; bounds how many gateways can reply
 * @param replicationFactor {@code KAFKA_REPLICATION_FACTOR}; -1 for the broker's default
 */
public record TopicBootstrap(boolean create, int requestPartitions, int resultPartitions, short replicationFactor) {
    private static final Logger LOG = LoggerFactory.getLogger(TopicBootstrap.class);

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

    /**
     * Creates the missing topics on the cluster of {@code kafka} and raises record limits below the
     * budget of {@code kafka}, when creation is enabled; otherwise only reports such limits.
     */
    public void ensure(KafkaSettings kafka, String clientId) throws InterruptedException, ExecutionException,
            TimeoutException {
        try (Admin admin = Admin.create(kafka.admin(clientId + "-topics",
                Map.of(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30_000)))) {
            List<NewTopic> plan = plan(requestPartitions, resultPartitions, replicationFactor, kafka.sizes());
            Set<String> created = create ? ensure(admin, plan) : Set.of();
            // Topics created just now carry the plan's limits, and a describe right after creation may not find
            // them yet (it logged a warning per topic on every first start).
            checkRecordLimits(admin, plan.stream().filter(t -> !created.contains(t.name())).toList(), create);
        }
    }

    /** The topics with the default size budget. */
    public static List<NewTopic> plan(int requestPartitions, int resultPartitions, short replicationFactor) {
        return plan(requestPartitions, resultPartitions, replicationFactor, SizeBudget.defaults());
    }

    public static List<NewTopic> plan(int requestPartitions, int resultPartitions, short replicationFactor,
                                      SizeBudget sizes) {
        List<NewTopic> topics = new ArrayList<>();
        for (NewTopic t : unsized(requestPartitions, resultPartitions, replicationFactor)) {
            Map<String, String> configs = new java.util.HashMap<>(t.configs() == null ? Map.of() : t.configs());
            configs.put(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, Integer.toString(sizes.topicMaxMessageBytes(t.name())));
            topics.add(t.configs(configs));
        }
        return topics;
    }

    private static List<NewTopic> unsized(int requestPartitions, int resultPartitions, short replicationFactor) {
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
        // As many partitions as the request topics; guard.pipeline.members below must keep the same count.
        topics.add(new NewTopic(Topics.PIPELINES, Optional.of(requestPartitions), rf)
                .configs(Map.of(TopicConfig.RETENTION_MS_CONFIG, Long.toString(TimeUnit.DAYS.toMillis(1)))));
        // Keyed by pipeline id with as many partitions as guard.pipelines: a pipeline's announcement and its members'
        // results meet in the same task without a repartition.
        topics.add(new NewTopic(Topics.PIPELINE_MEMBERS, Optional.of(requestPartitions), rf)
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

    /** Creates the topics that do not exist yet; returns the names of those this call created. */
    public static Set<String> ensure(Admin admin, List<NewTopic> topics) throws InterruptedException,
            ExecutionException, TimeoutException {
        Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
        List<NewTopic> missing = topics.stream().filter(t -> !existing.contains(t.name())).toList();
        if (missing.isEmpty()) {
            return Set.of();
        }
        try {
            admin.createTopics(missing).all().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            // Another instance may have created them between our listing and our request.
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw e;
            }
            return Set.of();
        }
        Set<String> created = missing.stream().map(NewTopic::name)
                .collect(java.util.stream.Collectors.toUnmodifiableSet());
        awaitVisible(admin, created, java.time.Duration.ofSeconds(30));
        return created;
    }

    /**
     * Waits until a broker describes every topic in {@code names}. Creation returns once the controller has
     * committed the topics, but a broker learns of them a moment later: a client that describes or reads one
     * right away is told "unknown topic or partition" (a first start that built the Streams apps straight after
     * the topics failed on it).
     */
    static void awaitVisible(Admin admin, Set<String> names, java.time.Duration timeout) throws InterruptedException,
            ExecutionException, TimeoutException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            try {
                admin.describeTopics(names).allTopicNames().get(30, TimeUnit.SECONDS);
                return;
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException) || System.nanoTime() > deadline) {
                    throw e;
                }
            }
            TimeUnit.MILLISECONDS.sleep(50);
        }
    }

    /**
     * Reads {@code max.message.bytes} of the planned topics that exist and raises each one below the plan
     * ({@code alter}), or logs what to run when it may not or cannot. Never lowers a limit.
     */
    static void checkRecordLimits(Admin admin, List<NewTopic> plan, boolean alter) throws InterruptedException {
        Map<ConfigResource, Integer> wanted = new java.util.LinkedHashMap<>();
        for (NewTopic t : plan) {
            wanted.put(new ConfigResource(ConfigResource.Type.TOPIC, t.name()),
                    Integer.parseInt(t.configs().get(TopicConfig.MAX_MESSAGE_BYTES_CONFIG)));
        }
        Map<ConfigResource, Config> current = new java.util.LinkedHashMap<>();
        Map<ConfigResource, org.apache.kafka.common.KafkaFuture<Config>> described =
                admin.describeConfigs(wanted.keySet()).values();
        for (Map.Entry<ConfigResource, org.apache.kafka.common.KafkaFuture<Config>> d : described.entrySet()) {
            try {
                current.put(d.getKey(), d.getValue().get(30, TimeUnit.SECONDS));
            } catch (ExecutionException | TimeoutException e) {
                // A missing topic has no limit to check; one we may not describe is the operator's to size.
                LOG.warn("Could not read max.message.bytes of {}: {}. It must be at least {} bytes (from {}; "
                        + "docs/size-budget.md).", d.getKey().name(), e.getMessage(), wanted.get(d.getKey()),
                        SizeBudget.VARIABLE);
            }
        }
        Map<ConfigResource, java.util.Collection<AlterConfigOp>> raise = new java.util.LinkedHashMap<>();
        current.forEach((resource, config) -> {
            ConfigEntry entry = config.get(TopicConfig.MAX_MESSAGE_BYTES_CONFIG);
            int need = wanted.get(resource);
            if (entry != null && entry.value() != null && Long.parseLong(entry.value()) < need) {
                raise.put(resource, List.of(new AlterConfigOp(
                        new ConfigEntry(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, Integer.toString(need)),
                        AlterConfigOp.OpType.SET)));
                if (!alter) {
                    LOG.warn("Topic {} accepts records of at most {} bytes, but {} needs {}: larger requests or results "
                                    + "would be refused. Run: kafka-configs.sh --bootstrap-server <servers> --alter "
                                    + "--entity-type topics --entity-name {} --add-config max.message.bytes={}",
                            resource.name(), entry.value(), SizeBudget.VARIABLE, need, resource.name(), need);
                }
            }
        });
        if (!alter || raise.isEmpty()) {
            return;
        }
        try {
            admin.incrementalAlterConfigs(raise).all().get(30, TimeUnit.SECONDS);
            raise.keySet().forEach(r -> LOG.info("Raised max.message.bytes of {} to {} ({})", r.name(), wanted.get(r),
                    SizeBudget.VARIABLE));
        } catch (ExecutionException | TimeoutException e) {
            LOG.warn("Could not raise max.message.bytes of {} to what {} needs: {}. Raise it with kafka-configs.sh "
                            + "--alter --add-config max.message.bytes=<bytes> (docs/size-budget.md).",
                    raise.keySet().stream().map(ConfigResource::name).toList(), SizeBudget.VARIABLE, e.getMessage());
        }
    }
}
