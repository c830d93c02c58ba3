package dev.aiguardian.standalone;

import java.util.concurrent.CountDownLatch;

import dev.aiguardian.config.ConfigException;
import dev.aiguardian.config.Env;
import dev.aiguardian.gateway.GatewayConfig;
import dev.aiguardian.topology.TopologyConfig;
import dev.aiguardian.workers.budget.BudgetSettings;
import dev.aiguardian.workers.guard.GuardCatalog;
import dev.aiguardian.workers.runtime.WorkerConfig;

/** {@code java -jar aiguardian-standalone.jar}: everything on one machine, no Docker, no servers to install. */
public final class StandaloneMain {

    private StandaloneMain() {
    }

    public static void main(String[] args) throws Exception {
        long t0 = System.nanoTime();
        // Our shutdown hook logs while stopping; log4j's own hook would close logging under it.
        System.setProperty("log4j.shutdownHookEnabled", "false");
        StandaloneConfig config;
        GatewayConfig gatewayConfig;
        WorkerConfig workerConfig;
        BudgetSettings budgets;
        TopologyConfig streamsConfig;
        try {
            Env env = Env.system();
            config = StandaloneConfig.fromEnv(env);
            gatewayConfig = GatewayConfig.fromEnv(env);
            workerConfig = WorkerConfig.fromEnv(env, GuardCatalog.standard().available());
            budgets = BudgetSettings.fromEnv(env);
            streamsConfig = TopologyConfig.fromEnv(env);
            env.validate();
        } catch (ConfigException e) {
            ConfigException.exitWith(e, "aiguardian");
            return;
        }
        Standalone standalone = new Standalone(config, gatewayConfig, workerConfig).withBudgets(budgets)
                .withStreams(streamsConfig);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.err.println("AIGuardian stopping...");
            standalone.close();
            System.err.println("AIGuardian stopped");
            org.apache.logging.log4j.LogManager.shutdown();
            stopped.countDown();
        }, "aiguardian-shutdown"));
        try {
            standalone.start();
        } catch (Exception e) {
            System.err.println("AIGuardian failed to start: " + e);
            standalone.close();
            System.exit(1);
        }
        System.out.printf("AIGuardian ready in %.2f s: http://localhost:%d (Kafka %s, data %s)%n",
                (System.nanoTime() - t0) / 1e9, standalone.port(), standalone.bootstrapServers(),
                config.externalKafka().isPresent() ? "external" : config.dataDir());
        System.out.flush();
        stopped.await();
    }
}
