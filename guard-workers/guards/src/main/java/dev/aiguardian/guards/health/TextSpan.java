package dev.aiguardian.guards.health;

/** Where in the output an issue is: character offsets, end exclusive. */
public record TextSpan(int start, int end) {
}
