package dev.aiguardian.guards.trust.normalize;

/** Recognises zero-width and other invisible code points used to split words past filters. */
public final class Invisibles {
    private Invisibles() {
    }

    public static boolean isInvisible(int cp) {
        if (cp < 0x80) {
            return false;
        }
        if (Character.getType(cp) == Character.FORMAT) {
            // ZWSP, ZWNJ, ZWJ, LRM/RLM, word joiner, BOM, soft hyphen, tag characters...
            return true;
        }
        return cp == 0x034F // combining grapheme joiner
                || (cp >= 0xFE00 && cp <= 0xFE0F) // variation selectors
                || (cp >= 0xE0100 && cp <= 0xE01EF)
                || cp == 0x115F || cp == 0x1160 || cp == 0x3164 || cp == 0xFFA0 // Hangul fillers
                || cp == 0x2800; // braille blank
    }
}
