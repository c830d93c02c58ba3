package dev.aiguardian.topology;

import java.time.Clock;
import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.aiguardian.schemas.ServiceType;
import dev.aiguardian.topology.common.ServiceCounters;
import dev.aiguardian.topology.common.ServiceHeartbeat;
import dev.aiguardian.topology.common.StreamsApp;
import dev.aiguardian.topology.common.StreamsSettings;
import dev.aiguardian.topology.context.ContextTopology;
import dev.aiguardian.topology.usage.UsageTopology;
import dev.aiguardian.workers.context.ContextGuard;
import dev.aiguardian.workers.tokens.TokenCounter;

/**
 * The stateful guard services on Kafka Streams: ContextGuard (application {@code aiguardian-context})
 * with its heartbeat, and usage accounting (application {@code aiguardian-usage}). Starts both and
 * closes them in reverse order.
 */
public final class StreamsServices implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(StreamsServices.class);
    public static final String CONTEXT_APP = "context";
    public static final String USAGE_APP = "usage";

    private final TopologyConfig config;
    private final StreamsSettings settings;
    private StreamsApp context;
    private StreamsApp usage;
    private ServiceHeartbeat heartbeat;

    public StreamsServices(TopologyConfig config) {
        this.config = config;
        this.settings = StreamsSettings.of(config.bootstrapServers(), config.stateDir());
    }

    /** Starts both applications and waits until they run (state restored), then announces ContextGuard. */
    public synchronized void start() throws Exception {
        ServiceCounters counters = new ServiceCounters();
        ContextGuard guard = new ContextGuard(new TokenCounter(), config.context());
        context = new StreamsApp(CONTEXT_APP, ContextTopology.build(guard, config.instance(), config.sweepEvery(),
                counters, Clock.systemUTC()), settings.properties(CONTEXT_APP));
        usage = new StreamsApp(USAGE_APP, UsageTopology.build(config.usageGrace()), settings.properties(USAGE_APP));
        // Both restore their state in parallel.
        context.start();
        usage.start();
        context.awaitRunning(Duration.ofSeconds(120));
        usage.awaitRunning(Duration.ofSeconds(120));
        heartbeat = new ServiceHeartbeat(config.bootstrapServers(), ServiceType.CONTEXTGUARD, config.instance(),
                config.heartbeat(), counters, context::isRunning);
        heartbeat.start();
        LOG.info("Streams services running: contextguard and usage totals, state in {}", config.stateDir());
    }

    @Override
    public synchronized void close() {
        if (heartbeat != null) {
            heartbeat.close();
        }
        if (usage != null) {
            usage.close();
        }
        if (context != null) {
            context.close();
        }
    }
}
