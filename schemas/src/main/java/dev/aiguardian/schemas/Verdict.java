package dev.aiguardian.schemas;

import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** What the caller should do with the text, from the most permissive to the strictest. */
public enum Verdict {
    ALLOW, FLAG, BLOCK;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static Verdict fromWire(String wireName) {
        return valueOf(wireName.toUpperCase(Locale.ROOT));
    }

    public Verdict strictest(Verdict other) {
        return other.ordinal() > ordinal() ? other : this;
    }

    @Override
    public String toString() {
        return wireName();
    }
}
