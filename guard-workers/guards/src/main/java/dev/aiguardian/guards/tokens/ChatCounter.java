package dev.aiguardian.guards.tokens;

import java.util.List;

/**
 * Counts the prompt tokens of a chat request in the OpenAI chat format: every message costs
 * {@value #TOKENS_PER_MESSAGE} tokens of framing plus its encoded role and content, a {@code name}
 * costs {@value #TOKENS_PER_NAME} more plus its encoding, and the reply is primed with
 * {@value #REPLY_PRIMING} tokens. This is the formula OpenAI documents for gpt-3.5-turbo/gpt-4 and
 * later models (cookbook "How to count tokens with tiktoken"); an estimate for other vendors.
 */
public final class ChatCounter {

    public static final int TOKENS_PER_MESSAGE = 3;
    public static final int TOKENS_PER_NAME = 1;
    public static final int REPLY_PRIMING = 3;

    private final TokenCounter counter;

    public ChatCounter(TokenCounter counter) {
        this.counter = counter;
    }

    /** Tokens of one message including its framing, without the reply priming. */
    public int message(ChatMessage m, TokenCounter.Bpe bpe) {
        int n = TOKENS_PER_MESSAGE + counter.count(m.role(), bpe) + counter.count(m.content(), bpe);
        if (m.name() != null) {
            n += TOKENS_PER_NAME + counter.count(m.name(), bpe);
        }
        return n;
    }

    /** Prompt tokens of the whole request: every message plus the reply priming. */
    public int count(List<ChatMessage> messages, TokenCounter.Bpe bpe) {
        int n = REPLY_PRIMING;
        for (ChatMessage m : messages) {
            n += message(m, bpe);
        }
        return n;
    }
}
