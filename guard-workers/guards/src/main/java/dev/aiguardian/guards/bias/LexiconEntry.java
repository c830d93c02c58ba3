package dev.aiguardian.guards.bias;

import java.util.List;

/**
 * One line of a lexicon: the term, what it is, how bad it is, what to say instead, and when it
 * counts ({@code context}: {@code any}, {@code directed} at a person, or in a {@code requirement}).
 *
 * @param rewrite the replacement used in {@code rewritten_text}: empty for none, {@code *} to mask
 */
public record LexiconEntry(String term, BiasCategory category, String type, Severity severity,
                           List<String> alternatives, String context, String rewrite) {
}
