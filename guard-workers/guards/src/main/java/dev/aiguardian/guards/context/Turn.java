package dev.aiguardian.guards.context;

import java.time.Instant;
import java.util.Set;

/**
 * One remembered chat turn: its text, who said it, its token count (content only, in the
 * session's encoding), when it arrived, and whether it is pinned (kept in every window).
 */
public record Turn(String text, String role, int tokens, Instant at, boolean pinned) {

    public static final String USER = "user";
    public static final String ASSISTANT = "assistant";
    public static final String SYSTEM = "system";
    public static final Set<String> ROLES = Set.of(USER, ASSISTANT, SYSTEM);

    public Turn {
        if (text == null) {
            throw new IllegalArgumentException("text is required");
        }
        if (!ROLES.contains(role)) {
            throw new IllegalArgumentException("role must be one of user, assistant, system, was " + role);
        }
        if (tokens < 0) {
            throw new IllegalArgumentException("tokens must be >= 0");
        }
        if (at == null) {
            throw new IllegalArgumentException("at is required");
        }
    }

    /** System turns carry the instructions the model must always see, so they behave as pinned. */
    public boolean kept() {
        return pinned || SYSTEM.equals(role);
    }
}
