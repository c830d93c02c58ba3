package dev.aiguardian.guards.trust.normalize;

import java.util.concurrent.ConcurrentHashMap;

import dev.aiguardian.guards.text.Ascii;

/**
 * Builds the normalised views detectors run on. {@link #clean} applies Unicode NFKC and drops
 * invisible characters (exact-format detectors: secrets, PII, URLs); {@link #fold} additionally
 * strips diacritics, lower-cases and folds homoglyphs (word detectors: injection). Both keep an
 * offset map back to the original text.
 */
public final class Normalizer {
    // Per-code-point results; the set of distinct non-ASCII code points seen in practice is small.
    private static final int CACHE_LIMIT = 20_000;
    private static final ConcurrentHashMap<Integer, String> CLEAN_CACHE = new ConcurrentHashMap<>();
    private static final ConcurrentHashMap<Integer, String> FOLD_CACHE = new ConcurrentHashMap<>();

    private Normalizer() {
    }

    /** NFKC (per code point) and invisible-character removal; case and script are kept. */
    public static TextView clean(TextView src) {
        return build(src, false);
    }

    /** {@link #clean} plus diacritic stripping, lower case and homoglyph folding. */
    public static TextView fold(TextView src) {
        return build(src, true);
    }

    /** {@link #fold} of a view the caller has found all ASCII: its lower case, with no second test. */
    public static TextView foldAscii(TextView src) {
        return remap(src, asciiLower(src.text()));
    }

    private static TextView build(TextView src, boolean fold) {
        String s = src.text();
        int n = s.length();
        if (Ascii.isAscii(s)) {
            // The common case: a 1:1 map, so the source's offsets carry over unchanged.
            if (!fold) {
                return src;
            }
            String lower = asciiLower(s);
            return remap(src, lower);
        }
        StringBuilder out = new StringBuilder(n);
        int[] starts = new int[n + 8];
        int[] ends = new int[n + 8];
        int i = 0;
        while (i < n) {
            int cp = s.codePointAt(i);
            int cc = Character.charCount(cp);
            int os = src.originalStart(i);
            int oe = src.originalEndOf(i + cc - 1);
            if (cp < 0x80) {
                char c = (char) cp;
                if (fold && c >= 'A' && c <= 'Z') {
                    c = (char) (c + 32);
                }
                starts = ensure(starts, out.length() + 1);
                ends = ensure(ends, out.length() + 1);
                starts[out.length()] = os;
                ends[out.length()] = oe;
                out.append(c);
            } else if (!Invisibles.isInvisible(cp)) {
                String rep = fold ? foldCodePoint(cp) : cleanCodePoint(cp);
                starts = ensure(starts, out.length() + rep.length());
                ends = ensure(ends, out.length() + rep.length());
                for (int k = 0; k < rep.length(); k++) {
                    starts[out.length()] = os;
                    ends[out.length()] = oe;
                    out.append(rep.charAt(k));
                }
            }
            i += cc;
        }
        return TextView.mapped(out.toString(), starts, ends);
    }

    private static TextView remap(TextView src, String sameLength) {
        if (src.isIdentity()) {
            return TextView.identity(sameLength);
        }
        if (src.isConstant()) {
            return TextView.constant(sameLength, src.originalStart(0), src.originalEndOf(0));
        }
        int n = sameLength.length();
        int[] st = new int[n];
        int[] en = new int[n];
        for (int i = 0; i < n; i++) {
            st[i] = src.originalStart(i);
            en[i] = src.originalEndOf(i);
        }
        return TextView.mapped(sameLength, st, en);
    }

    static String cleanCodePoint(int cp) {
        String cached = CLEAN_CACHE.get(cp);
        if (cached != null) {
            return cached;
        }
        String r = java.text.Normalizer.normalize(new String(Character.toChars(cp)), java.text.Normalizer.Form.NFKC);
        r = dropInvisibles(r);
        if (CLEAN_CACHE.size() < CACHE_LIMIT) {
            CLEAN_CACHE.put(cp, r);
        }
        return r;
    }

    static String foldCodePoint(int cp) {
        String cached = FOLD_CACHE.get(cp);
        if (cached != null) {
            return cached;
        }
        // NFKD splits "é" into "e" + combining accent; the accent is dropped so "ïgnörë" reads "ignore".
        String d = java.text.Normalizer.normalize(cleanCodePoint(cp), java.text.Normalizer.Form.NFKD);
        StringBuilder b = new StringBuilder(d.length());
        for (int k = 0; k < d.length(); k++) {
            char c = d.charAt(k);
            if (Character.getType(c) == Character.NON_SPACING_MARK) {
                continue;
            }
            b.append(Homoglyphs.fold(Character.toLowerCase(c)));
        }
        String r = b.toString();
        if (FOLD_CACHE.size() < CACHE_LIMIT) {
            FOLD_CACHE.put(cp, r);
        }
        return r;
    }

    private static String dropInvisibles(String s) {
        StringBuilder b = null;
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            int cc = Character.charCount(cp);
            if (Invisibles.isInvisible(cp)) {
                if (b == null) {
                    b = new StringBuilder(s.substring(0, i));
                }
            } else if (b != null) {
                b.appendCodePoint(cp);
            }
            i += cc;
        }
        return b == null ? s : b.toString();
    }

    private static int[] ensure(int[] a, int size) {
        if (size <= a.length) {
            return a;
        }
        return java.util.Arrays.copyOf(a, Math.max(size, a.length * 2));
    }

    /** Lower case of an all-ASCII {@code s}: only A-Z change, so the root locale's rules are exactly that (and run on the bytes, with no char[] copy). */
    static String asciiLower(String s) {
        return s.toLowerCase(java.util.Locale.ROOT);
    }
}
