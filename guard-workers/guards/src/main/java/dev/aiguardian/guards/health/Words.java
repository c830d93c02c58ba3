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
            while (i < n) {
                char c = text.charAt(i);
                if (len == buf.length) {
                    buf = Arrays.copyOf(buf, len * 2);
                }
                if (Character.isLetterOrDigit(c)) {
                    buf[len++] = Character.toLowerCase(c);
                } else if ((c == '\'' || c == '\u2019') && i + 1 < n && Character.isLetter(text.charAt(i + 1))) {
                    buf[len++] = '\'';
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
            ids[size++] = table.id(buf, len);
        }
    }

    int size() {
        return size;
    }

    String word(int i) {
        return table.word(ids[i]);
    }
}
