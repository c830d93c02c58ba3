package dev.aiguardian.topology.usage;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.List;

import org.apache.kafka.common.serialization.Serde;

import dev.aiguardian.schemas.UsagePeriod;
import dev.aiguardian.schemas.UsageTotals;
import dev.aiguardian.topology.common.StoreFormat;

/**
 * The usage stores' value format: fixed binary fields instead of JSON. Every call updates four window
 * aggregates and two totals, and a cached store keeps bytes, so each update reads and writes its value
 * once more; as JSON (with its instants) that was most of the usage application's time. Values that
 * earlier versions stored as JSON (changelogs restored after an upgrade) are still read. The totals
 * topics, which others read, stay JSON.
 */
final class UsageStoreFormat {
    private static final byte PERIOD = 1;
    private static final byte TOTALS = 2;
    private static final int PERIOD_BODY = 1 + 2 * StoreFormat.INSTANT + 4 * 8 + 8;
    // Stored as their place in these lists: append, never reorder.
    private static final List<String> WINDOWS = List.of(UsagePeriod.DAY, UsagePeriod.MONTH);
    private static final List<String> SCOPES = List.of(UsageTotals.USER, UsageTotals.SESSION);

    private UsageStoreFormat() {
    }

    static Serde<UsagePeriod> periods() {
        return StoreFormat.serde(UsagePeriod.class, PERIOD, p -> {
            ByteBuffer b = ByteBuffer.allocate(1 + PERIOD_BODY).put(PERIOD);
            period(b, p);
            return b.array();
        }, UsageStoreFormat::period);
    }

    static Serde<UsageTotals> totals() {
        return StoreFormat.serde(UsageTotals.class, TOTALS, t -> {
            byte[] id = StoreFormat.utf8(t.id());
            ByteBuffer b = ByteBuffer.allocate(1 + 1 + StoreFormat.stringSize(id) + 2 * (1 + PERIOD_BODY)
                    + StoreFormat.INSTANT).put(TOTALS).put(scope(t.scope()));
            StoreFormat.string(b, id);
            optionalPeriod(b, t.day());
            optionalPeriod(b, t.month());
            StoreFormat.instant(b, t.updatedAt());
            return java.util.Arrays.copyOf(b.array(), b.position());
        }, b -> {
            String scope = scope(b.get());
            String id = StoreFormat.string(b);
            UsagePeriod day = b.get() == 0 ? null : period(b);
            UsagePeriod month = b.get() == 0 ? null : period(b);
            return new UsageTotals(scope, id, day, month, StoreFormat.instant(b));
        });
    }

    private static void period(ByteBuffer b, UsagePeriod p) {
        b.put(window(p.window()));
        StoreFormat.instant(b, p.start());
        StoreFormat.instant(b, p.end());
        b.putLong(p.requests()).putLong(p.inputTokens()).putLong(p.outputTokens()).putLong(p.tokens())
                .putDouble(p.costUsd());
    }

    private static UsagePeriod period(ByteBuffer b) {
        String window = window(b.get());
        Instant start = StoreFormat.instant(b);
        Instant end = StoreFormat.instant(b);
        return new UsagePeriod(window, start, end, b.getLong(), b.getLong(), b.getLong(), b.getLong(), b.getDouble());
    }

    private static void optionalPeriod(ByteBuffer b, UsagePeriod p) {
        b.put((byte) (p == null ? 0 : 1));
        if (p != null) {
            period(b, p);
        }
    }

    private static byte window(String name) {
        return StoreFormat.code("usage window", name, WINDOWS);
    }

    private static String window(byte code) {
        return StoreFormat.name("usage window", code, WINDOWS);
    }

    private static byte scope(String scope) {
        return StoreFormat.code("usage scope", scope, SCOPES);
    }

    private static String scope(byte code) {
        return StoreFormat.name("usage scope", code, SCOPES);
    }
}
