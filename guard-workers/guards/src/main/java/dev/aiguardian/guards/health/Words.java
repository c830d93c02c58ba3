package dev.aiguardian.guards.health;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** The words of an output with their offsets, lower-cased, in one pass. */
final class Words {
    final List<String> words = new ArrayList<>();
    /** Each word's offset; only the first {@link #size()} entries are used. */
    int[] starts = new int[16];

    Words(String text) {
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
            if (words.size() == starts.length) {
                starts = Arrays.copyOf(starts, starts.length * 2);
            }
            starts[words.size()] = start;
            words.add(new String(buf, 0, len));
        }
    }

    int size() {
        return words.size();
    }
}
