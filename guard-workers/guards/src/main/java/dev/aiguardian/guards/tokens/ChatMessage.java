package dev.aiguardian.guards.tokens;

/** One chat message as OpenAI-style chat APIs take it; {@code name} is optional. */
public record ChatMessage(String role, String content, String name) {

    public ChatMessage {
        if (role == null || role.isEmpty()) {
            throw new IllegalArgumentException("role is required");
        }
        content = content == null ? "" : content;
    }

    public static ChatMessage of(String role, String content) {
        return new ChatMessage(role, content, null);
    }
}
