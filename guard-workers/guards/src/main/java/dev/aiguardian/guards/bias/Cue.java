package dev.aiguardian.guards.bias;

import java.util.Locale;
import java.util.Optional;

/**
 * The cue-word kinds of {@code bias/cues.tsv} that the detectors ask about per token, so that one hash
 * probe per word gives a bit set answering every "is this word a &lt;kind&gt;?" question.
 */
enum Cue {
    QUANTIFIER, PREPOSITION, STOP, NEUTRAL, INTENSIFIER, TRAIT, INABILITY, STRUCTURAL, STATISTIC, EVALUATIVE,
    CLAUSE_END, REQUIREMENT, DIRECTED, GENERIC, ROLE, ROLE_ADJECTIVE, FEMALE_MARKER, MALE_MARKER, META, FRAME,
    FRAME_THAT, FRAME_REPORTING, REPORTING_OPENER, FALSITY, NEGATOR;

    private final long bit = 1L << ordinal();
    private final String wireName = name().toLowerCase(Locale.ROOT);

    long bit() {
        return bit;
    }

    /** The kind named in the file's second column; kinds only used while loading (group_head...) have none. */
    static Optional<Cue> find(String kind) {
        for (Cue c : values()) {
            if (c.wireName.equals(kind)) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }
}
