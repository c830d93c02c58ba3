package dev.aiguardian.guards.context;

import dev.aiguardian.guards.guard.GuardInput;
import dev.aiguardian.guards.guard.InvalidOptionException;

/**
 * ContextGuard's payload options, parsed once for {@link ContextGuard#apply} and for checking a
 * request before it is published.
 *
 * @param role             who speaks the turn ({@code role}: user, assistant, system; default user)
 * @param pin              keep the turn in every window ({@code pin}; default false)
 * @param reset            forget the session first ({@code reset}; default false)
 * @param maxContextTokens the window's budget ({@code max_context_tokens}), or null for the configured default
 * @param semantic         whether drift also uses the semantic layer ({@code semantic}; default true, where loaded)
 */
public record ContextOptions(String role, boolean pin, boolean reset, Integer maxContextTokens, boolean semantic) {

    /** @throws InvalidOptionException naming the option and the fix */
    public static ContextOptions parse(GuardInput input) {
        String role = input.stringOption("role").orElse(Turn.USER);
        if (!Turn.ROLES.contains(role)) {
            throw new InvalidOptionException("role", "'" + role + "' is not a role; use user, assistant or system");
        }
        boolean pin = input.boolOption("pin").orElse(false);
        boolean reset = input.boolOption("reset").orElse(false);
        Integer budget = input.longOption("max_context_tokens", 1, Integer.MAX_VALUE).map(Long::intValue).orElse(null);
        return new ContextOptions(role, pin, reset, budget, input.boolOption("semantic").orElse(true));
    }
}
