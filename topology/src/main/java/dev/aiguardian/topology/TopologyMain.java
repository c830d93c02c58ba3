package dev.aiguardian.topology;

import dev.aiguardian.config.Env;
import dev.aiguardian.config.ProcessRunner;
import dev.aiguardian.kafka.TopicBootstrap;
import dev.aiguardian.secrets.StartupEnvironment;

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
            StreamsServices services = new StreamsServices(config);
            return new ProcessRunner.Service() {
                @Override
                public void start() throws Exception {
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
                }
            };
        });
    }
}
