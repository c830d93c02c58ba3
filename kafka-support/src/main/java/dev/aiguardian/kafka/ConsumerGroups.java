package dev.aiguardian.kafka;

import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerConfig;

import dev.aiguardian.schemas.ServiceType;

/**
 * Every consumer group and Kafka Streams application id of the system, written once. Operators see
 * these names in {@code kafka-consumer-groups.sh}, lag dashboards and ACLs: they are a contract.
 */
public final class ConsumerGroups {
    private static final String PREFIX = "aiguardian-";

    /** The gateways' shared group on guard.results: each instance owns some partitions for its replies. */
    public static final String GATEWAY_REPLIES = PREFIX + "gateway-replies";
    /** The gateways' job writers when the job store is shared (Postgres): each result is stored once. */
    public static final String GATEWAY_JOBS = PREFIX + "gateway-jobs";

    /**
     * Membership settings of every group member here (the operator's KAFKA_CLIENT_* win): a member that
     * died is noticed after 10 s instead of Kafka's 45 s, so its partitions (a guard's requests, a
     * gateway's replies) move on before a sync caller's default 30 s deadline.
     */
    public static final Map<String, Object> MEMBERSHIP = Map.of(
            ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, 10_000,
            ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, 3_000);

    private ConsumerGroups() {
    }

    /** {@link #MEMBERSHIP} plus {@code tuning}. */
    public static Map<String, Object> withMembership(Map<String, ?> tuning) {
        Map<String, Object> all = new java.util.HashMap<>(MEMBERSHIP);
        all.putAll(tuning);
        return all;
    }

    /** The Kafka Streams applications, each with its own id (its consumer group and internal topics' prefix). */
    public enum StreamsApplication {
        /** ContextGuard: session memory in a changelogged store. */
        CONTEXT("context"),
        /** Usage totals per user and session, per day and calendar month. */
        USAGE("usage"),
        /** The pipeline fan-in: combined verdicts of several guards. */
        PIPELINE("pipeline");

        private final String shortName;

        StreamsApplication(String shortName) {
            this.shortName = shortName;
        }

        /** The name used in {@code TOPOLOGY_APPS} and in the state folder. */
        public String shortName() {
            return shortName;
        }

        public String applicationId() {
            return PREFIX + shortName;
        }

        public static java.util.Optional<StreamsApplication> find(String name) {
            for (StreamsApplication a : values()) {
                if (a.shortName.equalsIgnoreCase(name.trim())) {
                    return java.util.Optional.of(a);
                }
            }
            return java.util.Optional.empty();
        }
    }

    /** The group of the worker loops that consume {@code guard.requests.<guard>}. */
    public static String worker(ServiceType guard) {
        return PREFIX + guard.wireName();
    }

    /**
     * The group of the worker loops that consume the priority lane {@code guard.requests.<guard>.priority}: a
     * group of its own, so that a lane consumer joining or leaving never rebalances the main topic's consumers
     * (in one group, the second of a worker's two consumers to join took its partitions ~3 s late).
     */
    public static String workerLane(ServiceType guard) {
        return worker(guard) + "-priority";
    }

    /**
     * The group whose committed offsets on {@code guard.requests.<guard>} say how far that guard has
     * got: the worker group, except for contextguard, which the context Streams application serves.
     */
    public static String serving(ServiceType guard) {
        return guard == ServiceType.CONTEXTGUARD ? StreamsApplication.CONTEXT.applicationId() : worker(guard);
    }
}
