package dev.aiguardian.gateway;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetAddress;
import java.net.URI;

import dev.aiguardian.config.Env;
import dev.aiguardian.config.Preflight;
import dev.aiguardian.config.ProcessRunner;
import dev.aiguardian.config.RotatingSecrets;
import dev.aiguardian.config.StartupException;

import dev.aiguardian.gateway.callback.CallbackConfig;
import dev.aiguardian.gateway.auth.AuthConfig;
import dev.aiguardian.gateway.auth.Authenticator;
import dev.aiguardian.gateway.auth.JwtVerifier;
import dev.aiguardian.gateway.auth.KeyRing;
import dev.aiguardian.gateway.callback.CallbackSender;
import dev.aiguardian.gateway.callback.CallbackTargetPolicy;
import dev.aiguardian.gateway.callback.WebhookSigner;
import dev.aiguardian.gateway.console.ResultFeed;
import dev.aiguardian.gateway.discovery.GuardDirectory;
import dev.aiguardian.gateway.discovery.LagMonitor;
import dev.aiguardian.gateway.health.DependencyHealth;
import dev.aiguardian.gateway.health.HealthMetrics;
import dev.aiguardian.gateway.idempotency.IdempotencyStore;
import dev.aiguardian.gateway.idempotency.MemoryIdempotencyStore;
import dev.aiguardian.gateway.idempotency.RedisIdempotencyStore;
import dev.aiguardian.gateway.jobs.JobStore;
import dev.aiguardian.gateway.jobs.JobWriter;
import dev.aiguardian.gateway.jobs.MemoryJobStore;
import dev.aiguardian.gateway.jobs.PgJobStore;
import dev.aiguardian.gateway.dispatch.GuardDispatcher;
import dev.aiguardian.gateway.dispatch.RequestPublisher;
import dev.aiguardian.gateway.health.KafkaHealth;
import dev.aiguardian.gateway.health.Readiness;
import dev.aiguardian.gateway.http.GatewayServices;
import dev.aiguardian.gateway.http.HttpVerticle;
import dev.aiguardian.gateway.ratelimit.MemoryRateLimiter;
import dev.aiguardian.gateway.ratelimit.RateLimiter;
import dev.aiguardian.gateway.ratelimit.RedisRateLimiter;
import dev.aiguardian.gateway.verdict.FailOpen;
import dev.aiguardian.kafka.CompactedView;
import dev.aiguardian.schemas.UsageTotals;
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
    private static final Duration SERVER_CHECK = Duration.ofSeconds(5);

    private final GatewayConfig config;
    private final PrometheusMeterRegistry registry;
    private final RotatingSecrets secrets;
    private Vertx vertx;
    private KafkaHealth health;
    private RequestPublisher publisher;
    private ReplyListener replies;
    private GuardDirectory directory;
    private LagMonitor lagMonitor;
    private CompactedView<UsageTotals> usage;
    private boolean ownsUsage;
    private PendingReplies pending;
    private JobStore jobs;
    private IdempotencyStore idempotency;
    private RateLimiter limiter;
    private CallbackSender callbacks;
    private JobWriter jobWriter;
    private ReplyPartitions partitions;
    private Readiness readiness;
    private ResultFeed events;
    private int boundPort;
    private volatile boolean stopping;

    public Gateway(GatewayConfig config, PrometheusMeterRegistry registry) {
        this(config, registry, RotatingSecrets.fixed(fixedSecrets(config)));
    }

    /** The rotatable secrets as read from the environment once, for a gateway without a rotation source. */
    private static java.util.Map<String, String> fixedSecrets(GatewayConfig config) {
        java.util.Map<String, String> values = new java.util.HashMap<>();
        config.unifiedApiKey().ifPresent(k -> values.put(GatewayConfig.API_KEY, k));
        config.auth().envKeys().ifPresent(k -> values.put(AuthConfig.API_KEYS, k));
        config.callbacks().secret().ifPresent(k -> values.put(CallbackConfig.WEBHOOK_SECRET,
                "whsec_" + java.util.Base64.getEncoder().encodeToString(k)));
        values.put(GatewayConfig.SECRET_KEY, config.secretKey());
        return values;
    }

    /** @param secrets where the rotatable secrets ({@link GatewayConfig#API_KEY}, …) are read on each use */
    public Gateway(GatewayConfig config, PrometheusMeterRegistry registry, RotatingSecrets secrets) {
        this.config = config;
        this.registry = registry;
        this.secrets = secrets;
    }

    /**
     * Serves {@code /usage} and readiness from a view of the totals the caller starts and closes (the single
     * process shares one with its workers) instead of one of its own. Call before {@link #start()}.
     */
    public synchronized Gateway sharingUsageView(CompactedView<UsageTotals> view) {
        this.usage = view;
        return this;
    }

    /** Starts everything and returns once the HTTP port listens; blocks, so call it from a plain thread. */
    public synchronized void start() throws Exception {
        preflight();
        config.topics().ensure(config.kafka(), config.clientId());
        health = new KafkaHealth(config);
        health.start();

        vertx = Vertx.builder()
                // One event loop per HTTP verticle (HTTP_INSTANCES, default one per core): Vert.x's default of
                // 2 x cores adds loops that only clients (Redis, Postgres) would land on, competing for 2 cores.
                // The worker pool keeps its default: its threads start only when used (option checks, DNS).
                .with(new VertxOptions().setEventLoopPoolSize(config.httpInstances())
                        .setMetricsOptions(new MicrometerMetricsOptions().setEnabled(true)
                        .setJvmMetricsEnabled(true)))
                .withMetrics(new MicrometerMetricsFactory(registry))
                .build();
        jobs = openJobStore();
        idempotency = config.idempotency().redisUrl().isPresent()
                ? new RedisIdempotencyStore(vertx, config.idempotency().redisUrl().get(), config.idempotency().ttl())
                : new MemoryIdempotencyStore(config.idempotency().ttl(), 1_000_000, Clock.systemUTC());
        CallbackTargetPolicy callbackPolicy = new CallbackTargetPolicy(config.callbacks().allowedHosts(),
                InetAddress::getAllByName);
        callbacks = config.callbacks().secret().isPresent()
                ? new CallbackSender(vertx, config.callbacks(), callbackPolicy, WebhookSigner.rotating(secrets), jobs,
                        registry, Clock.systemUTC())
                : null;
        FailOpen failOpen = new FailOpen(registry);
        MemoryRateLimiter memoryLimits = new MemoryRateLimiter(config.rateLimits().lockout(), Clock.systemUTC());
        limiter = config.idempotency().redisUrl().isPresent()
                ? new RedisRateLimiter(vertx, config.idempotency().redisUrl().get(), config.rateLimits().lockout(),
                        memoryLimits)
                : memoryLimits;
        // SECRET_KEY is read at each use, so a rotated key is honoured at once; a dev run without one uses its generated key.
        JwtVerifier tokens = new JwtVerifier(vertx, config.auth(), () -> {
            java.util.List<String> keys = secrets.accepted(GatewayConfig.SECRET_KEY);
            return keys.isEmpty() ? java.util.List.of(config.secretKey()) : keys;
        });
        Authenticator authenticator = new Authenticator(new KeyRing(config.auth().fileKeys(),
                config.auth().envKeys(), secrets), tokens, config.auth(), GatewayConfig.PRODUCTION.equals(
                config.environment()));
        jobWriter = new JobWriter(config, jobs, config.jobs().databaseUrl().isPresent(), registry, job -> {
            // Each job is finished once (first result wins), so a pipeline's fail_open passes count once.
            job.result().ifPresent(failOpen::countPipeline);
            if (callbacks != null) {
                callbacks.deliver(job);
            }
        });
        jobWriter.start();
        DependencyHealth storeHealth = new DependencyHealth(vertx, "job store", jobs::ping);
        DependencyHealth idempotencyHealth = new DependencyHealth(vertx, "idempotency store", idempotency::ping);
        pending = new PendingReplies(vertx, config.maxPending());
        Gauge.builder("aiguardian.gateway.pending", pending, PendingReplies::size)
                .description("Sync callers waiting for a reply").register(registry);

        publisher = new RequestPublisher(config, registry);
        publisher.warmUp();
        partitions = new ReplyPartitions();
        replies = new ReplyListener(config, pending, partitions, registry);
        replies.start();
        directory = new GuardDirectory(config, Clock.systemUTC());
        lagMonitor = new LagMonitor(health.admin());
        lagMonitor.start(5000);
        directory.useLag(lagMonitor);
        directory.start();
        if (usage == null) {
            usage = CompactedView.usageTotals(config.kafka(), config.clientId());
            ownsUsage = true;
            usage.start();
        }

        readiness = new Readiness()
                .require("kafka", health::isUp)
                .require("reply_partitions", () -> partitions.owned().length > 0)
                .require("guard_directory", directory::isCaughtUp)
                .require("usage_totals", usage::isCaughtUp)
                .require("job_writer", () -> jobWriter.problem(config.consumerStall()))
                .require("reply_listener", () -> replies.isStalled(config.consumerStall())
                        ? java.util.Optional.of("stalled: no reply read for " + replies.sinceProgress().toSeconds()
                                + " s with " + replies.lag() + " waiting") : java.util.Optional.empty())
                .require("job_store", storeHealth::isUp)
                .require("idempotency_store", idempotencyHealth::isUp)
                .require("accepting", () -> !stopping);
        HealthMetrics.bind(registry, directory, lagMonitor, readiness);
        GatewayServices services = new GatewayServices(config, new GuardDispatcher(publisher, pending, partitions),
                directory, jobs, idempotency, callbackPolicy, readiness, registry, Clock.systemUTC(), usage, failOpen,
                secrets, authenticator, limiter, events = new ResultFeed(config, vertx));
        // Vert.x gives each server on port 0 its own random port; a negative port makes all instances share one.
        GatewayServices shared = services.withConfig(config.port() == 0 ? config.withPort(-1) : config);
        java.util.List<HttpVerticle> instances = new java.util.concurrent.CopyOnWriteArrayList<>();
        vertx.deployVerticle(() -> {
            HttpVerticle v = new HttpVerticle(shared);
            instances.add(v);
            return v;
        }, new DeploymentOptions().setInstances(config.httpInstances())).await(30, TimeUnit.SECONDS);
        boundPort = instances.get(0).actualPort();
        LOG.info("Gateway listening on :{} ({} event loops), Kafka at {}, jobs in {}, idempotency keys in {}",
                boundPort, config.httpInstances(), config.kafka().bootstrapServers(), jobs.describe(), idempotency.describe());
        LOG.info("API credentials {}; rate limits and failed-auth lockout in {} ({})",
                authenticator.required() ? "required" : "not required (AUTH_REQUIRED, or no key configured)",
                limiter.describe(), config.rateLimits());
    }

    private void preflight() throws InterruptedException {
        checkServers(config);
        config.kafka().awaitCluster(config.clientId());
    }

    /**
     * The checks that need no Kafka: the HTTP port is free, PostgreSQL and Redis answer when configured.
     * What an operator must fix ends start-up here, in seconds, with one line naming the setting.
     */
    public static void checkServers(GatewayConfig config) {
        if (config.port() > 0) {
            Preflight.portFree("PORT", "0.0.0.0", config.port());
        }
        config.jobs().databaseUrl().ifPresent(url -> Preflight.reachable("DATABASE_URL", Env.redact(url),
                URI.create(url), 5432, SERVER_CHECK, "start PostgreSQL or correct DATABASE_URL (without"
                        + " DATABASE_ENABLED=true jobs are kept in memory)"));
        config.idempotency().redisUrl().ifPresent(url -> Preflight.reachable("REDIS_URL", Env.redact(url),
                URI.create(url), 6379, SERVER_CHECK, "start Redis or correct REDIS_URL (without it idempotency"
                        + " keys are kept in memory)"));
    }

    private JobStore openJobStore() throws Exception {
        if (config.jobs().databaseUrl().isEmpty()) {
            return new MemoryJobStore(config.jobs().maxEntries(), config.jobs().maxMegabytes() * 1024L * 1024L,
                    config.jobs().ttl(), Clock.systemUTC());
        }
        try {
            return PgJobStore.open(vertx, config.jobs()).await(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new StartupException("DATABASE_URL='" + Env.redact(config.jobs().databaseUrl().get())
                    + "': cannot open the job store (" + ProcessRunner.describe(e) + "); check the database name,"
                    + " user and password");
        }
    }

    private static void closeAll(AutoCloseable... parts) {
        for (AutoCloseable part : parts) {
            if (part == null) {
                continue;
            }
            try {
                part.close();
            } catch (Exception e) {
                LOG.warn("{} did not close cleanly: {}", part.getClass().getSimpleName(), e.toString());
            }
        }
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
        // Consumers first, so nothing writes to the stores while they close.
        closeAll(jobWriter, replies, directory, lagMonitor, callbacks, jobs, idempotency, limiter, events);
        if (vertx != null) {
            // Closes the HTTP servers, after the 503s above have been written.
            vertx.close().await(15, TimeUnit.SECONDS);
        }
        closeAll(ownsUsage ? usage : null, publisher, health);
        LOG.info("Gateway stopped");
    }
}
