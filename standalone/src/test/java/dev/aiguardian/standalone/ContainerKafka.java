package dev.aiguardian.standalone;

import java.io.IOException;
import java.time.Duration;
import java.util.List;

import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.utility.DockerImageName;

/**
 * The tests' broker in a container ({@code AIGUARDIAN_TEST_KAFKA=container}): the project's own image
 * ({@code AIGUARDIAN_TEST_KAFKA_IMAGE}, default {@code aiguardian:local}) in its {@code broker} role, a single-node
 * KRaft broker that creates the topics itself.
 *
 * <p>A plain {@link GenericContainer}, not Testcontainers' {@code KafkaContainer}: that one replaces the command
 * with a start script written for the apache/kafka (or confluentinc) image's scripts and layout, which this image
 * does not have. Advertised = reachable: a host port is picked free before the start, the broker listens on that
 * same port inside the container ({@code KAFKA_PORT}), Docker publishes it on the same host port, and the broker
 * advertises {@code localhost:<port>} — the address the test JVM on the host dials.
 *
 * <p>No Ryuk (its image cannot be pulled where no registry answers; standalone/pom.xml gives surefire
 * {@code TESTCONTAINERS_RYUK_DISABLED=true} and {@code TESTCONTAINERS_HOST_OVERRIDE=localhost}): the container is stopped and removed by {@link #close()} (the JUnit root store closes it after the last
 * test class), or by a shutdown hook if the JVM ends before that. Without a Docker engine or the image, the test
 * classes are skipped on a developer's machine and fail under {@code CI=true}.
 */
final class ContainerKafka implements AutoCloseable {
    static final String IMAGE_ENV = "AIGUARDIAN_TEST_KAFKA_IMAGE";
    static final String DEFAULT_IMAGE = "aiguardian:local";
    /** Label on every container this class starts: {@code docker ps -a --filter label=dev.aiguardian.test=kafka}. */
    static final String LABEL = "dev.aiguardian.test";

    private final GenericContainer<?> container;
    private final String bootstrapServers;
    private final Thread shutdownHook;

    private ContainerKafka(GenericContainer<?> container, int port) {
        this.container = container;
        this.bootstrapServers = "localhost:" + port;
        this.shutdownHook = new Thread(container::stop, "aiguardian-test-kafka-container-stop");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    static String image() {
        String image = System.getenv(IMAGE_ENV);
        return image == null || image.isBlank() ? DEFAULT_IMAGE : image.trim();
    }

    /** Skips (developer machine) or fails (CI) the calling test class when there is no engine or no image. */
    static void requireDockerAndImage() {
        String image = image();
        String problem = null;
        if (!DockerClientFactory.instance().isDockerAvailable()) {
            problem = "AIGUARDIAN_TEST_KAFKA=container, but no Docker engine answers (start dockerd)";
        } else {
            try {
                DockerClientFactory.instance().client().inspectImageCmd(image).exec();
            } catch (com.github.dockerjava.api.exception.NotFoundException e) {
                problem = "AIGUARDIAN_TEST_KAFKA=container, but the image " + image + " is not in the local Docker"
                        + " store (build it: bash scripts/compose-smoke.sh, or see README \"Containers and operations\")";
            }
        }
        if (problem != null) {
            LocalServers.missing(problem);
        }
    }

    static ContainerKafka start(int requestPartitions, int resultPartitions) throws IOException {
        String image = image();
        RuntimeException last = null;
        for (int attempt = 1; attempt <= 3; attempt++) {
            int port = LocalServers.freePort();
            GenericContainer<?> c = new GenericContainer<>(DockerImageName.parse(image))
                    .withCommand("broker")
                    .withEnv("AIGUARDIAN_ROLE", "broker")
                    .withEnv("KAFKA_PORT", Integer.toString(port))
                    .withEnv("KAFKA_LISTEN_HOST", "0.0.0.0")
                    .withEnv("KAFKA_ADVERTISED_HOST", "localhost")
                    // Throw-away data inside the container (not the image's /data volume).
                    .withEnv("DATA_DIR", "/tmp/aiguardian")
                    .withEnv("LOG_FORMAT", "text")
                    .withEnv("KAFKA_REQUEST_PARTITIONS", Integer.toString(requestPartitions))
                    .withEnv("KAFKA_RESULT_PARTITIONS", Integer.toString(resultPartitions))
                    .withEnv("KAFKA_REPLICATION_FACTOR", "1")
                    .withEnv("JAVA_OPTS", "-Xmx512m -XX:+ExitOnOutOfMemoryError -XX:-UsePerfData -Djava.io.tmpdir=/tmp")
                    .withLabel(LABEL, "kafka")
                    .withExposedPorts(port)
                    // Printed by the broker role once it listens and the topics exist.
                    .waitingFor(Wait.forLogMessage(".*aiguardian-broker ready in .*", 1)
                            .withStartupTimeout(Duration.ofMinutes(3)));
            c.setPortBindings(List.of(port + ":" + port));
            try {
                c.start();
                return new ContainerKafka(c, port);
            } catch (RuntimeException e) {
                last = e;
                String logs = "";
                try {
                    logs = c.getLogs();
                } catch (RuntimeException ignored) {
                    // never created: nothing to show
                }
                c.stop();
                if (!portTaken(e) || attempt == 3) {
                    System.err.println("[test-kafka] container broker did not start; its output:\n" + logs);
                    throw e;
                }
                System.err.println("[test-kafka] host port " + port + " was taken before Docker bound it; retrying");
            }
        }
        throw last;
    }

    String bootstrapServers() {
        return bootstrapServers;
    }

    String describe() {
        return "container " + container.getDockerImageName() + " (id " + container.getContainerId().substring(0, 12)
                + ", role broker) at " + bootstrapServers;
    }

    @Override
    public void close() {
        String id = container.getContainerId();
        container.stop();   // stops and removes it, with its anonymous volumes
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException ignored) {
            // the JVM is already shutting down
        }
        System.err.println("[test-kafka] container " + id.substring(0, 12) + " stopped and removed");
    }


    private static boolean portTaken(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String m = String.valueOf(t.getMessage());
            if (m.contains("port is already allocated") || m.contains("address already in use")) {
                return true;
            }
        }
        return false;
    }
}
