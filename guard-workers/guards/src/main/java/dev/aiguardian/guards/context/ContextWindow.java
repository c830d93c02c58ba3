package dev.aiguardian.guards.context;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.aiguardian.guards.tokens.ChatCounter;
import dev.aiguardian.guards.tokens.ChatMessage;
import dev.aiguardian.guards.tokens.TokenCounter;

/**
 * The turns to send to the model next, newest first, within a token budget. Pinned and system
 * turns are always in (they are the instructions); then the newest other turns while they fit,
 * stopping at the first that does not, so the window is a contiguous recent history. Tokens are
 * counted as the chat request will cost them: content plus the chat format's per-message framing
 * and the reply priming ({@link ChatCounter}).
 *
 * @param turns   newest first
 * @param tokens  chat-format tokens of these turns as one request
 * @param budget  the budget asked for
 * @param omitted remembered turns left out for lack of budget
 */
public record ContextWindow(List<Turn> turns, int tokens, int budget, int omitted) {

    public ContextWindow {
        turns = List.copyOf(turns);
    }

    /** Selects the window from the memory's turns (oldest first, as {@link SessionMemory} keeps them). */
    public static ContextWindow select(List<Turn> remembered, int budget, TokenCounter counter, TokenCounter.Bpe bpe) {
        ChatCounter chat = new ChatCounter(counter);
        // A message's framing depends on its role alone: counted once per role, not once per turn.
        Map<String, Integer> framing = new HashMap<>(4);
        int n = remembered.size();
        int[] cost = new int[n];
        boolean[] in = new boolean[n];
        int used = ChatCounter.REPLY_PRIMING;
        for (int i = 0; i < n; i++) {
            Turn t = remembered.get(i);
            // The turn's content count is already known; only the framing and role are added here.
            cost[i] = t.tokens()
                    + framing.computeIfAbsent(t.role(), role -> chat.message(new ChatMessage(role, "", null), bpe));
            if (t.kept()) {
                in[i] = true;
                used += cost[i];
            }
        }
        for (int i = n - 1; i >= 0; i--) {
            if (in[i]) {
                continue;
            }
            if (used + cost[i] > budget) {
                break;
            }
            in[i] = true;
            used += cost[i];
        }
        List<Turn> out = new ArrayList<>();
        for (int i = n - 1; i >= 0; i--) {
            if (in[i]) {
                out.add(remembered.get(i));
            }
        }
        return new ContextWindow(out, out.isEmpty() ? 0 : used, budget, n - out.size());
    }
}
