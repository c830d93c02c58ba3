package dev.aiguardian.gateway;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.aiguardian.gateway.discovery.GuardDirectory;
import dev.aiguardian.gateway.dispatch.GuardDispatcher;
import dev.aiguardian.gateway.dispatch.RequestPublisher;
import dev.aiguardian.gateway.health.KafkaHealth;
import dev.aiguardian.gateway.health.Readiness;
import dev.aiguardian.gateway.http.GatewayServices;
import dev.aiguardian.gateway.http.HttpVerticle;
import dev.aiguardian.gateway.kafka.TopicBootstrap;
import dev.aiguardian.gateway.reply.PendingReplies;
import dev.aiguardian.gateway.reply.ReplyListener;
import dev.aiguardian.gateway.reply.ReplyPartitions;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;

/**
 * One gateway instance: wires the Kafka side (publisher, reply listener, guard directory, health)
 * to the Vert.x HTTP side, starts them in order and stops them in reverse, failing waiting callers
 * rather than dropping them.
 */
public final class Gateway implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Gateway.class);

    private final GatewayConfig config;
    private final PrometheusMeterRegistry registry;
    private Vertx vertx;
    private KafkaHealth health;
    private RequestPublisher publisher;
    private ReplyListener replies;
    private GuardDirectory directory;
    private PendingReplies pending;
    private ReplyPartitions partitions;
    private Readiness readiness;
    private int boundPort;
    private volatile boolean stopping;

    public Gateway(GatewayConfig config, PrometheusMeterRegistry registry) {
        this.config = config;
        this.registry = registry;
    }

    /** Starts everything and returns once the HTTP port listens; blocks, so call it from a plain thread. */
    public synchronized void start() throws Exception {
        health = new KafkaHealth(config);
        if (config.createTopics()) {
            TopicBootstrap.ensure(health.admin(), TopicBootstrap.plan(config.requestPartitions(),
                    config.resultPartitions(), config.replicationFactor()));
        }
        health.start();

        vertx = Vertx.builder()
                .with(new VertxOptions().setMetricsOptions(new MicrometerMetricsOptions().setEnabled(true)
                        .setJvmMetricsEnabled(true)))
                .withMetrics(new MicrometerMetricsFactory(registry))
                .build();
        pending = new PendingReplies(vertx, config.maxPending());
        Gauge.builder("aiguardian.gateway.pending", pending, PendingReplies::size)
                .description("Sync callers waiting for a reply").register(registry);

        publisher = new RequestPublisher(config, registry);
        publisher.warmUp();
        partitions = new ReplyPartitions();
        replies = new ReplyListener(config, pending, partitions, registry);
        replies.start();
        directory = new GuardDirectory(config, Clock.systemUTC());
        directory.start();

        readiness = new Readiness()
                .require("kafka", health::isUp)
                .require("reply_partitions", () -> partitions.owned().length > 0)
                .require("guard_directory", directory::isCaughtUp)
                .require("accepting", () -> !stopping);
        GatewayServices services = new GatewayServices(config, new GuardDispatcher(publisher, pending, partitions),
                directory, readiness, registry, Clock.systemUTC());
        // Vert.x gives each server on port 0 its own random port; a negative port makes all instances share one.
        GatewayServices shared = new GatewayServices(config.port() == 0 ? config.withPort(-1) : config,
                services.dispatcher(), directory, readiness, registry, services.clock());
        java.util.List<HttpVerticle> instances = new java.util.concurrent.CopyOnWriteArrayList<>();
        vertx.deployVerticle(() -> {
            HttpVerticle v = new HttpVerticle(shared);
            instances.add(v);
            return v;
        }, new DeploymentOptions().setInstances(config.httpInstances())).await(30, TimeUnit.SECONDS);
        boundPort = instances.get(0).actualPort();
        LOG.info("Gateway listening on :{} ({} event loops), Kafka at {}", boundPort, config.httpInstances(),
                config.bootstrapServers());
    }

    /** Blocks until the instance can take traffic or the timeout passes; true when ready. */
    public boolean awaitReady(Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (!readiness.isReady()) {
            if (System.nanoTime() > end) {
                return false;
            }
            Thread.sleep(20);
        }
        return true;
    }

    /** Each readiness condition and whether it holds, for start-up diagnostics. */
    public java.util.Map<String, Boolean> readiness() {
        return readiness.evaluate();
    }

    /** The partitions of guard.results this instance reads its replies from. */
    public int[] replyPartitions() {
        return partitions.owned();
    }

    public int port() {
        return boundPort;
    }

    public PrometheusMeterRegistry registry() {
        return registry;
    }

    /** Stops taking traffic, fails every waiting caller with 503, then closes HTTP and Kafka clients. */
    @Override
    public synchronized void close() throws Exception {
        if (stopping) {
            return;
        }
        stopping = true;
        if (pending != null) {
            pending.closeAndFailAll("the gateway is stopping");
        }
        if (vertx != null) {
            // Undeploying closes the servers after the 503s above have been written.
            vertx.close().await(15, TimeUnit.SECONDS);
        }
        if (replies != null) {
            replies.close();
        }
        if (directory != null) {
            directory.close();
        }
        if (publisher != null) {
            publisher.close();
        }
        if (health != null) {
            health.close();
        }
        LOG.info("Gateway stopped");
    }
}
