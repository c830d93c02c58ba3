package dev.aiguardian.gateway;

import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.aiguardian.config.Env;
import dev.aiguardian.config.ProcessRunner;
import dev.aiguardian.secrets.SecretRotation;
import dev.aiguardian.secrets.StartupEnvironment;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

/** Runs the gateway as its own process (the {@code gateway} role; one container in production). */
public final class GatewayMain {
    private static final Logger LOG = LoggerFactory.getLogger(GatewayMain.class);

    private GatewayMain() {
    }

    public static void main(String[] args) throws Exception {
        ProcessRunner.run("aiguardian-gateway", () -> {
            StartupEnvironment startup = StartupEnvironment.load();
            Env env = startup.env();
            GatewayConfig config = GatewayConfig.fromEnv(env);
            env.validate();
            if (env.raw("SECRET_KEY").isEmpty()) {
                LOG.warn("SECRET_KEY is not set: using a random key for this run (development only)");
            }
            PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
            // A rotated value is taken only if the whole configuration still reads without a problem.
            SecretRotation secrets = startup.rotation(GatewayConfig::fromEnv, GatewayConfig.ROTATABLE);
            secrets.bindTo(registry);
            Gateway gateway = new Gateway(config, registry, secrets);
            return new ProcessRunner.Service() {
                @Override
                public void start() throws Exception {
                    gateway.start();
                    if (!gateway.awaitReady(Duration.ofSeconds(60))) {
                        LOG.warn("Gateway not ready after 60 s: {}", gateway.readiness());
                    }
                }

                @Override
                public String readyMessage(double seconds) {
                    return String.format("aiguardian-gateway ready in %.2f s: http://localhost:%d (Kafka %s)", seconds,
                            gateway.port(), config.kafka().bootstrapServers());
                }

                @Override
                public void close() throws Exception {
                    gateway.close();
                    secrets.close();
                }
            };
        });
    }
}
