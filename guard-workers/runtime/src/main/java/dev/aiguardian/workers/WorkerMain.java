package dev.aiguardian.workers;

import java.util.concurrent.CountDownLatch;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.aiguardian.config.ConfigException;
import dev.aiguardian.config.Env;
import dev.aiguardian.guards.budget.BudgetSettings;
import dev.aiguardian.guards.guard.GuardCatalog;
import dev.aiguardian.kafka.TopicBootstrap;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

/** Runs the worker runtime as its own process (one container per guard in production). */
public final class WorkerMain {
    private static final Logger LOG = LoggerFactory.getLogger(WorkerMain.class);

    private WorkerMain() {
    }

    public static void main(String[] args) throws Exception {
        GuardCatalog catalog = GuardCatalog.standard();
        WorkerConfig config;
        BudgetSettings budgets;
        TopicBootstrap topics;
        try {
            Env env = Env.system();
            config = WorkerConfig.fromEnv(env, catalog.available());
            budgets = BudgetSettings.fromEnv(env);
            topics = TopicBootstrap.fromEnv(env);
            env.validate();
        } catch (ConfigException e) {
            ConfigException.exitWith(e, "aiguardian-workers");
            return;
        }
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        WorkerRuntime runtime = config.guards().contains(dev.aiguardian.schemas.ServiceType.TOKENGUARD)
                ? WorkerRuntime.withBudgets(config, budgets, registry)
                : WorkerRuntime.fromCatalog(config, catalog, registry);
        MetricsEndpoint endpoint = config.metricsPort() > 0 ? MetricsEndpoint.start(config.metricsPort(), registry) : null;
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                runtime.close();
                if (endpoint != null) {
                    endpoint.close();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                stopped.countDown();
            }
        }, "aiguardian-shutdown"));
        topics.ensure(config.kafka(), config.workerId());
        runtime.start();
        LOG.info("Worker ready: guards {} on {}", runtime.hosted(), config.kafka().bootstrapServers());
        stopped.await();
    }
}
