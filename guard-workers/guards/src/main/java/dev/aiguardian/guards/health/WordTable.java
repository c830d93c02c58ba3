package dev.aiguardian.guards.health;

import java.util.Arrays;

/**
 * One request's distinct words, each a small int in order of first sight. The checks look a word up
 * by its chars in a buffer they fill anyway, so a word seen before costs one hash probe and no
 * String; what a check knows about a word (known to the word list, its word classes) is worked out
 * once per distinct word and kept here by id. A long answer has a few thousand distinct words at
 * most, so nearly every word in it is a repeat.
 */
final class WordTable {
    private int[] slots = new int[256]; // id + 1 per slot, 0 for empty; at most half full
    private int[] hashes = new int[64];
    private int[] offsets = new int[65]; // each word's chars are chars[offsets[id] .. offsets[id + 1])
    private char[] chars = new char[512];
    private String[] strings = new String[64];
    /** Per id, for the checks: 0 until a check has worked its value out (see the checks' bits). */
    int[] known = new int[64];
    int[] salad = new int[64];
    private int size;

    /** The id of the word {@code buf[0 .. len)}, added when new. */
    int id(char[] buf, int len) {
        int h = 0;
        for (int k = 0; k < len; k++) {
            h = 31 * h + buf[k];
        }
        return id(buf, len, h);
    }

    /** The same, for a caller that hashed the chars as it wrote them: {@code h = 31 * h + c} from 0. */
    int id(char[] buf, int len, int h) {
        int mask = slots.length - 1;
        int at = mix(h) & mask;
        for (int s; (s = slots[at]) != 0; at = at + 1 & mask) {
            int id = s - 1;
            if (hashes[id] == h && equal(id, buf, len)) {
                return id;
            }
        }
        return add(buf, len, h, at);
    }

    /** The id of {@code w}. */
    int id(String w) {
        char[] buf = w.toCharArray();
        int id = id(buf, buf.length);
        if (strings[id] == null) {
            strings[id] = w;
        }
        return id;
    }

    String word(int id) {
        String s = strings[id];
        if (s == null) {
            s = new String(chars, offsets[id], offsets[id + 1] - offsets[id]);
            strings[id] = s;
        }
        return s;
    }

    int length(int id) {
        return offsets[id + 1] - offsets[id];
    }

    private static int mix(int h) {
        return h ^ h >>> 16;
    }

    private boolean equal(int id, char[] buf, int len) {
        int from = offsets[id];
        if (offsets[id + 1] - from != len) {
            return false;
        }
        for (int k = 0; k < len; k++) { // words are short: a loop beats the vectorised compare's set-up
            if (chars[from + k] != buf[k]) {
                return false;
            }
        }
        return true;
    }

    private int add(char[] buf, int len, int h, int at) {
        int id = size++;
        if (id + 1 >= hashes.length) {
            int cap = hashes.length * 2;
            hashes = Arrays.copyOf(hashes, cap);
            offsets = Arrays.copyOf(offsets, cap + 1);
            strings = Arrays.copyOf(strings, cap);
            known = Arrays.copyOf(known, cap);
            salad = Arrays.copyOf(salad, cap);
        }
        int from = offsets[id];
        if (from + len > chars.length) {
            chars = Arrays.copyOf(chars, Math.max(chars.length * 2, from + len));
        }
        System.arraycopy(buf, 0, chars, from, len);
        offsets[id + 1] = from + len;
        hashes[id] = h;
        slots[at] = id + 1;
        if (size * 2 > slots.length) {
            rehash();
        }
        return id;
    }

    private void rehash() {
        slots = new int[slots.length * 2];
        int mask = slots.length - 1;
        for (int id = 0; id < size; id++) {
            int at = mix(hashes[id]) & mask;
            while (slots[at] != 0) {
                at = at + 1 & mask;
            }
            slots[at] = id + 1;
        }
    }
}
