package dev.aiguardian.workers.health;

/** Where in the output an issue is: character offsets, end exclusive. */
public record TextSpan(int start, int end) {
}
