package dev.aiguardian.topology;

import java.util.concurrent.CountDownLatch;

import dev.aiguardian.config.ConfigException;
import dev.aiguardian.config.Env;
import dev.aiguardian.kafka.TopicBootstrap;

/** Runs the Streams applications as their own process (the {@code topology} role and container). */
public final class TopologyMain {

    private TopologyMain() {
    }

    public static void main(String[] args) throws Exception {
        TopologyConfig config;
        TopicBootstrap topics;
        try {
            Env env = Env.system();
            config = TopologyConfig.fromEnv(env);
            topics = TopicBootstrap.fromEnv(env);
            env.validate();
        } catch (ConfigException e) {
            ConfigException.exitWith(e, "aiguardian-topology");
            return;
        }
        StreamsServices services = new StreamsServices(config);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            services.close();
            stopped.countDown();
        }, "aiguardian-topology-shutdown"));
        try {
            topics.ensure(config.kafka(), config.instance());
            services.start();
        } catch (Exception e) {
            System.err.println("aiguardian-topology failed to start: " + e);
            services.close();
            System.exit(1);
        }
        System.out.println("aiguardian-topology running " + config.apps() + " against "
                + config.kafka().bootstrapServers() + ", state in " + config.stateDir());
        stopped.await();
    }
}
