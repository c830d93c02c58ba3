package dev.aiguardian.schemas;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Every topic name the system uses: a public contract for downstream consumers. */
public final class Topics {
    public static final String REQUESTS_PREFIX = "guard.requests.";
    /** Ends the name of a guard's priority lane: {@code guard.requests.<guard>.priority}. */
    public static final String PRIORITY_SUFFIX = ".priority";
    /** The lowest priority (of the original gateway's 1 to 10) that goes to a priority lane. */
    public static final int PRIORITY_LANE_MIN = 8;
    /** Every result, keyed by request id; also the reply channel of the gateways (see docs/reply-routing.md). */
    public static final String RESULTS = "guard.results";
    /** Requests that could not be processed, with error headers. */
    public static final String DLQ = "guard.dlq";
    /** Multi-guard pipelines: one record per pipeline naming its guards and deadline (key: pipeline id). */
    public static final String PIPELINES = "guard.pipelines";
    /**
     * Every pipeline member's result again, keyed by pipeline id and partitioned like {@link #PIPELINES}: the pipeline
     * topology's input, so that it reads only what it joins, not every result. Internal to the topology; downstream
     * consumers read the member results on {@link #RESULTS}, where they are published too.
     */
    public static final String PIPELINE_MEMBERS = "guard.pipeline.members";
    /** Compacted: the latest heartbeat of each (guard, worker). */
    public static final String HEARTBEATS = "guard.heartbeats";
    /** One usage event per completed tokenguard result, keyed by user id (see docs/guards/tokenguard.md). */
    public static final String USAGE = "guard.usage";
    /** Compacted: each user's latest daily and monthly usage totals, keyed by user id. */
    public static final String USAGE_TOTALS = "guard.usage.totals";
    /** Compacted: each session's latest daily and monthly usage totals, keyed by session id. */
    public static final String USAGE_SESSION_TOTALS = "guard.usage.session-totals";

    private Topics() {
    }

    public static String requests(ServiceType guard) {
        return REQUESTS_PREFIX + guard.wireName();
    }

    /**
     * A guard's priority lane: requests of priority {@value #PRIORITY_LANE_MIN} to 10, which its workers poll
     * before their main topic (see docs/priority.md). ContextGuard has none: its session turns must stay in
     * order on one topic.
     */
    public static String priorityRequests(ServiceType guard) {
        return REQUESTS_PREFIX + guard.wireName() + PRIORITY_SUFFIX;
    }

    /** The topic a request of {@code priority} (1 to 10) for {@code guard} is published to. */
    public static String requests(ServiceType guard, int priority) {
        return priority >= PRIORITY_LANE_MIN && hasPriorityLane(guard) ? priorityRequests(guard) : requests(guard);
    }

    public static boolean hasPriorityLane(ServiceType guard) {
        return guard != ServiceType.CONTEXTGUARD;
    }

    /** Every guard's main request topic and every priority lane. */
    public static List<String> allRequestTopics() {
        return Stream.concat(Arrays.stream(ServiceType.values()).map(Topics::requests),
                        Arrays.stream(ServiceType.values()).filter(Topics::hasPriorityLane).map(Topics::priorityRequests))
                .collect(Collectors.toUnmodifiableList());
    }

    public static List<String> all() {
        return Stream.concat(allRequestTopics().stream(), Stream.of(RESULTS, DLQ, HEARTBEATS, PIPELINES,
                        PIPELINE_MEMBERS, USAGE,
                        USAGE_TOTALS, USAGE_SESSION_TOTALS))
                .collect(Collectors.toUnmodifiableList());
    }
}
