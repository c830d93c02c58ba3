package dev.aiguardian.schemas;

/** Why a request failed: a short machine-readable type and a message for people. */
public record ErrorInfo(String type, String message) {
}
