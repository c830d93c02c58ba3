package dev.aiguardian.kafka;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import dev.aiguardian.config.Env;
import dev.aiguardian.config.StartupException;

/**
 * How every process reaches the cluster, read once from the environment: the bootstrap servers
 * plus any Kafka client setting the operator passes through ({@code security.protocol}, {@code sasl.*},
 * {@code ssl.*}, …), from a properties file ({@code KAFKA_CLIENT_CONFIG}, like Kafka's own
 * {@code --command-config}) and from {@code KAFKA_CLIENT_<PROPERTY>} variables, the variables winning.
 * Every producer, consumer, admin client and Streams application of the project is built here, so
 * those settings reach all of them. {@link #toString()} never shows a secret.
 */
public final class KafkaSettings {
    public static final String BOOTSTRAP_VAR = "KAFKA_BOOTSTRAP_SERVERS";
    public static final String CONFIG_FILE_VAR = "KAFKA_CLIENT_CONFIG";
    public static final String PROPERTY_PREFIX = "KAFKA_CLIENT_";
    public static final String DEFAULT_BOOTSTRAP = "localhost:9092";

    // Settings the project owns: passing them through would break a contract (commits after results,
    // the serialisers the record format needs), so they are refused rather than silently ignored.
    private static final Set<String> RESERVED = Set.of(
            CommonKeys.BOOTSTRAP, ConsumerConfig.GROUP_ID_CONFIG, ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
            ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
            ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
            ProducerConfig.TRANSACTIONAL_ID_CONFIG, ConsumerConfig.ISOLATION_LEVEL_CONFIG,
            ConsumerConfig.GROUP_INSTANCE_ID_CONFIG);
    // Derived from MAX_BODY_BYTES (SizeBudget): a different value would break the agreement of the limits.
    private static final Set<String> DERIVED = Set.of(ProducerConfig.MAX_REQUEST_SIZE_CONFIG,
            ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG);
    // May be tuned, but never below the largest record, or that record could never be sent or fetched.
    private static final Set<String> AT_LEAST_LARGEST_RECORD = Set.of(ProducerConfig.BUFFER_MEMORY_CONFIG,
            ConsumerConfig.FETCH_MAX_BYTES_CONFIG);
    private static final Pattern SECRET_NAME = Pattern.compile("password|secret|jaas|credential|token|key$",
            Pattern.CASE_INSENSITIVE);

    public static final String STARTUP_TIMEOUT_VAR = "KAFKA_STARTUP_TIMEOUT_MS";
    public static final String STATIC_MEMBER_VAR = "KAFKA_STATIC_MEMBER_ID";
    private static final Duration DEFAULT_STARTUP_TIMEOUT = Duration.ofSeconds(15);

    /**
     * Producer settings of every hop a waiting caller crosses (requests, results, dead letters); the one
     * place they are chosen. {@code linger.ms} 0: Kafka 4 lingers 5 ms by default (KIP-1030) and a sync
     * call crosses two producers, so a lone caller would wait ~10 ms more; under load batches form anyway
     * while earlier sends are in flight (measured at c=64: see docs/benchmarks.md, "Client settings").
     * {@code acks=all} and idempotence: a request or result acknowledged is never lost nor doubled by a retry.
     */
    public static final Map<String, Object> SYNC_PATH_PRODUCER = Map.of(
            ProducerConfig.LINGER_MS_CONFIG, 0,
            ProducerConfig.ACKS_CONFIG, "all",
            ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    /**
     * Consumer settings of the sync path (guard workers, reply listener). {@code fetch.min.bytes}
     * 1: the broker answers a fetch as soon as one record arrives; more would hold a lone caller's record
     * until {@code fetch.max.wait.ms}. {@code fetch.max.wait.ms} 500 (Kafka's default) only bounds how long
     * an idle fetch is parked at the broker: shorter costs broker CPU when idle and no latency when busy.
     * That holds only while every fetch covers every partition the client reads: a poll with some partitions
     * paused sends a fetch for the others, and no further fetch goes to that broker until it returns, so records
     * for the paused ones, once resumed, wait up to the full 500 ms (the worker loop did this for its priority
     * lane; docs/benchmarks.md, 2026-12-01).
     */
    public static final Map<String, Object> SYNC_PATH_CONSUMER = Map.of(
            ConsumerConfig.FETCH_MIN_BYTES_CONFIG, 1,
            ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 500);
    /**
     * Consumer settings of the readers of guard.results that no caller waits on as it waits for its reply
     * (the job writer, the usage totals): the broker holds a fetch until 64 KiB are there or 100 ms have
     * passed. With {@code fetch.min.bytes} 1 each of them woke once per result and competed with the sync
     * path for the cores; this way, at a lone caller's rate, they wake about ten times a second, and under
     * load a fetch returns as soon as 64 KiB are there. The cost: a job or a usage total is up to 100 ms
     * later than it was (docs/benchmarks.md, 2026-12-01, session 6).
     */
    public static final Map<String, Object> BACKGROUND_CONSUMER = Map.of(
            ConsumerConfig.FETCH_MIN_BYTES_CONFIG, 64 * 1024,
            ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 100);

    /** {@code defaults} with {@code overrides} on top: a client's own settings added to a shared set above. */
    public static Map<String, Object> tuned(Map<String, ?> defaults, Map<String, ?> overrides) {
        Map<String, Object> all = new LinkedHashMap<>(defaults);
        all.putAll(overrides);
        return all;
    }

    private final String bootstrapServers;
    private final Map<String, String> passThrough;
    private final SizeBudget sizes;
    private final Duration startupTimeout;
    private final Optional<String> staticMemberId;

    private KafkaSettings(String bootstrapServers, Map<String, String> passThrough, SizeBudget sizes,
                          Duration startupTimeout, Optional<String> staticMemberId) {
        this.bootstrapServers = bootstrapServers;
        this.passThrough = Collections.unmodifiableMap(new TreeMap<>(passThrough));
        this.sizes = sizes;
        this.startupTimeout = startupTimeout;
        this.staticMemberId = staticMemberId;
    }

    /**
     * Reads {@code KAFKA_BOOTSTRAP_SERVERS}, {@code KAFKA_CLIENT_CONFIG}, every {@code KAFKA_CLIENT_*} variable
     * and {@code MAX_BODY_BYTES}, from which the size limits of every client follow ({@link SizeBudget}).
     */
    public static KafkaSettings fromEnv(Env env) {
        SizeBudget sizes = SizeBudget.fromEnv(env);
        Map<String, String> settings = new LinkedHashMap<>();
        env.raw(CONFIG_FILE_VAR).ifPresent(file -> readFile(env, Path.of(file), settings));
        env.withPrefix(PROPERTY_PREFIX).forEach((var, value) -> {
            if (!var.equals(CONFIG_FILE_VAR)) {
                String name = propertyName(var);
                Optional<String> refusal = refusal(name);
                if (refusal.isPresent()) {
                    env.problem(var, refusal.get());
                } else {
                    settings.put(name, value);
                }
            }
        });
        for (String name : AT_LEAST_LARGEST_RECORD) {
            String value = settings.get(name);
            if (value != null && parsesBelow(value, sizes.maxRecordBytes())) {
                env.problem(variableName(name), value, "is below the largest record (" + sizes.maxRecordBytes()
                        + " bytes, from " + SizeBudget.VARIABLE + "=" + sizes.maxBodyBytes()
                        + "); use at least that, or leave it unset");
            }
        }
        return new KafkaSettings(env.string(BOOTSTRAP_VAR, DEFAULT_BOOTSTRAP), settings, sizes,
                env.duration(STARTUP_TIMEOUT_VAR, DEFAULT_STARTUP_TIMEOUT, Duration.ofSeconds(1),
                        Duration.ofMinutes(30)),
                env.raw(STATIC_MEMBER_VAR));
    }

    /** Plain-text access to {@code bootstrapServers}, nothing passed through, default sizes (in-process runs and tests). */
    public static KafkaSettings of(String bootstrapServers) {
        return new KafkaSettings(bootstrapServers, Map.of(), SizeBudget.defaults(), DEFAULT_STARTUP_TIMEOUT,
                Optional.empty());
    }

    /** The same pass-through settings and sizes against another cluster (standalone embeds its own broker). */
    public KafkaSettings at(String newBootstrapServers) {
        return new KafkaSettings(newBootstrapServers, passThrough, sizes, startupTimeout, staticMemberId);
    }

    /** The same settings, this process being the static group member {@code id} unless one was configured. */
    public KafkaSettings withDefaultStaticMember(String id) {
        return new KafkaSettings(bootstrapServers, passThrough, sizes, startupTimeout,
                staticMemberId.or(() -> Optional.of(id)));
    }

    /**
     * The {@code group.instance.id} of this process in the group of {@code role}, when it has a stable
     * name ({@code KAFKA_STATIC_MEMBER_ID}): a restart within the session timeout then takes its
     * partitions back at once instead of waiting for its old self to expire. Must be unique per process.
     */
    public Optional<String> staticMember(String role) {
        return staticMemberId.map(id -> id + "-" + role);
    }

    /** The same settings with another size budget. */
    public KafkaSettings withSizes(SizeBudget newSizes) {
        return new KafkaSettings(bootstrapServers, passThrough, newSizes, startupTimeout, staticMemberId);
    }

    /** The size limits every client of this process is built with. */
    public SizeBudget sizes() {
        return sizes;
    }

    private static boolean parsesBelow(String value, long minimum) {
        try {
            return Long.parseLong(value.trim()) < minimum;
        } catch (NumberFormatException e) {
            return false; // Kafka itself reports a value that is not a number
        }
    }

    private static String variableName(String property) {
        return PROPERTY_PREFIX + property.toUpperCase(Locale.ROOT).replace('.', '_');
    }

    /** {@code KAFKA_CLIENT_SASL_JAAS_CONFIG} → {@code sasl.jaas.config}: lower case, {@code _} → {@code .}. */
    static String propertyName(String variable) {
        return variable.substring(PROPERTY_PREFIX.length()).toLowerCase(Locale.ROOT).replace('_', '.');
    }

    private static void readFile(Env env, Path file, Map<String, String> into) {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        } catch (IOException e) {
            env.problem(CONFIG_FILE_VAR, file.toString(), "cannot be read (" + e.getClass().getSimpleName()
                    + "); point it at a Java properties file of Kafka client settings");
            return;
        }
        for (String name : new TreeSet<>(p.stringPropertyNames())) {
            String property = name.trim();
            Optional<String> refusal = refusal(property);
            // Named after the file, not a KAFKA_CLIENT_* variable the operator never set.
            refusal.ifPresentOrElse(why -> env.problem(CONFIG_FILE_VAR, file + " " + why),
                    () -> into.put(property, p.getProperty(name).trim()));
        }
    }

    /** Why {@code name} may not be passed through, or empty when it may. */
    private static Optional<String> refusal(String name) {
        if (RESERVED.contains(name)) {
            return Optional.of("sets " + name + ", which AIGuardian sets itself; remove it"
                    + (name.equals(CommonKeys.BOOTSTRAP) ? " and use " + BOOTSTRAP_VAR : ""));
        }
        if (DERIVED.contains(name)) {
            return Optional.of("sets " + name + ", which follows from " + SizeBudget.VARIABLE
                    + " so that every limit agrees; set " + SizeBudget.VARIABLE + " instead");
        }
        if (!CommonKeys.known(name)) {
            return Optional.of("sets '" + name
                    + "', which is not a Kafka producer, consumer or admin client setting; check the spelling"
                    + " (e.g. KAFKA_CLIENT_SECURITY_PROTOCOL=SASL_SSL sets security.protocol)");
        }
        return Optional.empty();
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    /** The settings passed through, by Kafka property name; values may be secrets, never log them. */
    public Map<String, String> passThrough() {
        return passThrough;
    }

    /**
     * A producer of string keys and byte values. {@code tuning} is the project's default for this
     * producer (the operator's pass-through settings win over it).
     */
    public Properties producer(String clientId, Map<String, ?> tuning) {
        Properties p = base(clientId, sizes.producerSettings(), tuning, ProducerConfig.configNames());
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        return p;
    }

    /**
     * A consumer of string keys and byte values that never commits by itself; the caller adds its
     * group ({@link ConsumerGroups}) if it has one. {@code tuning} as for {@link #producer}.
     */
    public Properties consumer(String clientId, Map<String, ?> tuning) {
        Properties p = base(clientId, sizes.consumerSettings(), tuning, ConsumerConfig.configNames());
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        return p;
    }

    public Properties admin(String clientId, Map<String, ?> tuning) {
        return base(clientId, Map.of(), tuning, AdminClientConfig.configNames());
    }

    /**
     * A Kafka Streams application's settings: every pass-through setting applies to its inner clients.
     * The caller adds what the application itself needs (processing guarantee, serdes, prefixes).
     */
    public Properties streams(String applicationId, Path stateDir, Map<String, ?> tuning) {
        Properties p = new Properties();
        // Its producers, consumers and internal topics (changelogs, repartition topics) follow the same budget.
        sizes.producerSettings().forEach((k, v) -> p.put(org.apache.kafka.streams.StreamsConfig.producerPrefix(k), v));
        sizes.consumerSettings().forEach((k, v) -> p.put(org.apache.kafka.streams.StreamsConfig.consumerPrefix(k), v));
        sizes.consumerSettings().forEach((k, v) ->
                p.put(org.apache.kafka.streams.StreamsConfig.restoreConsumerPrefix(k), v));
        sizes.internalTopicSettings().forEach((k, v) -> p.put(org.apache.kafka.streams.StreamsConfig.topicPrefix(k), v));
        p.putAll(tuning);
        p.putAll(passThrough);
        p.put(org.apache.kafka.streams.StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        p.put(org.apache.kafka.streams.StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(org.apache.kafka.streams.StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        return p;
    }

    private Properties base(String clientId, Map<String, ?> sized, Map<String, ?> tuning, Set<String> knownToClient) {
        Properties p = new Properties();
        p.putAll(sized);
        p.putAll(tuning);
        // Only the settings this kind of client knows: the others would log "isn't a known config" warnings.
        passThrough.forEach((k, v) -> {
            if (knownToClient.contains(k)) {
                p.put(k, v);
            }
        });
        p.put(CommonKeys.BOOTSTRAP, bootstrapServers);
        p.put(CommonKeys.CLIENT_ID, clientId);
        return p;
    }

    /**
     * Waits until the cluster answers, at most {@code timeout}: a role that cannot reach Kafka stops
     * with one line naming {@code KAFKA_BOOTSTRAP_SERVERS} instead of retrying for minutes.
     */
    public void awaitCluster(String clientId) throws InterruptedException {
        Duration timeout = startupTimeout;
        int ms = (int) timeout.toMillis();
        try (Admin admin = Admin.create(admin(clientId + "-preflight", Map.of(
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, ms,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, Math.min(ms, 5_000))))) {
            admin.describeCluster(new DescribeClusterOptions().timeoutMs(ms)).nodes().get(ms + 1_000L,
                    TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
            throw new StartupException(BOOTSTRAP_VAR + "=" + bootstrapServers + ": no Kafka broker answered within "
                    + timeout.toSeconds() + " s (" + cause.getClass().getSimpleName() + "); check the address, that"
                    + " the brokers run, and the KAFKA_CLIENT_* security settings (TLS/SASL); "
                    + STARTUP_TIMEOUT_VAR + " sets how long to wait");
        }
    }

    /** Names the settings passed through, secrets masked: safe for logs. */
    @Override
    public String toString() {
        Map<String, String> shown = new TreeMap<>();
        passThrough.forEach((k, v) -> shown.put(k, secret(k) ? "***" : v));
        return "KafkaSettings[bootstrapServers=" + bootstrapServers + ", passThrough=" + shown + ", " + sizes + "]";
    }

    // Kafka's own PASSWORD type catches secrets the name pattern misses
    // (sasl.oauthbearer.assertion.private.key.passphrase), and any a later client version adds.
    private static boolean secret(String name) {
        return SECRET_NAME.matcher(name).find() || CommonKeys.PASSWORDS.contains(name);
    }

    /** The names every client shares, and whether a name is a client setting at all. */
    private static final class CommonKeys {
        static final String BOOTSTRAP = AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG;
        static final String CLIENT_ID = AdminClientConfig.CLIENT_ID_CONFIG;
        static final Set<String> PASSWORDS = Stream.of(ProducerConfig.configDef(), ConsumerConfig.configDef(),
                        AdminClientConfig.configDef())
                .flatMap(def -> def.configKeys().values().stream())
                .filter(key -> key.type == ConfigDef.Type.PASSWORD)
                .map(key -> key.name)
                .collect(Collectors.toUnmodifiableSet());

        static boolean known(String name) {
            return ProducerConfig.configNames().contains(name) || ConsumerConfig.configNames().contains(name)
                    || AdminClientConfig.configNames().contains(name);
        }
    }
}
