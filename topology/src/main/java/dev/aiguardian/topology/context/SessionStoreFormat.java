package dev.aiguardian.topology.context;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.common.serialization.Serde;

import dev.aiguardian.guards.context.SessionMemory;
import dev.aiguardian.guards.context.Turn;
import dev.aiguardian.topology.common.StoreFormat;

/**
 * The session store's value format: binary fields instead of JSON. The context app reads and writes a session on
 * every turn, and its topic centroid (up to 1,500 feature weights) as a JSON object cost as much as judging the turn
 * (55–95 µs to write and 80 µs to read a 24-turn session, docs/benchmarks.md, session 11). Sessions that earlier
 * versions stored as JSON (a changelog restored after an upgrade) are still read; a version before this one cannot
 * read what this one writes.
 */
final class SessionStoreFormat {
    private static final byte SESSION = 3;
    // Stored as their place in this list: append, never reorder.
    private static final List<String> ROLES = List.of(Turn.USER, Turn.ASSISTANT, Turn.SYSTEM);

    private SessionStoreFormat() {
    }

    static Serde<SessionMemory> sessions() {
        return StoreFormat.serde(SessionMemory.class, SESSION, SessionStoreFormat::write, SessionStoreFormat::read);
    }

    private static byte[] write(SessionMemory m) {
        List<byte[]> texts = new ArrayList<>(m.turns().size());
        int size = 1 + 4 + m.centroid().size() * 12 + 4 + StoreFormat.INSTANT;
        for (Turn t : m.turns()) {
            byte[] text = StoreFormat.utf8(t.text());
            texts.add(text);
            size += StoreFormat.stringSize(text) + 1 + 4 + StoreFormat.INSTANT + 1;
        }
        byte[] semantic = StoreFormat.utf8(m.semanticCentroid());
        size += 4 + StoreFormat.stringSize(semantic);
        ByteBuffer b = ByteBuffer.allocate(size).put(SESSION).putInt(m.turns().size());
        for (int i = 0; i < texts.size(); i++) {
            Turn t = m.turns().get(i);
            StoreFormat.string(b, texts.get(i));
            b.put(StoreFormat.code("turn role", t.role(), ROLES)).putInt(t.tokens());
            StoreFormat.instant(b, t.at());
            b.put((byte) (t.pinned() ? 1 : 0));
        }
        b.putInt(m.centroid().size());
        m.centroid().forEach((id, w) -> b.putInt(id).putDouble(w));
        b.putInt(m.topicTurns());
        StoreFormat.instant(b, m.lastActive());
        StoreFormat.string(b, semantic);
        return b.array();
    }

    private static SessionMemory read(ByteBuffer b) {
        int turns = count(b, 1 + 4 + 4 + StoreFormat.INSTANT + 1);
        List<Turn> list = new ArrayList<>(turns);
        for (int i = 0; i < turns; i++) {
            String text = StoreFormat.string(b);
            String role = StoreFormat.name("turn role", b.get(), ROLES);
            int tokens = b.getInt();
            list.add(new Turn(text, role, tokens, StoreFormat.instant(b), b.get() != 0));
        }
        int features = count(b, 12);
        Map<Integer, Double> centroid = new LinkedHashMap<>(features * 2);
        for (int i = 0; i < features; i++) {
            centroid.put(b.getInt(), b.getDouble());
        }
        int topicTurns = b.getInt();
        return new SessionMemory(list, centroid, topicTurns, StoreFormat.instant(b), StoreFormat.string(b));
    }

    /** A count of items of at least {@code minBytes} each, refused when the bytes left cannot hold that many. */
    private static int count(ByteBuffer b, int minBytes) {
        int n = b.getInt();
        if (n < 0 || (long) n * minBytes > b.remaining()) {
            throw new IllegalArgumentException("count " + n + " for " + b.remaining() + " bytes left");
        }
        return n;
    }
}
