package dev.aiguardian.topology;

import dev.aiguardian.config.Env;
import dev.aiguardian.config.Preflight;
import dev.aiguardian.config.ProcessRunner;
import dev.aiguardian.kafka.MetricsEndpoint;
import dev.aiguardian.kafka.TopicBootstrap;
import dev.aiguardian.secrets.StartupEnvironment;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

/** Runs the Streams applications as their own process (the {@code topology} role and container). */
public final class TopologyMain {

    private TopologyMain() {
    }

    public static void main(String[] args) throws Exception {
        ProcessRunner.run("aiguardian-topology", () -> {
            Env env = StartupEnvironment.load().env();
            TopologyConfig config = TopologyConfig.fromEnv(env);
            TopicBootstrap topics = TopicBootstrap.fromEnv(env);
            env.validate();
            PrometheusMeterRegistry registry = MetricsEndpoint.processRegistry();
            StreamsServices services = new StreamsServices(config, registry);
            return new ProcessRunner.Service() {
                private volatile MetricsEndpoint endpoint;

                @Override
                public void start() throws Exception {
                    if (config.metricsPort() > 0) {
                        Preflight.portFree("TOPOLOGY_METRICS_PORT", "0.0.0.0", config.metricsPort());
                        // Served from the start: restoring state after a crash can take minutes, and that is when
                        // the Streams metrics (restoration, state) matter; /health/live is liveness, not readiness.
                        endpoint = MetricsEndpoint.start(config.metricsPort(), registry, "aiguardian-topology");
                    }
                    config.kafka().awaitCluster(config.instance());
                    topics.ensure(config.kafka(), config.instance());
                    services.start();
                }

                @Override
                public String readyMessage(double seconds) {
                    return String.format("aiguardian-topology ready in %.2f s: %s (Kafka %s, state in %s)", seconds,
                            config.apps(), config.kafka().bootstrapServers(), config.stateDir());
                }

                @Override
                public void close() {
                    services.close();
                    if (endpoint != null) {
                        endpoint.close();
                    }
                }
            };
        });
    }
}
