package dev.aiguardian.standalone;

import java.util.Optional;

import dev.aiguardian.config.Env;
import dev.aiguardian.config.Preflight;
import dev.aiguardian.config.ProcessRunner;
import dev.aiguardian.embedded.EmbeddedKafka;
import dev.aiguardian.gateway.GatewayConfig;
import dev.aiguardian.gateway.GatewayMain;
import dev.aiguardian.guards.budget.BudgetSettings;
import dev.aiguardian.guards.guard.GuardCatalog;
import dev.aiguardian.kafka.KafkaSettings;
import dev.aiguardian.kafka.SizeBudget;
import dev.aiguardian.kafka.TopicBootstrap;
import dev.aiguardian.secrets.SecretRotation;
import dev.aiguardian.secrets.StartupEnvironment;
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
        // Every role logs from its own shutdown hook while stopping ("Gateway stopped", "Worker … stopped");
        // log4j's own hook would close logging under it. The console appender needs no closing.
        System.setProperty("log4j.shutdownHookEnabled", "false");
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
        ProcessRunner.run("aiguardian", () -> {
            StartupEnvironment startup = StartupEnvironment.load();
            Env env = startup.env();
            StandaloneConfig config = StandaloneConfig.fromEnv(env);
            GatewayConfig gatewayConfig = GatewayConfig.fromEnv(env);
            WorkerConfig workerConfig = WorkerConfig.fromEnv(env, GuardCatalog.standard().available());
            BudgetSettings budgets = BudgetSettings.fromEnv(env);
            TopologyConfig streamsConfig = TopologyConfig.fromEnv(env);
            env.validate();
            SecretRotation secrets = startup.rotation(GatewayConfig::fromEnv, GatewayConfig.ROTATABLE);
            Standalone standalone = new Standalone(config, gatewayConfig, workerConfig).withBudgets(budgets)
                    .withStreams(streamsConfig).withSecrets(secrets);
            secrets.bindTo(standalone.registry());
            return new ProcessRunner.Service() {
                @Override
                public void start() throws Exception {
                    standalone.start();
                }

                @Override
                public String readyMessage(double seconds) {
                    return String.format("AIGuardian ready in %.2f s: http://localhost:%d (Kafka %s, data %s)",
                            seconds, standalone.port(), standalone.bootstrapServers(),
                            config.externalKafka().isPresent() ? "external" : config.dataDir());
                }

                @Override
                public void close() {
                    System.err.println("AIGuardian stopping...");
                    standalone.close();
                    secrets.close();
                    System.err.println("AIGuardian stopped");
                    org.apache.logging.log4j.LogManager.shutdown();
                }
            };
        });
    }

    private static void runBroker() throws Exception {
        ProcessRunner.run("aiguardian-broker", () -> {
            Env env = StartupEnvironment.load().env();
            StandaloneConfig config = StandaloneConfig.fromEnv(env);
            TopicBootstrap topics = TopicBootstrap.fromEnv(env);
            // The topics' record limits follow MAX_BODY_BYTES, as in every other role.
            SizeBudget sizes = SizeBudget.fromEnv(env);
            env.validate();
            return new ProcessRunner.Service() {
                private volatile EmbeddedKafka kafka;

                @Override
                public void start() throws Exception {
                    Preflight.portFree("KAFKA_PORT", config.listenHost(), config.kafkaPort());
                    kafka = config.startBroker();
                    // Clients on this host reach the broker on its outside listener whatever it advertises.
                    topics.ensure(KafkaSettings.of(EmbeddedKafka.LOOPBACK + ":" + config.kafkaPort()).withSizes(sizes),
                            "broker");
                }

                @Override
                public String readyMessage(double seconds) {
                    return String.format("aiguardian-broker ready in %.2f s: %s (data %s)", seconds,
                            kafka.bootstrapServers(), config.dataDir());
                }

                @Override
                public void close() throws Exception {
                    if (kafka != null) {
                        System.err.println("aiguardian-broker stopping...");
                        kafka.close();
                        System.err.println("aiguardian-broker stopped");
                    }
                }
            };
        });
    }
}
