package dev.aiguardian.workers;

import dev.aiguardian.config.Env;
import dev.aiguardian.config.Preflight;
import dev.aiguardian.config.ProcessRunner;
import dev.aiguardian.guards.budget.BudgetSettings;
import dev.aiguardian.guards.guard.GuardCatalog;
import dev.aiguardian.kafka.MetricsEndpoint;
import dev.aiguardian.kafka.TopicBootstrap;
import dev.aiguardian.schemas.ServiceType;
import dev.aiguardian.secrets.StartupEnvironment;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

/** Runs the worker runtime as its own process (the {@code workers} role; one container per guard in production). */
public final class WorkerMain {

    private WorkerMain() {
    }

    public static void main(String[] args) throws Exception {
        ProcessRunner.run("aiguardian-workers", () -> {
            GuardCatalog catalog = GuardCatalog.standard();
            Env env = StartupEnvironment.load().env();
            WorkerConfig config = WorkerConfig.fromEnv(env, catalog.available());
            BudgetSettings budgets = BudgetSettings.fromEnv(env);
            TopicBootstrap topics = TopicBootstrap.fromEnv(env);
            env.validate();
            return new Service(config, budgets, topics, catalog);
        });
    }

    /** The worker runtime plus its own /metrics endpoint. */
    private static final class Service implements ProcessRunner.Service {
        private final WorkerConfig config;
        private final TopicBootstrap topics;
        private final PrometheusMeterRegistry registry = MetricsEndpoint.processRegistry();
        private final WorkerRuntime runtime;
        private volatile MetricsEndpoint endpoint;

        Service(WorkerConfig config, BudgetSettings budgets, TopicBootstrap topics, GuardCatalog catalog) {
            this.config = config;
            this.topics = topics;
            this.runtime = config.guards().contains(ServiceType.TOKENGUARD)
                    ? WorkerRuntime.withBudgets(config, budgets, registry)
                    : WorkerRuntime.fromCatalog(config, catalog, registry);
        }

        @Override
        public void start() throws Exception {
            if (config.metricsPort() > 0) {
                Preflight.portFree("WORKER_METRICS_PORT", "0.0.0.0", config.metricsPort());
            }
            config.kafka().awaitCluster(config.workerId());
            topics.ensure(config.kafka(), config.workerId());
            runtime.start();
            if (config.metricsPort() > 0) {
                endpoint = MetricsEndpoint.start(config.metricsPort(), registry, "aiguardian-workers");
            }
        }

        @Override
        public String readyMessage(double seconds) {
            return String.format("aiguardian-workers ready in %.2f s: %s hosts %s (Kafka %s)", seconds,
                    config.workerId(), runtime.hosted(), config.kafka().bootstrapServers());
        }

        @Override
        public void close() throws Exception {
            runtime.close();
            if (endpoint != null) {
                endpoint.close();
            }
        }
    }
}
