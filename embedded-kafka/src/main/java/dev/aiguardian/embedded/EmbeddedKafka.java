package dev.aiguardian.embedded;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;

/** A real single-node KRaft broker (controller and broker combined) running inside this JVM. */
public final class EmbeddedKafka implements AutoCloseable {
    public static final String LOOPBACK = "127.0.0.1";

    private final KafkaClusterTestKit cluster;
    private final String bootstrapServers;

    private EmbeddedKafka(KafkaClusterTestKit cluster, String bootstrapServers) {
        this.cluster = cluster;
        this.bootstrapServers = bootstrapServers;
    }

    /**
     * Starts a broker whose logs live under {@code dataDir}.
     *
     * @param externalPort a fixed port on 127.0.0.1 for clients outside the JVM (kcat, another
     *                     process), or 0 for none: the test kit's own listeners always take random ports
     */
    public static EmbeddedKafka start(Path dataDir, int externalPort) throws Exception {
        return start(dataDir, externalPort, LOOPBACK, LOOPBACK);
    }

    /**
     * Starts a broker whose outside listener binds {@code listenHost:externalPort} and is announced to
     * clients as {@code advertisedHost:externalPort} (in a container: bind 0.0.0.0, advertise the
     * service's name).
     */
    public static EmbeddedKafka start(Path dataDir, int externalPort, String listenHost, String advertisedHost)
            throws Exception {
        Map<String, String> listeners = new LinkedHashMap<>();
        if (externalPort > 0) {
            // The kit picks random ports for its own listeners; a third one gives outside
            // clients a stable address.
            listeners.put("listeners",
                    "EXTERNAL://localhost:0,CONTROLLER://localhost:0,LOCAL://" + listenHost + ":" + externalPort);
            listeners.put("listener.security.protocol.map", "EXTERNAL:PLAINTEXT,CONTROLLER:PLAINTEXT,LOCAL:PLAINTEXT");
            if (!advertisedHost.equals(listenHost)) {
                // Port 0 is replaced by the bound port when the broker registers.
                listeners.put("advertised.listeners",
                        "EXTERNAL://localhost:0,LOCAL://" + advertisedHost + ":" + externalPort);
            }
        }
        return start(dataDir, listeners, externalPort > 0 ? advertisedHost + ":" + externalPort : null);
    }

    /**
     * Starts a broker with extra broker settings (e.g. a TLS listener of its own); clients are told
     * to use {@code bootstrapServers}, or the kit's own random PLAINTEXT listener when that is null.
     */
    public static EmbeddedKafka start(Path dataDir, Map<String, String> brokerProps, String bootstrapServers)
            throws Exception {
        Files.createDirectories(dataDir);
        // Our own folder: the kit's default temp folder is deleted by a JVM shutdown hook while the
        // broker may still be running, which fails every log dir on the way down.
        TestKitNodes nodes = new TestKitNodes.Builder()
                .setClusterId(clusterId(dataDir))
                .setBaseDirectory(dataDir)
                .setCombined(true)
                .setNumBrokerNodes(1)
                .setNumControllerNodes(1)
                .build();
        KafkaClusterTestKit.Builder builder = new KafkaClusterTestKit.Builder(nodes)
                .setDeleteOnClose(false)
                .setConfigProp("offsets.topic.replication.factor", "1")
                .setConfigProp("offsets.topic.num.partitions", "4")
                .setConfigProp("transaction.state.log.replication.factor", "1")
                .setConfigProp("transaction.state.log.min.isr", "1")
                .setConfigProp("transaction.state.log.num.partitions", "4")
                .setConfigProp("share.coordinator.state.topic.replication.factor", "1")
                .setConfigProp("share.coordinator.state.topic.min.isr", "1")
                // A lone broker has nobody to wait for: rebalance as soon as a member joins.
                .setConfigProp("group.initial.rebalance.delay.ms", "0")
                .setConfigProp("auto.create.topics.enable", "false")
                // After a crash the restarted broker cannot register until its old registration's session
                // ends (9 s by default); one node has no flapping peers to protect against.
                .setConfigProp("broker.session.timeout.ms", "2000")
                .setConfigProp("broker.heartbeat.interval.ms", "500");
        brokerProps.forEach(builder::setConfigProp);
        KafkaClusterTestKit cluster = builder.build();
        try {
            // A restart on the same folder reuses the logs: formatting again is refused ("already formatted").
            if (!formatted(dataDir)) {
                cluster.format();
            }
            cluster.startup();
            cluster.waitForReadyBrokers();
        } catch (Exception e) {
            closeQuietly(cluster);
            throw e;
        }
        return new EmbeddedKafka(cluster, bootstrapServers != null ? bootstrapServers : cluster.bootstrapServers());
    }

    /** Starts a throw-away broker in a fresh temporary folder, reachable only through {@link #bootstrapServers()}. */
    public static EmbeddedKafka startEphemeral() throws Exception {
        return start(Files.createTempDirectory("aiguardian-kafka-"), 0);
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    @Override
    public void close() throws Exception {
        cluster.close();
    }

    private static void closeQuietly(KafkaClusterTestKit cluster) {
        try {
            cluster.close();
        } catch (Exception ignored) {
            // already failing: the start-up error is the one worth reporting
        }
    }

    // Formatting writes meta.properties into each log dir (combined_0_0/ and its metadata dir).
    private static boolean formatted(Path dataDir) throws IOException {
        try (java.util.stream.Stream<Path> files = Files.walk(dataDir, 3)) {
            return files.anyMatch(f -> f.getFileName().toString().equals("meta.properties"));
        }
    }

    // The same cluster id on every start lets a restart with the same data folder reuse its logs.
    private static String clusterId(Path dataDir) throws IOException {
        Path file = dataDir.resolve("cluster.id");
        if (Files.exists(file)) {
            return Files.readString(file, StandardCharsets.UTF_8).trim();
        }
        String id = Uuid.randomUuid().toString();
        Files.writeString(file, id, StandardCharsets.UTF_8);
        return id;
    }
}
