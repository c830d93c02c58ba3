package dev.aiguardian.guards.health;

import java.util.List;

/**
 * Finds text that is not language: too few known English words, or a soup of symbols. Code
 * blocks, URLs, e-mail addresses and identifiers are left out of the count, and the word test
 * is skipped for other languages (option {@code language}) and for non-Latin scripts.
 */
final class GibberishCheck {
    /** Below this share of known words an English answer is not readable. */
    static final double MIN_KNOWN_SHARE = 0.6;
    static final double MAX_SYMBOL_SHARE = 0.3;
    private static final int MIN_WORDS = 4;

    private final WordList wordList;

    GibberishCheck(WordList wordList) {
        this.wordList = wordList;
    }

    /** Adds an issue when the text is gibberish; returns the known-word share, or null when not measured. */
    Double check(String text, boolean english, List<HealthIssue> out) {
        return check(text, english, new WordTable(), out);
    }

    /** The same, numbering words in {@code table}, which the request's other checks may share. */
    Double check(String text, boolean english, WordTable table, List<HealthIssue> out) {
        int counted = 0;
        int known = 0;
        int latin = 0;
        int nonLatin = 0;
        int symbols = 0;
        int visible = 0;
        boolean inFence = false;
        char[] buf = new char[32];
        int n = text.length();
        int i = 0;
        while (i < n) {
            if (text.startsWith("```", i) && (i == 0 || text.charAt(i - 1) == '\n')) {
                inFence = !inFence;
                int nl = text.indexOf('\n', i);
                i = nl < 0 ? n : nl + 1;
                continue;
            }
            int nl = text.indexOf('\n', i);
            int lineEnd = nl < 0 ? n : nl;
            if (inFence) {
                i = lineEnd + 1;
                continue;
            }
            // One whitespace-separated chunk at a time, so URLs and identifiers can be skipped whole.
            while (i < lineEnd) {
                while (i < lineEnd && Words.space(text.charAt(i))) {
                    i++;
                }
                int s = i;
                while (i < lineEnd && !Words.space(text.charAt(i))) {
                    i++;
                }
                if (s == i) {
                    continue;
                }
                // One pass per chunk both counts its characters and decides whether the chunk is skippable.
                boolean skip = false;
                boolean upper = true;
                boolean lowerSeen = false;
                boolean camel = false;
                int letters = 0;
                if (buf.length < i - s) {
                    buf = new char[Math.max(i - s, buf.length * 2)];
                }
                // The same pass also writes the word the chunk stands for (its letters lower-cased and
                // inner apostrophes, up to an inner hyphen) and hashes it, as WordTable takes it.
                int length = 0;
                int h = 0;
                boolean collecting = true;
                for (int k = s; k < i; k++) {
                    char c = text.charAt(k);
                    visible++;
                    if (c >= 'a' && c <= 'z') { // the common case, without the Unicode tables
                        latin++;
                        letters++;
                        lowerSeen = true;
                        upper = false;
                        if (collecting) {
                            buf[length++] = c;
                            h = 31 * h + c;
                        }
                    } else if (Character.isLetter(c)) {
                        if (c < 0x250) {
                            latin++;
                        } else {
                            nonLatin++;
                        }
                        letters++;
                        if (Character.isLowerCase(c)) {
                            lowerSeen = true;
                            upper = false;
                        } else if (lowerSeen) {
                            camel = true;
                        }
                        if (collecting) {
                            char l = Character.toLowerCase(c);
                            buf[length++] = l;
                            h = 31 * h + l;
                        }
                    } else if (Character.isDigit(c)) {
                        skip = true;
                    } else {
                        if (collecting && length > 0 && k + 1 < i && Character.isLetter(text.charAt(k + 1))) {
                            if (c == '\'' || c == '\u2019') {
                                buf[length++] = '\'';
                                h = 31 * h + '\'';
                            } else if (c == '-') {
                                // Hyphenated compounds count as known when their first part is: "well-known".
                                collecting = false;
                            }
                        }
                        if (".,;:!?'\"()-\u2019\u201C\u201D%$*#/&".indexOf(c) < 0) {
                            symbols++;
                        }
                        skip |= identifierChar(c)
                                || c == '.' && k > s && k + 1 < i && Character.isLetter(text.charAt(k + 1));
                    }
                }
                // Acronyms (API, NATO) and camelCase identifiers.
                if (skip || letters == 0 || camel || upper && letters <= 6) {
                    continue;
                }
                if (length >= 2) {
                    int id = table.id(buf, length, h);
                    int k = table.known[id]; // 0 until asked: 1 unknown, 2 known
                    if (k == 0) {
                        k = wordList.known(table.word(id)) ? 2 : 1;
                        table.known[id] = k;
                    }
                    counted++;
                    if (k == 2) {
                        known++;
                    }
                }
            }
            i = lineEnd + 1;
        }
        if (visible >= 20 && symbols > MAX_SYMBOL_SHARE * visible) {
            out.add(new HealthIssue("gibberish", String.format(java.util.Locale.ROOT,
                    "%d of %d characters are symbols", symbols, visible), Math.min(1.0, symbols / (double) visible + 0.4),
                    null));
            return counted == 0 ? null : known / (double) counted;
        }
        if (!english || nonLatin > latin || counted < MIN_WORDS) {
            return counted == 0 ? null : known / (double) counted;
        }
        double share = known / (double) counted;
        if (share < MIN_KNOWN_SHARE) {
            out.add(new HealthIssue("gibberish", String.format(java.util.Locale.ROOT,
                    "only %d of %d words are English words (%.0f%%, expected at least %.0f%%)", known, counted,
                    share * 100, MIN_KNOWN_SHARE * 100), Math.min(1.0, 1.0 - share), null));
        }
        return share;
    }

    /**
     * Characters of URLs, addresses, paths and code: a chunk holding one (or a digit, or a dot between
     * letters: example.com, obj.method) says nothing about readability.
     */
    private static boolean identifierChar(char c) {
        return c == '@' || c == '_' || c == '/' || c == '\\' || c == '=' || c == '<' || c == '>' || c == '`'
                || c == '{' || c == '}' || c == '[' || c == ']' || c == '|' || c == '~' || c == '+';
    }
}
