package dev.aiguardian.standalone;

import java.util.Optional;
import java.util.concurrent.CountDownLatch;

import dev.aiguardian.config.ConfigException;
import dev.aiguardian.config.Env;
import dev.aiguardian.embedded.EmbeddedKafka;
import dev.aiguardian.gateway.GatewayConfig;
import dev.aiguardian.gateway.GatewayMain;
import dev.aiguardian.guards.budget.BudgetSettings;
import dev.aiguardian.guards.guard.GuardCatalog;
import dev.aiguardian.kafka.KafkaSettings;
import dev.aiguardian.kafka.SizeBudget;
import dev.aiguardian.kafka.TopicBootstrap;
import dev.aiguardian.topology.TopologyConfig;
import dev.aiguardian.topology.TopologyMain;
import dev.aiguardian.workers.WorkerConfig;
import dev.aiguardian.workers.WorkerMain;

/**
 * {@code java -jar aiguardian-standalone.jar [all|broker|gateway|workers|topology]}: everything on one
 * machine with no Docker and no servers to install (the default), or one role per process.
 */
public final class StandaloneMain {

    private StandaloneMain() {
    }

    public static void main(String[] args) throws Exception {
        Optional<Role> role = args.length == 0 ? Optional.of(Role.ALL) : Role.parse(args[0]);
        if (role.isEmpty() || args.length > 1) {
            System.err.println("aiguardian: usage: java -jar aiguardian-standalone.jar [" + Role.names()
                    + "] (got '" + String.join(" ", args) + "'); settings come from the environment, see README.md");
            System.exit(2);
            return;
        }
        switch (role.get()) {
            case ALL -> runAll();
            case BROKER -> runBroker();
            case GATEWAY -> GatewayMain.main(new String[0]);
            case WORKERS -> WorkerMain.main(new String[0]);
            case TOPOLOGY -> TopologyMain.main(new String[0]);
        }
    }

    private static void runAll() throws Exception {
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

    private static void runBroker() throws Exception {
        long t0 = System.nanoTime();
        StandaloneConfig config;
        TopicBootstrap topics;
        SizeBudget sizes;
        try {
            Env env = Env.system();
            config = StandaloneConfig.fromEnv(env);
            topics = TopicBootstrap.fromEnv(env);
            // The topics' record limits follow MAX_BODY_BYTES, as in every other role.
            sizes = SizeBudget.fromEnv(env);
            env.validate();
        } catch (ConfigException e) {
            ConfigException.exitWith(e, "aiguardian-broker");
            return;
        }
        EmbeddedKafka kafka;
        try {
            kafka = config.startBroker();
            // Clients on this host reach the broker on its outside listener whatever it advertises.
            topics.ensure(KafkaSettings.of(EmbeddedKafka.LOOPBACK + ":" + config.kafkaPort()).withSizes(sizes), "broker");
        } catch (Exception e) {
            System.err.println("aiguardian-broker failed to start on " + config.listenHost() + ":" + config.kafkaPort()
                    + " (data " + config.dataDir() + "): " + e);
            System.exit(1);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                kafka.close();
            } catch (Exception e) {
                System.err.println("aiguardian-broker did not stop cleanly: " + e);
            }
            stopped.countDown();
        }, "aiguardian-broker-shutdown"));
        System.out.printf("AIGuardian broker ready in %.2f s: %s (data %s)%n", (System.nanoTime() - t0) / 1e9,
                kafka.bootstrapServers(), config.dataDir());
        System.out.flush();
        stopped.await();
    }
}
