package dev.aiguardian.guards.trust.normalize;

/**
 * Folds lower-case Cyrillic, Greek and other look-alike letters onto the Latin letter they imitate,
 * the classic trick for slipping "іgnоrе" (Cyrillic і, о, е) past keyword filters.
 */
public final class Homoglyphs {
    private static final char[] TABLE = new char[0x0530];

    static {
        // Pairs of (look-alike, Latin). Only shapes that are really confusable in common fonts.
        String pairs = ""
                // Cyrillic
                + "аaвbеeёeкkмmнhоoрpсcтtуyхxѕsіiїiјjһhԁdԛqԝwӏl"
                // Greek
                + "αaβbεeηnιiκkνvοoρpτtυuχxωwγyζzμuϲcλa"
                // Latin look-alikes that NFKC leaves alone
                + "ıiȷjɡgɑaɩiʏyɴnʀrʟlɪi";
        for (int i = 0; i + 1 < pairs.length(); i += 2) {
            char from = pairs.charAt(i);
            if (from < TABLE.length) {
                TABLE[from] = pairs.charAt(i + 1);
            }
        }
    }

    private Homoglyphs() {
    }

    /** The Latin letter {@code c} imitates, or {@code c} itself; expects lower case. */
    public static char fold(char c) {
        if (c < TABLE.length) {
            char f = TABLE[c];
            return f == 0 ? c : f;
        }
        return c;
    }

    /** True if {@code c} is a non-Latin letter that imitates a Latin one. */
    public static boolean isConfusable(char c) {
        char l = Character.toLowerCase(c);
        return l >= 0x80 && l < TABLE.length && TABLE[l] != 0;
    }
}
