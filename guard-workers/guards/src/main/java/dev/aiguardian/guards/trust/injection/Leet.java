package dev.aiguardian.guards.trust.injection;

import java.util.Set;

/** Reads leetspeak: digits and symbols standing for letters inside a word ("pr3v10u5"). */
public final class Leet {
    private Leet() {
    }

    static boolean isLeet(char c) {
        return switch (c) {
            case '0', '1', '3', '4', '5', '7', '8', '9', '@', '$', '!', '|' -> true;
            default -> false;
        };
    }

    /**
     * Folds a word mixing letters and leet symbols. '1' and '|' may stand for i or l: the reading
     * found in {@code vocabulary} wins, else i.
     */
    public static String fold(String word, Set<String> vocabulary) {
        String asI = map(word, 'i');
        if (vocabulary.contains(asI) || (word.indexOf('1') < 0 && word.indexOf('|') < 0)) {
            return asI;
        }
        String asL = map(word, 'l');
        return vocabulary.contains(asL) ? asL : asI;
    }

    private static String map(String word, char one) {
        char[] c = word.toCharArray();
        for (int i = 0; i < c.length; i++) {
            c[i] = switch (c[i]) {
                case '0' -> 'o';
                case '1', '|' -> one;
                case '!' -> 'i';
                case '3' -> 'e';
                case '4', '@' -> 'a';
                case '5', '$' -> 's';
                case '7' -> 't';
                case '8' -> 'b';
                case '9' -> 'g';
                default -> c[i];
            };
        }
        return new String(c);
    }
}
