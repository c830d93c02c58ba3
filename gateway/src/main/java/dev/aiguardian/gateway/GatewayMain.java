package dev.aiguardian.gateway;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.aiguardian.config.ConfigException;
import dev.aiguardian.config.Env;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

/** Runs the gateway as its own process (one container in production). */
public final class GatewayMain {
    private static final Logger LOG = LoggerFactory.getLogger(GatewayMain.class);

    private GatewayMain() {
    }

    public static void main(String[] args) throws Exception {
        GatewayConfig config;
        try {
            Env env = Env.system();
            config = GatewayConfig.fromEnv(env);
            env.validate();
        } catch (ConfigException e) {
            ConfigException.exitWith(e, "aiguardian-gateway");
            return;
        }
        if (Env.system().raw("SECRET_KEY").isEmpty()) {
            LOG.warn("SECRET_KEY is not set: using a random key for this run (development only)");
        }
        Gateway gateway = new Gateway(config, new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                gateway.close();
            } catch (Exception e) {
                LOG.warn("Gateway did not stop cleanly: {}", e.toString());
            } finally {
                stopped.countDown();
            }
        }, "aiguardian-shutdown"));
        gateway.start();
        if (!gateway.awaitReady(Duration.ofSeconds(60))) {
            LOG.warn("Gateway not ready after 60 s: {}", gateway.readiness());
        }
        stopped.await();
    }
}
