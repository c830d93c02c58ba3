package dev.aiguardian.guards.health;

import java.util.Arrays;

/** The words of an output with their offsets, lower-cased, in one pass: each word as its id in a {@link WordTable}. */
final class Words {
    final WordTable table;
    /** Each word's id and offset; only the first {@link #size()} entries are used. */
    int[] ids = new int[16];
    int[] starts = new int[16];
    private int size;

    Words(String text, WordTable table) {
        this.table = table;
        int n = text.length();
        int i = 0;
        char[] buf = new char[32]; // every word's lower-case form, in turn
        while (i < n) {
            if (!Character.isLetterOrDigit(text.charAt(i))) {
                i++;
                continue;
            }
            int start = i;
            int len = 0;
            int h = 0;
            while (i < n) {
                char c = text.charAt(i);
                if (len == buf.length) {
                    buf = Arrays.copyOf(buf, len * 2);
                }
                // ASCII letters and digits without the Unicode tables; the same answers.
                if (c >= 'a' && c <= 'z' || c >= '0' && c <= '9') {
                    buf[len++] = c;
                    h = 31 * h + c;
                } else if (c >= 'A' && c <= 'Z') {
                    buf[len++] = (char) (c + 32);
                    h = 31 * h + c + 32;
                } else if (c >= 0x80 && Character.isLetterOrDigit(c)) {
                    char l = Character.toLowerCase(c);
                    buf[len++] = l;
                    h = 31 * h + l;
                } else if ((c == '\'' || c == '\u2019') && i + 1 < n && Character.isLetter(text.charAt(i + 1))) {
                    buf[len++] = '\'';
                    h = 31 * h + '\'';
                } else {
                    break;
                }
                i++;
            }
            if (size == starts.length) {
                starts = Arrays.copyOf(starts, size * 2);
                ids = Arrays.copyOf(ids, size * 2);
            }
            starts[size] = start;
            ids[size++] = table.id(buf, len, h);
        }
    }

    int size() {
        return size;
    }

    String word(int i) {
        return table.word(ids[i]);
    }
}
