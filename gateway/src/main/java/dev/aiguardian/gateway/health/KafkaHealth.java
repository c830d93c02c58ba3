package dev.aiguardian.gateway.health;

import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.aiguardian.gateway.GatewayConfig;

/** Whether the Kafka cluster answers, checked every few seconds off the event loops. */
public final class KafkaHealth implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(KafkaHealth.class);

    private final Admin admin;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "aiguardian-kafka-health");
        t.setDaemon(true);
        return t;
    });
    private volatile boolean up;
    private volatile String lastError = "not checked yet";

    public KafkaHealth(GatewayConfig config) {
        this.admin = Admin.create(config.kafka().admin(config.clientId() + "-health", Map.of(
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5000,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 3000)));
    }

    public Admin admin() {
        return admin;
    }

    public void start() {
        check();
        timer.scheduleWithFixedDelay(this::check, 5, 5, TimeUnit.SECONDS);
    }

    private void check() {
        try {
            admin.describeCluster(new DescribeClusterOptions().timeoutMs(3000)).nodes().get(4, TimeUnit.SECONDS);
            if (!up) {
                LOG.info("Kafka answers");
            }
            up = true;
        } catch (Exception e) {
            if (up) {
                LOG.warn("Kafka does not answer: {}", e.toString());
            }
            up = false;
            lastError = e.getClass().getSimpleName();
        }
    }

    public boolean isUp() {
        return up;
    }

    public String lastError() {
        return lastError;
    }

    @Override
    public void close() {
        timer.shutdownNow();
        admin.close(java.time.Duration.ofSeconds(5));
    }
}
