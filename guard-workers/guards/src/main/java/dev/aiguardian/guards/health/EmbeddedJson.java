package dev.aiguardian.guards.health;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Finds the JSON objects and arrays inside prose ("Here is the JSON: {...} Hope this helps"), in one
 * pass: each '{' or '[' outside a candidate starts one, which ends at its matching closer (strings
 * respected). Candidates never overlap, so the scan and the parses after it stay linear.
 */
final class EmbeddedJson {
    /**
     * A stretch of the text that may be a JSON document.
     *
     * @param closed whether its brackets balance; an unclosed one runs to the end of the text
     */
    record Candidate(int start, int end, boolean closed) {
    }

    final List<Candidate> candidates = new ArrayList<>();
    /** Offset of a '}' or ']' that closes nothing, or -1: broken JSON rather than prose around JSON. */
    int strayCloser = -1;

    EmbeddedJson(String text) {
        int n = text.length();
        int i = 0;
        while (i < n) {
            char c = text.charAt(i);
            if (c == '{' || c == '[') {
                Candidate k = candidate(text, i);
                candidates.add(k);
                i = k.end();
            } else {
                if ((c == '}' || c == ']') && strayCloser < 0) {
                    strayCloser = i;
                }
                i++;
            }
        }
    }

    private static Candidate candidate(String t, int start) {
        Deque<Character> open = new ArrayDeque<>();
        boolean inString = false;
        for (int i = start; i < t.length(); i++) {
            char c = t.charAt(i);
            if (inString) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    inString = false;
                }
            } else if (c == '"') {
                inString = true;
            } else if (c == '{' || c == '[') {
                open.push(c);
            } else if (c == '}' || c == ']') {
                char o = open.pop();
                if (o == '{' && c != '}' || o == '[' && c != ']' || open.isEmpty()) {
                    return new Candidate(start, i + 1, true); // a mismatched closer ends it too: parsing will say why
                }
            }
        }
        return new Candidate(start, t.length(), false);
    }
}
