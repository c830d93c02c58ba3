package dev.aiguardian.guards.bias;

/**
 * One word of the inspected text: its lower-cased form, its character span and the sentence it
 * belongs to (patterns never reach across sentences).
 */
public record Token(String norm, int start, int end, int sentence, boolean capitalised) {
}
