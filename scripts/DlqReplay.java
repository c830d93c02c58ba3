// Lists the dead letters on guard.dlq and, with --execute, publishes each one's original record again on the topic
// it came from (same key, same bytes, its original headers without the aig_dlq_* ones). A single-file Java program
// on the Kafka client and the header names inside the standalone jar, no build needed:
//
//   java -cp standalone/target/aiguardian-standalone.jar scripts/DlqReplay.java --bootstrap HOST:9092 \
//        [--reason guard_error] [--topic guard.requests.trustguard] [--key REQUEST_ID] [--since 2026-11-30T10:00:00Z] \
//        [--command-config client.properties] [--execute]
//
// Without --execute it only prints what it would replay (a dry run). It reads guard.dlq from its beginning to the
// end it finds at start, with no consumer group, so running it twice replays twice: narrow it with the filters.
// docs/operations.md ("Replaying dead letters") says when a replay helps and what it cannot change.

import java.io.FileReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import dev.aiguardian.schemas.HeaderNames;
import dev.aiguardian.schemas.Topics;

public class DlqReplay {
    static final String DLQ = Topics.DLQ;
    // Every dead-letter header shares it (HeaderNames.DLQ_*): none of them goes back with the record.
    static final String PREFIX = "aig_dlq_";

    public static void main(String[] args) throws Exception {
        Map<String, String> opt = new HashMap<>();
        boolean execute = false;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--execute")) {
                execute = true;
            } else if (args[i].startsWith("--") && i + 1 < args.length) {
                opt.put(args[i].substring(2), args[++i]);
            } else {
                System.err.println("dlq-replay: unknown argument " + args[i]);
                System.exit(2);
            }
        }
        if (!opt.containsKey("bootstrap")) {
            System.err.println("dlq-replay: --bootstrap HOST:PORT is required");
            System.exit(2);
        }
        Properties common = new Properties();
        if (opt.containsKey("command-config")) {
            try (FileReader r = new FileReader(opt.get("command-config"), StandardCharsets.UTF_8)) {
                common.load(r);
            }
        }
        common.put("bootstrap.servers", opt.get("bootstrap"));
        Instant since = opt.containsKey("since") ? Instant.parse(opt.get("since")) : Instant.EPOCH;

        Properties c = new Properties();
        c.putAll(common);
        c.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        c.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        List<ConsumerRecord<String, byte[]>> chosen = new ArrayList<>();
        int read = 0;
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(c)) {
            List<TopicPartition> parts = consumer.partitionsFor(DLQ, Duration.ofSeconds(30)).stream()
                    .map(p -> new TopicPartition(DLQ, p.partition())).toList();
            consumer.assign(parts);
            consumer.seekToBeginning(parts);
            Map<TopicPartition, Long> end = consumer.endOffsets(parts, Duration.ofSeconds(30));
            while (parts.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofSeconds(1))) {
                    if (r.offset() >= end.get(new TopicPartition(r.topic(), r.partition()))) {
                        continue;
                    }
                    read++;
                    if (matches(r, opt, since)) {
                        chosen.add(r);
                    }
                }
            }
        }
        for (ConsumerRecord<String, byte[]> r : chosen) {
            System.out.printf("%s %s-%d@%d key=%s reason=%s from=%s attempts=%s error=%s%n",
                    execute ? "replay" : "would replay", r.topic(), r.partition(), r.offset(), r.key(),
                    header(r, HeaderNames.DLQ_REASON), header(r, HeaderNames.DLQ_ORIGINAL_TOPIC),
                    header(r, HeaderNames.DLQ_ATTEMPTS), header(r, HeaderNames.DLQ_EXCEPTION_MESSAGE));
        }
        if (execute && !chosen.isEmpty()) {
            Properties p = new Properties();
            p.putAll(common);
            p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
            p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
            p.put(ProducerConfig.ACKS_CONFIG, "all");
            try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(p)) {
                for (ConsumerRecord<String, byte[]> r : chosen) {
                    RecordHeaders headers = new RecordHeaders();
                    for (Header h : r.headers()) {
                        if (!h.key().startsWith(PREFIX)) {
                            headers.add(h);
                        }
                    }
                    producer.send(new ProducerRecord<>(header(r, HeaderNames.DLQ_ORIGINAL_TOPIC), null, r.key(),
                            r.value(), headers)).get();
                }
            }
        }
        System.out.printf("dlq-replay: %d dead letters read, %d %s%n", read, chosen.size(),
                execute ? "replayed" : "would be replayed (dry run: add --execute)");
    }

    static boolean matches(ConsumerRecord<String, byte[]> r, Map<String, String> opt, Instant since) {
        String topic = header(r, HeaderNames.DLQ_ORIGINAL_TOPIC);
        // Records whose origin is unknown cannot be put back anywhere.
        return topic != null && Instant.ofEpochMilli(r.timestamp()).compareTo(since) >= 0
                && (!opt.containsKey("reason") || opt.get("reason").equals(header(r, HeaderNames.DLQ_REASON)))
                && (!opt.containsKey("topic") || opt.get("topic").equals(topic))
                && (!opt.containsKey("key") || opt.get("key").equals(r.key()));
    }

    static String header(ConsumerRecord<String, byte[]> r, String name) {
        Header h = r.headers().lastHeader(name);
        return h == null || h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }
}
