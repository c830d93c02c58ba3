package dev.aiguardian.guards.bias;

import java.util.EnumSet;
import java.util.Set;

import dev.aiguardian.guards.guard.GuardInput;
import dev.aiguardian.guards.guard.InvalidOptionException;

/**
 * BiasGuard's payload options, parsed once for {@link BiasGuard#inspect} and for checking a request
 * before it is published.
 *
 * @param categories  the categories to report ({@code categories}; default all)
 * @param minSeverity the lowest severity reported ({@code min_severity}: low, medium, high; default low)
 * @param rewrite     whether to propose {@code rewritten_text} ({@code rewrite}; default true)
 * @param semantic    whether the semantic layer may judge hostility ({@code semantic}; default true, where loaded)
 */
public record BiasOptions(Set<BiasCategory> categories, Severity minSeverity, boolean rewrite, boolean semantic) {

    /** @throws InvalidOptionException naming the option and the fix */
    public static BiasOptions parse(GuardInput input) {
        Set<BiasCategory> categories = categories(input);
        Severity minSeverity = input.stringOption("min_severity")
                .map(s -> Severity.find(s).orElseThrow(() -> new InvalidOptionException("min_severity",
                        "'" + s + "' is not a severity; use low, medium or high")))
                .orElse(Severity.LOW);
        return new BiasOptions(categories, minSeverity, input.boolOption("rewrite").orElse(true),
                input.boolOption("semantic").orElse(true));
    }

    private static Set<BiasCategory> categories(GuardInput input) {
        return input.stringListOption("categories").map(names -> {
            Set<BiasCategory> set = EnumSet.noneOf(BiasCategory.class);
            for (String n : names) {
                set.add(BiasCategory.find(n).orElseThrow(() -> new InvalidOptionException("categories",
                        "contains unknown category '" + n + "'; use any of " + BiasCategory.wireNames())));
            }
            if (set.isEmpty()) {
                throw new InvalidOptionException("categories", "is empty; omit it or name at least one of "
                        + BiasCategory.wireNames());
            }
            return set;
        }).orElse(EnumSet.allOf(BiasCategory.class));
    }
}
